// The visitor's language: <html lang>, then the browser's languages, then the config's default.
export const LANGUAGES = Object.freeze(['pl', 'en', 'cs']);

/** 'pl-PL' -> 'pl'; null when not one of ours. */
export function supported(tag) {
  const lang = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(lang) ? lang : null;
}

/** @param {Window} win @param {string} fallback the config's `lang` */
export function pickLanguage(win, fallback) {
  const candidates = [win.document.documentElement?.lang, ...(win.navigator.languages ?? [win.navigator.language])];
  for (const tag of candidates) {
    const lang = supported(tag);
    if (lang) return lang;
  }
  return supported(fallback) ?? 'en';
}

/** A text by id in `lang`: the site owner's override from the config, else `builtIn`. Placeholders {x} are filled from `vars`. */
export function textOf(config, builtIn, lang, id, vars) {
  const own = config?.texts?.[lang]?.[id];
  const text = typeof own === 'string' ? own : builtIn[lang]?.[id] ?? builtIn.en[id] ?? id;
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole)) : text;
}
