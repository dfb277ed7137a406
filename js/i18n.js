// The visitor's language: <html lang>, then the browser's languages, then the config's `lang`, among the
// languages the widget has texts for: the built-in ones and any the site adds through `texts.<tag>`.

import { LANGUAGES } from './generated/locales.js';

export { LANGUAGES };

/** 'pt_BR' -> 'pt-br'; null when it is not a language tag (a 2-3 letter language, then subtags). */
export function normalize(tag) {
  const text = String(tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(text) && text.length <= 35 ? text : null;
}

const primary = (tag) => tag.split('-')[0];

/**
 * The built-in language whose texts complete `lang` (a language the widget shows): itself or its primary
 * language when built in, else English, the end of every fallback chain.
 */
export function builtInLanguage(lang) {
  for (const tag of [lang, primary(lang)]) if (LANGUAGES.includes(tag)) return tag;
  return 'en';
}

/** The site's own languages (`texts` keys), normalized. */
function ownLanguages(config) {
  const out = [];
  for (const key of Object.keys(config?.texts ?? {})) {
    const tag = normalize(key);
    if (tag) out.push(tag);
  }
  return out;
}

/** The language the widget shows for `tag`: itself, else its primary language, when there are texts for it; else null. */
export function resolveLanguage(tag, config) {
  const wanted = normalize(tag);
  if (!wanted) return null;
  const known = [...LANGUAGES, ...ownLanguages(config)];
  if (known.includes(wanted)) return wanted;
  return known.includes(primary(wanted)) ? primary(wanted) : null;
}

/** @param {Window} win @param {{lang?: string, texts?: object}} config */
export function pickLanguage(win, config) {
  const candidates = [win.document.documentElement?.lang, ...(win.navigator.languages ?? [win.navigator.language])];
  for (const tag of candidates) {
    const lang = resolveLanguage(tag, config);
    if (lang) return lang;
  }
  return resolveLanguage(config?.lang, config) ?? 'en';
}

// The site's texts for `lang`, whatever case or separator the site wrote its key with.
function ownTexts(config, lang) {
  const texts = config?.texts;
  if (!texts) return undefined;
  if (texts[lang]) return texts[lang];
  for (const key of Object.keys(texts)) if (normalize(key) === lang) return texts[key];
  return undefined;
}

/**
 * A text by id in `lang`, down a fallback chain: the site's text for the language, for its primary
 * language, the built-in text for them, then English. Placeholders {x} are filled from `vars`.
 */
export function textOf(config, builtIn, lang, id, vars) {
  // The built-in texts have no region tags, so the site's texts for the chain come first.
  const text = siteText(config, lang, id) ?? builtIn[builtInLanguage(lang)]?.[id] ?? builtIn.en?.[id] ?? id;
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole)) : text;
}

/** The site's own text for `id` in `lang` or its primary language, else undefined. */
export function siteText(config, lang, id) {
  for (const l of lang.includes('-') ? [lang, primary(lang)] : [lang]) {
    const own = ownTexts(config, l)?.[id];
    if (typeof own === 'string') return own;
  }
  return undefined;
}

/** Whether the language has its own text for `id` (built-in or the site's), not a fallback's. */
export function hasOwnText(config, builtIn, lang, id) {
  return typeof ownTexts(config, lang)?.[id] === 'string' || typeof builtIn[lang]?.[id] === 'string';
}
