// smartcp-dialog.js: the preferences dialog and the cookie declaration, with their styles. Fetched by
// smartcp-ui.js only when one of them is to be shown, together with the purposes file they need
// anyway, so a visitor who answers the banner never downloads them and one who opens the dialog
// waits for no extra round trip.
import css from './dialog.css';
import declarationCss from './declaration.css';
import { renderPreferences } from './preferences.js';
import { renderDeclaration } from './declaration.js';
import { tablesOf } from './storage-table.js';
import { registerModule } from '../modules.js';

registerModule(window, 'dialog', { __proto__: null, css, declarationCss, renderPreferences, renderDeclaration, tablesOf });
