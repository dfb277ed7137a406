// Which URLs go to a tracker whose category is not granted: the endpoint list compiled from
// core/catalog/hosts.json (js/generated/known.js) with the site's own `hosts`, `platforms` and
// `consentMode`, read from the config as smartcp.js sees it. URLs are read by the browser's own parser
// (captured), so a URL a tracker bends (a tab inside the host, a backslash, a trailing dot) is read as the
// browser will fetch it.
import { HOSTS, HOST_PLATFORMS } from '../generated/known.js';

const BITS = { __proto__: null, functional: 1, analytics: 2, marketing: 4 };
const ANY = 6;  // analytics | marketing

/**
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {Record<string, any>} early the config as parsed before the core validates it
 * @param {() => string} base the document's base URL
 */
export function createHostMatcher(I, early, base) {
  const advanced = early.consentMode === 'advanced';
  // The site's word on platforms, by lower-case name: false (off) or the categories it needs.
  const platforms = I.create(null);
  const given = early.platforms !== null && typeof early.platforms === 'object' ? early.platforms : {};
  const names = I.ownKeys(given);
  for (let i = 0; i < names.length; i++) {
    const v = given[names[i]];
    const category = typeof v === 'string' ? v : v !== null && typeof v === 'object' ? v.category : undefined;
    platforms[I.toLowerCase(I.String(names[i]))] = v === false ? false : bitsOf(category);
  }
  // host -> [[path, bits, platform index or -1, flags, own]]; signals: host -> [[path, signal]] of the
  // built-in list, whatever the site set (a platform allowed to load still gets its consent signal).
  const signals = I.create(null);
  const byHost = I.create(null);
  const add = (match, bits, platform, flags, own) => {
    const slash = I.indexOf(match, '/');
    const host = slash < 0 ? match : I.slice(match, 0, slash);
    const list = byHost[host] ?? (byHost[host] = []);
    list[list.length] = [slash < 0 ? '' : I.slice(match, slash), bits, platform, flags, own];
  };
  // Read while nothing of the page has run: the built-in String methods are still the browser's.
  const rows = HOSTS.split(';');
  for (let i = 0; i < rows.length; i++) {
    const h = rows[i].split(' ');
    h[1] = +h[1];
    h[2] = +h[2];
    h[3] = +h[3];
    if (h[3] >> 1) {
      const slash = I.indexOf(h[0], '/');
      const host = slash < 0 ? h[0] : I.slice(h[0], 0, slash);
      (signals[host] ?? (signals[host] = []))[0] = h[3] >> 1;
    }
    const setting = platforms[I.toLowerCase(HOST_PLATFORMS[h[2]])];
    if (setting === false) continue;
    const bits = setting || h[1];
    // Google's tags under Consent Mode "advanced" load at once and get its signals instead.
    add(h[0], advanced && h[3] & 1 ? 1 : bits, h[2], h[3], false);
  }
  const own = early.hosts !== null && typeof early.hosts === 'object' ? early.hosts : {};
  const matches = I.ownKeys(own);
  for (let i = 0; i < matches.length; i++) {
    const v = own[matches[i]];
    add(I.toLowerCase(I.String(matches[i])), v === false ? 1 : bitsOf(v) || 1, -1, 0, true);
  }

  let granted = 1;

  /**
   * The endpoint `url` goes to: {url, bits (what it needs), platform (index or -1), flags, held}, or null
   * when it is no tracker's (or one the site allows).
   */
  // Endpoints already read, by the URL as given with the base it was read against (a page sends the
  // same beacons and adds the same scripts again and again). Emptied rather than grown without end.
  let cache = I.create(null);
  let cached = 0;
  function classify(url) {
    const baseUrl = base();
    const key = `${baseUrl}\n${url}`;
    let c = cache[key];
    if (c === undefined) {
      if (++cached > 500) {
        cache = I.create(null);
        cached = 1;
      }
      c = cache[key] = read(url, baseUrl);
    }
    return c && { __proto__: null, url: c[0], bits: c[1], platform: c[2], flags: c[3], held: (c[1] & ~granted) !== 0 };
  }

  // [href, bits, platform, flags] of the endpoint `url` goes to, or null.
  function read(url, baseUrl) {
    let parsed;
    try {
      parsed = new I.URL(url, baseUrl);
    } catch {
      return null;
    }
    const protocol = I.urlProtocol(parsed);
    if (protocol !== 'https:' && protocol !== 'http:' && protocol !== 'wss:' && protocol !== 'ws:') return null;
    let host = I.urlHost(parsed);
    if (host[host.length - 1] === '.') host = I.slice(host, 0, host.length - 1);
    const rest = I.urlPath(parsed) + I.urlSearch(parsed);
    // As the core does (Engine::classify_url): the site's own rules first, the longest match of them;
    // then the built-in list, the longest host (the host itself, then each parent domain), then the
    // longest path.
    let best = null;
    for (let pass = 0; pass < 2 && !best; pass++) {
      for (let h = host; h && !(pass === 1 && best);) {
        const list = byHost[h];
        for (let i = 0; list && i < list.length; i++) {
          const e = list[i];
          if (e[4] !== (pass === 0) || !I.startsWith(rest, e[0])) continue;
          const length = h.length + e[0].length;
          if (!best || length > best[5]) best = [e[0], e[1], e[2], e[3], e[4], length];
        }
        const dot = I.indexOf(h, '.');
        h = dot < 0 ? '' : I.slice(h, dot + 1);
      }
    }
    if (!best || !(best[1] & ANY)) return null;
    return [I.urlHref(parsed), best[1], best[2], best[3]];
  }

  return {
    __proto__: null,
    classify,
    /** The consent call (1 Meta, 2 UET, 3 TikTok, 4 Clarity) of the platform a script URL loads, or 0. */
    signal(url) {
      try {
        const list = signals[I.urlHost(new I.URL(url, base()))];
        return list ? list[0] : 0;
      } catch {
        return 0;
      }
    },
    /** Whether a request to `url` must wait: its classification when it must, else null. */
    held(url) {
      const c = classify(url);
      return c && c.held ? c : null;
    },
    /** @param {{analytics: boolean, marketing: boolean}} state */
    setGranted(state) {
      granted = 1 | (state.analytics ? 2 : 0) | (state.marketing ? 4 : 0);
    },
    get granted() {
      return granted;
    },
  };
}

function bitsOf(category) {
  if (typeof category === 'string') return BITS[category] ? BITS[category] | 1 : 0;
  if (category && typeof category.length === 'number') {
    let bits = 1;
    for (let i = 0; i < category.length; i++) bits |= BITS[category[i]] ?? 0;
    return bits;
  }
  return 0;
}

export { BITS };
