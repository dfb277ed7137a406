// Same-origin frames have their own document and Storage prototypes, so a guard on the top window
// does not see their writes (Smartsupp's chat writes from one). This installs the guard on every
// same-origin frame as soon as the page can reach it: when a script asks for its contentWindow or
// contentDocument, when it is inserted, and after each load. Writes a frame makes before that (an
// inline script of a srcdoc) are left to detection: the clean-up sweep.
import { installGuard } from './guard.js';

/**
 * @param {Window & typeof globalThis} top
 * @param {import('./guard.js').GuardOptions} options
 * @returns {{flush(): void, readonly pending: number, readonly windows: number}}
 */
export function guardWindowAndFrames(top, options) {
  const handles = [];
  const onError = options.onError ?? (() => {});

  const guardWindow = (win) => {
    try {
      if (!win) return;
      void win.document;  // throws for a cross-origin frame: not ours to guard
      const before = handles.length;
      const handle = installGuard(win, options);
      if (!handles.includes(handle)) handles.push(handle);
      if (handles.length > before) watchFrames(win);
    } catch (error) {
      if (!(error instanceof DOMException)) onError(error);
    }
  };

  const watchFrames = (win) => {
    const proto = win.HTMLIFrameElement.prototype;
    const contentWindow = Object.getOwnPropertyDescriptor(proto, 'contentWindow');
    const contentDocument = Object.getOwnPropertyDescriptor(proto, 'contentDocument');
    const frameWindow = (frame) => contentWindow.get.call(frame);
    Object.defineProperty(proto, 'contentWindow', {
      configurable: true,
      enumerable: contentWindow.enumerable,
      get() {
        const w = frameWindow(this);
        guardWindow(w);
        return w;
      },
    });
    Object.defineProperty(proto, 'contentDocument', {
      configurable: true,
      enumerable: contentDocument.enumerable,
      get() {
        guardWindow(frameWindow(this));
        return contentDocument.get.call(this);
      },
    });
    const seen = new WeakSet();
    const adopt = (frame) => {
      guardWindow(frameWindow(frame));
      if (seen.has(frame)) return;
      seen.add(frame);
      frame.addEventListener('load', () => guardWindow(frameWindow(frame)));  // a navigation makes a new window
    };
    const scan = (node) => {
      if (node.nodeName === 'IFRAME') adopt(node);
      node.querySelectorAll?.('iframe').forEach(adopt);
    };
    new win.MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach(scan);
    }).observe(win.document, { childList: true, subtree: true });
    scan(win.document);
  };

  guardWindow(top);
  return {
    flush() {
      for (const handle of handles) handle.flush();
    },
    get pending() {
      return handles.reduce((sum, h) => sum + h.pending, 0);
    },
    get windows() {
      return handles.length;
    },
    native: handles[0]?.native,
  };
}
