// Every same-origin window is guarded, synchronously, before the code that made it gets it back: a new
// realm has pristine built-ins (its own Document, Storage, CookieStore), which a tracker would use.
// - Frames: after every DOM insertion (insertion methods, HTML setters, document.write, shadow roots,
//   ranges) the new frames are guarded before the method returns, also those reached only through
//   frames[i], window[i] or a name; contentWindow and contentDocument guard before they answer.
// - Navigations: a frame that loads a new document gets a new realm; it is guarded in a capturing load
//   listener of its parent document, which runs before the page's own load handlers.
// - Popups: window.open guards what it returns.
// Each realm gets its own captured intrinsics and the same gate, holds and registries.
import { guardCookies } from './cookies.js';
import { guardWebStorage } from './web-storage.js';
import { guardCookieStore } from './cookie-store.js';
import { guardIndexedDb } from './indexeddb.js';
import { guardCacheStorage } from './cache-storage.js';
import { guardRequests } from './requests.js';
import { guardElements } from './elements.js';
import { hookAccessor, hookMethod } from './hook.js';

const FRAMES = 'iframe,frame,object,embed';
// The same elements by tag name, for the parser's insertions (a lookup, no native call). Written out, not
// derived from FRAMES: this runs before the built-ins are captured.
const FRAME_TAGS = { __proto__: null, IFRAME: true, FRAME: true, OBJECT: true, EMBED: true };

/**
 * @param {object} kernel {gate, holds, hosts, registry, remember, blocked, onRealm, onError}
 * @returns {{guard: (win: any, I?: object) => boolean, windows: () => any[]}}
 */
export function createRealms(kernel) {
  const windows = [];  // [{win, realm, I, cookie}], top first
  let records = null;  // a realm (its Window.prototype) -> its record; made with the top realm's intrinsics
  let documents = null;  // documents already watched
  let I0 = null;

  // The realm `win` has now: a frame that navigates keeps its WindowProxy and gets a new Window, whose
  // prototype (immutable) is the new realm's. Null for anything but a same-origin window.
  const realmOf = (win, I) => {
    try {
      I.windowDocument(win);
      return I.getPrototypeOf(win);
    } catch {
      return null;
    }
  };

  // A realm's intrinsics: the top realm's, captured first (a frame whose own scripts ran before it was
  // reached may have replaced its built-ins), with the realm's own constructors for what the page gets
  // back (errors, promises), as natively.
  const ofRealm = (win) => {
    const P = win.Promise;
    const resolve = P.resolve;
    const reject = P.reject;
    return I0.freeze({
      __proto__: null,
      ...I0,
      TypeError: win.TypeError, Error: win.Error, DOMException: win.DOMException, Promise: P,
      resolved: (value) => I0.apply(resolve, P, [value]),
      rejected: (reason) => I0.apply(reject, P, [reason]),
    });
  };

  const closed = (win) => {
    try {
      return I0.windowClosed(win);
    } catch {
      return true;
    }
  };

  // Guards `win` if it is a same-origin window whose realm is not yet guarded; true when it is guarded now.
  function guard(win, given) {
    if (win === null || (typeof win !== 'object' && typeof win !== 'function')) return false;
    const realm = realmOf(win, I0 ?? given);
    if (!realm) return false;
    if (records && I0.weakHas(records, realm)) {
      perDocument(I0.weakGet(records, realm));
      return true;
    }
    let I;
    try {
      I = given ?? ofRealm(win);
    } catch {
      return false;
    }
    if (!records) {
      I0 = I;
      records = new I.WeakMap();
      documents = new I.WeakSet();
    }
    const record = { __proto__: null, win, realm, I, cookie: I.getOwnPropertyDescriptor(win.Document.prototype, 'cookie') };
    I0.weakSet(records, realm, record);
    windows[windows.length] = record;
    try {
      install(record);
    } catch (error) {
      kernel.onError(error);
    }
    return true;
  }

  const adopt = (win) => {
    try {
      guard(win);
    } catch (error) {
      kernel.onError(error);
    }
  };

  function install(record) {
    const { win, I } = record;
    const { gate, holds, hosts, registry, remember, blocked } = kernel;
    // Natives of this realm first, then the hooks.
    const n = guardElements(win, I, holds);
    guardCookies(win, I, gate, remember);
    record.storage = guardWebStorage(win, I, gate, registry, adopt);
    guardCookieStore(win, I, gate, remember);
    // The natives the clean-up lists and deletes these stores with.
    record.stores = I.create(null);
    guardIndexedDb(win, I, gate, record.stores);
    guardCacheStorage(win, I, gate, record.stores);
    guardRequests(win, I, hosts, blocked);

    const N = win.Node.prototype;
    const E = win.Element.prototype;
    const length = I.getOwnPropertyDescriptor(win, 'length')?.get;
    const nodeType = I.getter(N, 'nodeType');
    const matches = I.uncurry(E.matches);
    const shadowRoots = [];  // every shadow root of this realm, open or closed
    const shadowHosts = [];  // their hosts, in the same order
    const frameWindow = (el) => {
      for (let i = 0; i < frameGetters.length; i++) {
        try {
          return frameGetters[i](el);
        } catch {
          // not this kind of frame element
        }
      }
      return null;
    };
    const frameGetters = [];
    const defaultView = I.getter(win.Document.prototype, 'defaultView');

    // The frames `win` has now: those in its document tree, and those under `roots` (inserted nodes,
    // shadow roots), which frames[i] does not list.
    const adoptFrames = (roots) => {
      const count = length ? I.apply(length, win, []) : 0;
      for (let i = 0; i < count; i++) adopt(win[i]);
      for (let r = 0; r < roots.length; r++) {
        const root = roots[r];
        let type;
        try {
          type = nodeType(root);
        } catch {
          continue;
        }
        if (type !== 1 && type !== 11 && type !== 9) continue;
        const found = n.querySelectorAll(root, FRAMES);
        for (let i = 0; i < found.length; i++) adopt(frameWindow(found[i]));
        if (type === 1 && matches(root, FRAMES)) adopt(frameWindow(root));
      }
      for (let i = 0; i < shadowRoots.length; i++) {
        const found = n.querySelectorAll(shadowRoots[i], FRAMES);
        for (let j = 0; j < found.length; j++) adopt(frameWindow(found[j]));
      }
    };

    // contentWindow, contentDocument (and getSVGDocument) guard the frame's window before answering.
    const frameClasses = [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement, win.HTMLEmbedElement];
    for (let i = 0; i < frameClasses.length; i++) {
      const proto = frameClasses[i]?.prototype;
      if (!proto) continue;
      const d = I.getOwnPropertyDescriptor(proto, 'contentWindow');
      if (d) {
        const get = I.uncurry(d.get);
        frameGetters[frameGetters.length] = get;
        hookAccessor(I, proto, 'contentWindow', { get: (native, self) => { adopt(get(self)); return get(self); } });
        hookAccessor(I, proto, 'contentDocument', { get: (native, self) => { adopt(get(self)); return I.apply(native, self, []); } });
      }
      // <embed> has no contentWindow: its document's window, for a same-origin one.
      const svg = I.getOwnPropertyDescriptor(proto, 'getSVGDocument')?.value;
      if (!d && svg) frameGetters[frameGetters.length] = (el) => defaultView(I.apply(svg, el, []));
      hookMethod(I, proto, 'getSVGDocument', (native, self, args) => {
        adopt(frameWindow(self));
        return I.apply(native, self, args);
      });
    }

    // Insertions: what goes to a tracker waits; new frames are guarded before the call returns.
    const inserting = (args, from) => {
      for (let i = from; i < args.length; i++) {
        try {
          holds.beforeInsert(args[i], n);
        } catch (error) {
          kernel.onError(error);
        }
      }
    };
    // Whether the nodes given bring a frame (most insertions do not: one native query each).
    const bringsFrame = (args) => {
      for (let i = 0; i < args.length; i++) {
        try {
          const type = nodeType(args[i]);
          if ((type === 1 && matches(args[i], FRAMES)) || ((type === 1 || type === 11) && n.has(args[i], FRAMES))) return true;
        } catch {
          // not a node: the native call says so
        }
      }
      return false;
    };
    // Whether the nodes given carry a shadow root: a frame in it gets its window as they are connected, and
    // no query of theirs reaches it. Most insertions do not (the widget's own UI among them): then the shadow
    // roots are not searched again.
    const contains = I.uncurry(N.contains);
    const bringsShadow = (args) => {
      for (let h = 0; h < shadowHosts.length; h++) {
        for (let i = 0; i < args.length; i++) {
          try {
            if (contains(args[i], shadowHosts[h])) return true;  // the host itself included
          } catch {
            // not a node: the native call says so
          }
        }
      }
      return false;
    };
    const insertion = (proto, name, nodesFrom) => hookMethod(I, proto, name, (native, self, args) => {
      inserting(args, nodesFrom);
      const result = I.apply(native, self, args);
      if (bringsFrame(args) || bringsShadow(args)) adoptFrames(args);
      return result;
    });
    insertion(N, 'appendChild', 0);
    insertion(N, 'insertBefore', 0);
    insertion(N, 'replaceChild', 0);
    const PARENTS = [E, win.Document.prototype, win.DocumentFragment.prototype];
    const METHODS = ['append', 'prepend', 'replaceChildren', 'before', 'after', 'replaceWith', 'insertAdjacentElement', 'moveBefore'];
    for (let p = 0; p < PARENTS.length; p++) {
      for (let m = 0; m < METHODS.length; m++) insertion(PARENTS[p], METHODS[m], METHODS[m] === 'insertAdjacentElement' ? 1 : 0);
    }
    if (win.CharacterData) {
      insertion(win.CharacterData.prototype, 'before', 0);
      insertion(win.CharacterData.prototype, 'after', 0);
      insertion(win.CharacterData.prototype, 'replaceWith', 0);
    }
    if (win.Range) {
      insertion(win.Range.prototype, 'insertNode', 0);
      insertion(win.Range.prototype, 'surroundContents', 0);
    }
    hookAccessor(I, win.Document.prototype, 'body', {
      set(native, self, value) {
        inserting([value], 0);
        I.apply(native, self, [value]);
        adoptFrames([value]);
      },
    });

    // HTML parsed into the document: held in the markup, then the frames it made are guarded.
    const parent = I.getter(N, 'parentNode');
    const html = (proto, name, index, where) => {
      const method = (native, self, args) => {
        if (index < 0) {
          // document.write(a, b, …) writes their concatenation: held as one string, not one piece each;
          // passed on as given when nothing in it is held.
          let joined = '';
          let allTrusted = args.length > 0;
          for (let i = 0; i < args.length; i++) {
            joined += I.String(args[i]);
            if (!holds.isTrustedHtml(args[i])) allTrusted = false;
          }
          const held = holds.html(joined, n, allTrusted ? args[0] : joined);
          if (held !== joined) args = [held];
        } else if (args.length > index) {
          args[index] = holds.html(args[index], n);
        }
        const scope = where(self, args);
        const result = I.apply(native, self, args);
        holds.collect(scope, n);
        adoptFrames([scope]);
        return result;
      };
      const d = proto && I.getOwnPropertyDescriptor(proto, name);
      if (!d) return;
      if (d.set) hookAccessor(I, proto, name, { set: (native, self, value) => method(native, self, [value]) });
      else hookMethod(I, proto, name, method);
    };
    const self = (el) => el;
    const around = (el, args) => {
      const p = parent(el);
      return args[0] === 'beforebegin' || args[0] === 'afterend' || args[0] === undefined ? p ?? el : el;
    };
    html(E, 'innerHTML', 0, self);
    html(E, 'outerHTML', 0, (el) => parent(el) ?? el);
    html(E, 'insertAdjacentHTML', 1, around);
    html(E, 'setHTMLUnsafe', 0, self);
    html(win.ShadowRoot?.prototype, 'innerHTML', 0, self);
    html(win.ShadowRoot?.prototype, 'setHTMLUnsafe', 0, self);
    const rootOf = (doc) => doc;
    html(win.Document.prototype, 'write', -1, rootOf);
    html(win.Document.prototype, 'writeln', -1, rootOf);
    if (win.Range) {
      hookMethod(I, win.Range.prototype, 'createContextualFragment', (native, self, args) => {
        if (args.length) args[0] = holds.html(args[0], n);
        const fragment = I.apply(native, self, args);
        holds.collect(fragment, n);
        return fragment;
      });
    }

    // Editing commands insert HTML too (insertHTML in a contenteditable, designMode).
    hookMethod(I, win.Document.prototype, 'execCommand', (native, self, args) => {
      const result = I.apply(native, self, args);
      adoptFrames([self]);
      return result;
    });

    // Shadow roots, closed ones too: their frames are found, and their frames' loads are seen.
    hookMethod(I, E, 'attachShadow', (native, self, args) => {
      const root = I.apply(native, self, args);
      shadowRoots[shadowRoots.length] = root;
      shadowHosts[shadowHosts.length] = self;
      I.addEventListener(root, 'load', onLoad, true);
      return root;
    });

    // Popups: guarded before window.open returns them (an about:blank one keeps its window when it loads a
    // same-origin page; another is guarded again when the page reaches it).
    hookMethod(I, win, 'open', (native, self, args) => {
      const opened = I.apply(native, self, args);
      adopt(opened);
      return opened;
    });

    // A frame loaded a document: a new realm if it navigated. Guarded before the page's load handlers.
    function onLoad(event) {
      const target = event.target;
      try {
        if (!matches(target, FRAMES)) return;  // an image, a script: not a realm
      } catch {
        return;
      }
      const w = frameWindow(target);
      if (w) {
        adopt(w);
        kernel.onRealm(w);
      } else {
        adoptFrames([]);  // an <embed>: its window is reachable only as window[i]
      }
    }
    record.onLoad = onLoad;
    // What the parser inserts after smartcp.js: its scripts held before they run (their file may already
    // have been fetched by the browser's preload scanner, which no script can stop), its frames guarded.
    // The parser runs pending microtasks before each script, so this runs before any later script.
    const tagName = I.getter(E, 'tagName');
    const addedNodes = I.getter(win.MutationRecord.prototype, 'addedNodes');
    const count = I.getter(win.NodeList.prototype, 'length');
    // Every element the parser inserts is a node of its own here, so each is looked at once, by its tag:
    // no search under it (a page of thousands of elements would pay one per element). Frames in the
    // document tree are window[i] besides (adoptFrames), wherever in it they came from.
    record.observe = (doc) => new win.MutationObserver((list) => {
      for (let r = 0; r < list.length; r++) {
        const added = addedNodes(list[r]);
        for (let i = 0, c = count(added); i < c; i++) {
          const node = added[i];
          if (nodeType(node) !== 1) continue;
          const tag = tagName(node);
          if (tag === 'SCRIPT') holds.holdElement(node, n, 'copy');
          else if (FRAME_TAGS[tag]) adopt(frameWindow(node));
          else if (n.getAttribute(node, 'data-smartcp-declaration') !== null) kernel.declaration(win, node);
        }
      }
      adoptFrames([]);  // once for all the parser inserted since the last look
    }).observe(doc, { childList: true, subtree: true });
    record.frames = () => adoptFrames([]);
    perDocument(record);
    adoptFrames([]);
    kernel.onRealm(win);
  }

  // What is per document (a frame that navigates keeps its window and gets a new document): the
  // capturing load listener and the observer of what the parser inserts.
  function perDocument(record) {
    if (!record.onLoad) return;
    let doc;
    try {
      doc = record.win.document;
    } catch {
      return;
    }
    if (I0.weakSetHas(documents, doc)) return;
    I0.weakSetAdd(documents, doc);
    record.I.addEventListener(doc, 'load', record.onLoad, true);
    record.observe(doc);
  }

  return {
    guard,
    /** The guarded windows still open, each in its current realm: [{win, I, cookie, storage, stores}]. */
    windows() {
      const open = [];
      let kept = 0;
      for (let i = 0; i < windows.length; i++) {
        const record = windows[i];
        if (realmOf(record.win, I0) !== record.realm || closed(record.win)) continue;  // navigated away, cross-origin, closed
        open[open.length] = record;
        windows[kept++] = record;
      }
      windows.length = kept;
      return open;
    },
    /** Guards the realms of every window reached so far again (a frame that navigated with no one looking). */
    recheck() {
      const open = this.windows();
      for (let i = 0; i < open.length; i++) {
        try {
          if (open[i].frames) open[i].frames();
        } catch (error) {
          kernel.onError(error);
        }
      }
    },
  };
}
