// smartcp-debug.js: the console log of what was refused, redacted or held, with the rule that decided it
// (js/runtime/debug-log.js). Fetched by smartcp-core.js only for a config with "debug": true, so that no
// other visitor downloads it.
import { startDebugLog } from './runtime/debug-log.js';
import { registerModule } from './modules.js';

registerModule(window, 'debug', { __proto__: null, startDebugLog });
