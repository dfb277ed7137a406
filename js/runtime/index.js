// smartcp-core.js: what runs once the core can decide (js/runtime/start.js), fetched by smartcp.js, which
// hands it the guard. It loads smartcp.wasm itself.
import { startRuntime } from './start.js';
import { registerModule } from '../modules.js';

registerModule(window, 'core', { __proto__: null, startRuntime });
