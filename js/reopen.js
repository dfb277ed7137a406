// The small button that stays on the page once the visitor has chosen, so that withdrawing is as easy as
// giving. It is part of smartcp.js, so that a returning visitor never downloads the banner's code.
import { textOf } from './i18n.js';
import { REOPEN } from './generated/locales.js';

// A cookie with a bite taken out: drawn with DOM calls, no markup parsed.
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm-7 3a1 1 0 1 1 0 2 1 1 0 0 1 0-2z';

/**
 * @param {Document} doc
 * @param {{position: string, onClick: (button: HTMLElement) => void}} options position: 'bottom-left' | 'bottom-right'
 */
export function createReopenButton(doc, { position, onClick }) {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'reopen';
  button.dataset.position = position;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(svgNs, 'path');
  path.setAttribute('d', ICON);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  button.append(svg);
  button.addEventListener('click', () => onClick(button));
  return {
    element: button,
    /** Shown or hidden; the hook goes with it, so that a test's locator finds one visible element per action. */
    show(visible) {
      button.hidden = !visible;
      if (visible) button.dataset.smartcpAction = 'preferences';
      else delete button.dataset.smartcpAction;
    },
    /** Labels the button in `lang`, with the site owner's text when the config has one. */
    label(config, lang) {
      const text = textOf(config, REOPEN, lang, 'reopen');
      button.setAttribute('aria-label', text);
      button.title = text;
      button.lang = lang;
    },
  };
}
