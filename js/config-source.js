// The site owner's config: <script type="application/json" id="smartcp-config">, completed by the
// script tag's data attributes (data-smartsupp-key, data-smartlook-key, data-lang).

/**
 * @returns {{text: string, early: Record<string, any>}} `text` goes to the core, which validates it and
 *   reports what is wrong; `early` is the same config as parsed here ({} when it is not a JSON object),
 *   read only by the steps that must run before the core is ready, each with a safe fallback.
 */
export function readConfig(doc, script) {
  let text = doc.getElementById('smartcp-config')?.textContent ?? '';
  let early = {};
  try {
    const parsed = text.trim() ? JSON.parse(text) : {};
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) early = parsed;
  } catch {
    return { text, early };  // broken JSON: the core names the problem and falls back to every default
  }
  const data = script?.dataset ?? {};
  if (data.smartsuppKey || data.smartlookKey || data.lang) {
    const vendors = early.vendors !== null && typeof early.vendors === 'object' ? early.vendors : {};
    if (data.smartsuppKey && !vendors.smartsupp) vendors.smartsupp = { key: data.smartsuppKey };
    if (data.smartlookKey && !vendors.smartlook) vendors.smartlook = { key: data.smartlookKey };
    if (!early.vendors) early.vendors = vendors;
    if (data.lang && !early.lang) early.lang = data.lang;
    text = JSON.stringify(early);
  }
  return { text, early };
}

const oneOf = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
// A language tag as the core accepts it (types.cpp, is_language_tag), kept as written.
const isTag = (value) => typeof value === 'string' && value.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value);
const vendorKey = (vendor) => (isObject(vendor) && typeof vendor.key === 'string' && /^[\w-]{1,128}$/.test(vendor.key) ? { key: vendor.key } : undefined);

/**
 * What the banner needs before the core has validated the config, read from `early` the way the core
 * reads it (an invalid value is the default), so that the banner the core's config re-renders is the
 * same one: theme, layout and position, reopen button, language, texts, policy link, Global Privacy Control, how long a
 * choice is kept, which vendors run.
 */
export function provisionalConfig(early) {
  const texts = {};
  for (const [lang, table] of Object.entries(isObject(early.texts) ? early.texts : {})) {
    if (!isObject(table) || !isTag(lang)) continue;
    texts[lang] = Object.fromEntries(Object.entries(table).filter(([, t]) => typeof t === 'string' && t.length <= 2000));
  }
  const url = early.policyUrl;
  const vendors = isObject(early.vendors) ? { smartsupp: vendorKey(early.vendors.smartsupp), smartlook: vendorKey(early.vendors.smartlook) } : {};
  const position = oneOf(early.position, ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'bottom', 'top'], 'auto');
  const gpc = early.gpc === true ? 'marketing' : early.gpc === false ? 'ignore' : oneOf(early.gpc, ['marketing', 'all', 'ignore'], 'marketing');
  return {
    theme: oneOf(early.theme, ['auto', 'light', 'dark'], 'auto'),
    layout: oneOf(early.layout, ['box', 'bar', 'modal'], 'box'),
    // "auto": clear of the Smartsupp chat's bubble, bottom-right (Config::banner_position).
    position: position === 'auto' ? (vendors.smartsupp ? 'bottom-left' : 'bottom-right') : position,
    reopenButton: early.reopenButton === false ? 'none' : oneOf(early.reopenButton, ['bottom-left', 'bottom-right', 'none'], 'bottom-left'),
    lang: isTag(early.lang) ? early.lang : 'en',
    texts,
    policyUrl: typeof url === 'string' && !/[\x00-\x20\x7f]/.test(url) && (/^https?:\/\/./.test(url) || (url.startsWith('/') && !url.startsWith('//')))
      ? url : null,
    gpc,
    expiryDays: Number.isInteger(early.expiryDays) && early.expiryDays >= 1 && early.expiryDays <= 395 ? early.expiryDays : 182,
    maxCookieDays: 395,
    // Which vendors run, for texts that speak of the chat or session recording: the same key rule as the core's.
    vendors,
  };
}
