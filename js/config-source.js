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
