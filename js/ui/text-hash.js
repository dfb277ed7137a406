// The proof of which text the visitor saw: a hash of every text of the widget in the language shown,
// kept in the consent record. SHA-256 where the page is a secure context; elsewhere (plain http, where
// crypto.subtle does not exist) FNV-1a, 32 bits: enough to tell text versions apart.

/**
 * @param {Window & typeof globalThis} win
 * @param {[string, string][]} texts id and text, in a fixed order
 * @returns {Promise<string>} lower-case hex
 */
export async function hashTexts(win, texts) {
  const bytes = new TextEncoder().encode(JSON.stringify(texts));
  if (win.crypto?.subtle) {
    const digest = await win.crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
