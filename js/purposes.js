// smartcp-purposes.js: the purposes of the built-in catalog entries (vendors and the tracker database) in
// every language, fetched when the preferences dialog or the cookie declaration is first shown: the
// banner never waits for them.
import { PURPOSES } from './generated/purposes.js';
import { registerModule } from './modules.js';

registerModule(window, 'purposes', { __proto__: null, PURPOSES });
