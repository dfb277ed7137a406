// Stand-in for Smartsupp's https://www.smartsuppchat.com/loader.js, which cannot load here. Like the
// real one it reads window._smartsupp, takes over the queue its stub collected, and runs the chat in a
// same-origin iframe that writes with that frame's own localStorage and document.cookie. It keeps the
// commands it got in window.__smartsupp, for the demo's panel and the tests.
(() => {
  const options = { ...(window._smartsupp || {}) };
  const state = (window.__smartsupp = { options, calls: [], consent: { analytics: false, marketing: false } });
  const widgetUrl = new URL('widget.html', document.currentScript.src).href;
  let widget = null;
  const waiting = [];

  const run = (args) => {
    const [command, value] = args;
    state.calls.push([...args]);
    if (command === 'analyticsConsent') state.consent.analytics = value === true;
    if (command === 'marketingConsent') state.consent.marketing = value === true;
    if (widget) widget.command(command, value);
    else waiting.push([command, value]);
  };
  const queued = window.smartsupp?._ || [];
  window.smartsupp = function smartsupp() { run(arguments); };
  window.smartsupp._ = [];
  for (const args of queued) run(args);

  const frame = document.createElement('iframe');
  frame.title = 'Chat';
  frame.src = widgetUrl;
  // Sized through the CSSOM (allowed by a style-src 'self' CSP), as the real widget sizes its frame.
  const size = (open) => Object.assign(frame.style, {
    position: 'fixed', right: '16px', bottom: '16px', border: '0', zIndex: '2147482000', colorScheme: 'normal',
    width: open ? 'min(360px, calc(100vw - 32px))' : '64px', height: open ? 'min(480px, calc(100vh - 32px))' : '64px',
  });
  size(false);
  frame.addEventListener('load', () => {
    widget = frame.contentWindow.smartsuppWidget;
    widget.start(options, state, size);
    for (const [command, value] of waiting.splice(0)) widget.command(command, value);
  });
  const attach = () => document.body.append(frame);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
})();
