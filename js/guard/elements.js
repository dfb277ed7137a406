// Scripts, frames and pixels of trackers: a <script src>, <iframe src> or <img src> to an endpoint whose
// category is not granted does not run or load until it is, then runs once, in the order held, with its
// attributes, nonce, async and handlers. A held element carries data-smartcp-held (the categories it
// waits for, as bits); a held script has type text/plain meanwhile (its own in data-smartcp-type); a held
// frame or image has its URL in data-smartcp-src instead of src. A held script the page removes never runs.
import { hookAccessor, hookMethod } from './hook.js';

const HELD = 'data-smartcp-held';
const SRC = 'data-smartcp-src';
const TYPE = 'data-smartcp-type';
const SELECTOR = 'script[src],iframe[src],frame[src],img[src],img[srcset]';

// srcset: the first URL decides (a pixel has one).
function firstUrl(I, value) {
  let a = 0;
  while (a < value.length && (value[a] === ' ' || value[a] === ',')) a++;
  const space = I.indexOf(value, ' ', a);
  return I.slice(value, a, space < 0 ? value.length : space);
}

/**
 * The holds of all realms.
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {ReturnType<import('./hosts.js').createHostMatcher>} hosts
 * @param {ReturnType<import('../trusted-types.js').createTrusted>} trusted SmartCP's Trusted Types policy
 * @param {(kind: string, held: object) => void} blocked
 * @param {(url: string) => void} loading a script that is not held is about to load from `url`
 */
export function createHolds(I, hosts, trusted, blocked, loading) {
  // [element, how it runs ('again': insert it again, 'copy': a copy in its place), realm natives, bits]
  let waiting = [];

  // Whether `attr` = `url` on `el` must wait; if so it is held: the script's type, or the URL, set aside.
  // `how`: how it will run (null: not kept here, for elements of HTML still to be parsed).
  const hold = (el, n, attr, url, how) => {
    const held = hosts.held(attr === 'srcset' ? firstUrl(I, url) : url);
    if (!held) return false;
    const tag = n.tag(el);
    if (tag === 'SCRIPT') {
      const type = n.getAttribute(el, 'type');
      if (type !== null) n.setAttribute(el, TYPE, type);
      n.setAttribute(el, 'type', 'text/plain');
    } else {
      n.setAttribute(el, SRC, `${attr} ${url}`);
      n.removeAttribute(el, attr);
    }
    n.setAttribute(el, HELD, I.String(held.bits));
    if (how) waiting[waiting.length] = [el, how, n, held.bits];
    blocked(tag === 'SCRIPT' ? 'script' : 'request', held);
    return true;
  };
  // An element already carrying its URL (parsed, or about to be inserted).
  const holdElement = (el, n, how) => {
    if (n.getAttribute(el, HELD) !== null) return false;
    const src = n.getAttribute(el, 'src');
    const attr = src === null && n.tag(el) === 'IMG' ? 'srcset' : 'src';
    const url = src ?? n.getAttribute(el, attr);
    if (url === null) return false;
    if (hold(el, n, attr, url, how)) return true;
    if (how === 'again' && n.tag(el) === 'SCRIPT') loading(url);
    return false;
  };
  const isWaiting = (el) => {
    for (let i = 0; i < waiting.length; i++) if (waiting[i][0] === el) return true;
    return false;
  };

  const run = (entry) => {
    const el = entry[0];
    const n = entry[2];
    n.removeAttribute(el, HELD);
    if (n.tag(el) !== 'SCRIPT') {
      const saved = n.getAttribute(el, SRC);
      n.removeAttribute(el, SRC);
      const space = I.indexOf(saved, ' ');
      n.setAttribute(el, I.slice(saved, 0, space), I.slice(saved, space + 1));
      return;
    }
    const type = n.getAttribute(el, TYPE);
    if (entry[1] === 'again') {
      // Never started: its type back, and inserted again where it is, it runs with everything the page gave
      // it. One not in the document runs when the page inserts it; one the page removed stays removed.
      n.removeAttribute(el, TYPE);
      if (type === null) n.removeAttribute(el, 'type');
      else n.setAttribute(el, 'type', type);
      if (n.connected(el)) n.insertBefore(n.parent(el), el, n.next(el));
      return;
    }
    if (!n.connected(el)) return;  // removed by the page before consent: never runs
    n.removeAttribute(el, TYPE);
    // Parsed: a copy runs in its place, in order (async only if the original was).
    const copy = n.createScript(el);
    const attrs = n.attributes(el);
    for (let i = 0; i < attrs.length; i++) {
      const name = attrs[i][0];
      if (name !== 'type') n.setAttribute(copy, name, name === 'src' ? trusted.scriptURL(attrs[i][1]) : attrs[i][1]);
    }
    if (type !== null) n.setAttribute(copy, 'type', type);
    n.copyScriptState(el, copy);
    n.insertBefore(n.parent(el), copy, el);
    n.remove(el);
  };

  return {
    __proto__: null,
    hold,
    holdElement,
    isTrustedHtml: (value) => trusted.isHTML(value),
    /** Before `node` enters a document: what in it goes to a tracker waits. */
    beforeInsert(node, n) {
      if (!n.isElementOrFragment(node)) return;
      if (n.isElement(node) && n.matches(node, SELECTOR)) holdElement(node, n, 'again');
      if (n.hasChildren(node) && n.has(node, SELECTOR)) {
        const found = n.querySelectorAll(node, SELECTOR);
        for (let i = 0; i < found.length; i++) holdElement(found[i], n, 'again');
      }
    },
    /**
     * HTML about to be parsed into a document (innerHTML, insertAdjacentHTML, document.write, …): what in
     * it goes to a tracker is held in the markup itself; `collect` finds the parsed elements. `text`
     * itself (not even re-serialised) when nothing in it does; otherwise the HTML with those held, as
     * Trusted HTML when `like` is (what the page gave).
     */
    html(text, n, like = text) {
      const html = I.String(text);
      if (I.indexOf(html, '//') < 0) return text;  // no absolute URL: nothing to hold
      const template = n.template();
      n.setInnerHtml(template, trusted.html(html));  // parsed inert, to look at; what the page gave decides below
      const found = n.querySelectorAll(n.content(template), SELECTOR);
      let changed = false;
      for (let i = 0; i < found.length; i++) if (holdElement(found[i], n, null)) changed = true;
      if (!changed) return text;
      // HTML the page gave as trusted stays trusted with its tracker tags held; a plain string stays one
      // (a page that enforces Trusted Types then refuses it, as it would have).
      const out = n.innerHtml(template);
      return trusted.isHTML(like) ? trusted.html(out) : out;
    },
    /** After parsed HTML entered under `root`: its held elements wait (a copy of each runs). */
    collect(root, n) {
      if (!n.isElementOrFragment(root) || !n.hasChildren(root)) return;
      const found = n.querySelectorAll(root, `[${HELD}]`);
      for (let i = 0; i < found.length; i++) {
        if (!isWaiting(found[i])) waiting[waiting.length] = [found[i], 'copy', n, +n.getAttribute(found[i], HELD)];
      }
    },
    /** The categories granted now (bits): what waits for them runs, in the order held. */
    release(granted) {
      const still = [];
      const ready = [];
      for (let i = 0; i < waiting.length; i++) {
        const list = waiting[i][3] & ~granted ? still : ready;
        list[list.length] = waiting[i];
      }
      waiting = still;
      for (let i = 0; i < ready.length; i++) {
        try {
          run(ready[i]);
        } catch {
          // an element the page broke stays as it is
        }
      }
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/**
 * A realm's DOM natives the holds use (captured before any hook), and the hooks where a URL is given to
 * a script, frame or image. Returns the natives for the realm's insertion hooks.
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<typeof createHolds>} holds
 */
export function guardElements(win, I, holds) {
  const E = win.Element.prototype;
  const N = win.Node.prototype;
  const H = win.HTMLElement.prototype;
  const doc = win.document;
  const getAttribute = I.uncurry(E.getAttribute);
  const setAttribute = I.uncurry(E.setAttribute);
  const removeAttribute = I.uncurry(E.removeAttribute);
  const nodeType = I.getter(N, 'nodeType');
  const tagName = I.getter(E, 'tagName');
  const firstChild = I.getter(N, 'firstChild');
  const listLength = I.getter(win.NodeList.prototype, 'length');
  const qsa = [null, I.uncurry(E.querySelectorAll), I.uncurry(win.Document.prototype.querySelectorAll),
    I.uncurry(win.DocumentFragment.prototype.querySelectorAll)];
  const qs = [null, I.uncurry(E.querySelector), I.uncurry(win.Document.prototype.querySelector),
    I.uncurry(win.DocumentFragment.prototype.querySelector)];
  const innerHTML = I.getOwnPropertyDescriptor(E, 'innerHTML');
  const content = I.getter(win.HTMLTemplateElement.prototype, 'content');
  const accessor = (name) => I.getOwnPropertyDescriptor(H, name);
  const nonce = accessor('nonce');
  const onload = accessor('onload');
  const onerror = accessor('onerror');
  const attributesOf = I.getter(E, 'attributes');
  const attrName = I.getter(win.Attr.prototype, 'name');
  const attrValue = I.getter(win.Attr.prototype, 'value');
  const createElement = I.uncurry(win.Document.prototype.createElement);
  const ownerDocument = I.getter(N, 'ownerDocument');
  const insertBefore = I.uncurry(N.insertBefore);
  const remove = I.uncurry(E.remove);
  const copyAccessor = (d, from, to) => I.apply(d.set, to, [I.apply(d.get, from, [])]);
  const n = {
    __proto__: null,
    getAttribute,
    setAttribute,
    removeAttribute,
    matches: I.uncurry(E.matches),
    tag: (el) => tagName(el),
    isElement: (node) => nodeType(node) === 1,
    /** Element, document or fragment: a node that can hold elements. */
    isElementOrFragment(node) {
      try {
        const t = nodeType(node);
        return t === 1 || t === 9 || t === 11;
      } catch {
        return false;  // not a node: the native call will say so
      }
    },
    hasChildren: (node) => firstChild(node) !== null,
    /** The matches as an array (a NodeList's length is the page's to patch). */
    /** Whether anything under `root` matches (one native call, for the common case of nothing). */
    has: (root, selector) => {
      const t = nodeType(root);
      return qs[t === 1 ? 1 : t === 9 ? 2 : 3](root, selector) !== null;
    },
    querySelectorAll: (root, selector) => {
      const t = nodeType(root);
      const list = qsa[t === 1 ? 1 : t === 9 ? 2 : 3](root, selector);
      const out = [];
      for (let i = 0, count = listLength(list); i < count; i++) out[i] = list[i];
      return out;
    },
    template: () => createElement(doc, 'template'),
    content,
    setInnerHtml: (el, html) => I.apply(innerHTML.set, el, [html]),
    innerHtml: (el) => I.apply(innerHTML.get, el, []),
    connected: I.getter(N, 'isConnected'),
    parent: I.getter(N, 'parentNode'),
    next: I.getter(N, 'nextSibling'),
    insertBefore,
    remove,
    createScript: (el) => createElement(ownerDocument(el), 'script'),
    attributes(el) {
      const list = attributesOf(el);
      const out = [];
      for (let i = 0; i < list.length; i++) out[i] = [attrName(list[i]), attrValue(list[i])];
      return out;
    },
    copyScriptState(from, to) {
      copyAccessor(nonce, from, to);  // the attribute is hidden once parsed; the property keeps it
      copyAccessor(onload, from, to);
      copyAccessor(onerror, from, to);
      I.set(to, 'async', I.get(from, 'async'));
    },
  };

  // A URL given to a script, frame or image: held if it goes to a tracker that must wait.
  const HOLDING = { __proto__: null, SCRIPT: 1, IMG: 1, IFRAME: 1, FRAME: 1 };
  const sets = (el, name, value) => {
    const tag = tagName(el);
    if (!HOLDING[tag] || getAttribute(el, HELD) !== null || (tag !== 'IMG' && name !== 'src')) return false;
    const url = I.String(value);
    if (tag === 'SCRIPT') {
      // Held as a script with type text/plain, whose src may then be set: nothing is fetched or run.
      if (!holds.hold(el, n, name, url, 'again')) return false;
      setAttribute(el, name, url);
      return true;
    }
    return holds.hold(el, n, name, url, 'copy');
  };
  const urlSetter = (proto, name) => proto && hookAccessor(I, proto, name, {
    set(native, self, value) {
      if (!sets(self, name, value)) I.apply(native, self, [value]);
    },
  });
  urlSetter(win.HTMLScriptElement.prototype, 'src');
  urlSetter(win.HTMLIFrameElement.prototype, 'src');
  urlSetter(win.HTMLFrameElement?.prototype, 'src');
  urlSetter(win.HTMLImageElement.prototype, 'src');
  urlSetter(win.HTMLImageElement.prototype, 'srcset');
  hookMethod(I, E, 'setAttribute', (native, self, args) => {
    const name = args.length > 1 ? I.toLowerCase(I.String(args[0])) : '';
    if ((name === 'src' || name === 'srcset') && sets(self, name, args[1])) return undefined;
    return I.apply(native, self, args);
  });

  return n;
}
