// The cookie declaration (<div data-smartcp-declaration>) is rendered once the core can say what the site
// declares, after the page is first painted. So that what follows it does not move then, its height is
// reserved as the parser inserts it: the height it had when last rendered at this width in this browser,
// else a screen's height (a declaration is usually taller, and then the rest moves only below the fold).
export const DECLARATION_KEY = 'smartcp_declaration';  // functional: SmartCP's own prefix

/** @param {(key: string) => string|null} read localStorage past the guard */
export function reserveDeclaration(win, el, read) {
  let height = '100vh';
  try {
    const saved = (read(DECLARATION_KEY) ?? '').split(':');
    if (+saved[0] === win.innerWidth && +saved[1] > 0) height = `${+saved[1]}px`;
    el.style.minHeight = height;
  } catch {
    // cosmetic: nothing reserved
  }
}
