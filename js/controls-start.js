// The banner first. smartcp.js starts the controls as soon as smartcp-reopen.js is here and, on a first
// visit, the banner as soon as smartcp-ui.js is too, without waiting for smartcp-core.js: that file is
// fetched only once the banner is painted (bannerUp), so that the banner's files have the network and the
// main thread to themselves. The runtime (smartcp-core.js) takes the controls over when it starts; a
// choice made on the banner meanwhile waits for it (k.ready), and the dialog's catalog and the stored
// record are its (k.late).

/**
 * @param {object} k the kernel smartcp.js hands over (js/loader.js)
 * @param {typeof import('./controls.js').createUiControl} createUiControl
 * @returns {{ui: ReturnType<typeof createUiControl>, bannerUp: Promise<void>}} bannerUp: the banner is painted,
 *   or will not be (a returning visitor, no banner under "gpc": "all" with the signal, a failure, 3 s)
 */
export function startControls(k, createUiControl) {
  const { I, win, early } = k;
  const doc = win.document;
  const then = (promise, done, failed) => I.promiseThen(promise, done, failed);
  const chooseFailed = k.report('the choice could not be recorded');
  const ui = createUiControl({
    win, load: k.load, nonce: k.nonce, early, ready: k.ready,
    catalog: (lang) => k.late.catalog(lang),
    getRecord: () => k.late.record(),
    // A choice made on the banner before the core is ready is recorded as soon as it is.
    choose: (method, analytics, marketing, proof) => new I.Promise((done) => {
      const failed = (error) => {
        chooseFailed(error);
        done();
      };
      then(k.ready, () => {
        try {
          done(k.late.choose(method, analytics, marketing, proof));
        } catch (error) {
          failed(error);
        }
      }, failed);
    }),
    onSiteAction: (action) => { (action === 'accept-all' ? k.api.api.acceptAll() : k.api.api.rejectAll()).catch(() => {}); },
    onError: k.report('the banner could not be shown'),
  });

  // No stored choice: the banner is shown, and the runtime and the core are fetched once it is painted.
  // Under "gpc": "all" with the signal there is no banner.
  const firstVisit = !k.stored && !(early.gpc === 'all' && win.navigator.globalPrivacyControl === true);
  const bannerUp = new I.Promise((resolve) => {
    I.setTimeout(resolve, 3000);  // a slow banner does not hold the core back
    if (!firstVisit || !k.uiModule) {
      resolve();
      return;
    }
    // After the frame that paints the banner; a tab in the background paints nothing, so it does not wait.
    const painted = () => {
      if (I.visibility(doc) !== 'visible') resolve();
      else win.requestAnimationFrame(() => I.setTimeout(resolve, 0));
    };
    then(k.uiModule, () => {
      try {
        then(I.resolved(ui.start()), painted, resolve);
      } catch {
        resolve();
      }
    }, resolve);
  });
  return { __proto__: null, ui, bannerUp };
}
