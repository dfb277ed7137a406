// The core: smartcp-core.js (Emscripten's glue) and smartcp.wasm, from the folder smartcp.js came from.
// The wasm is fetched and instantiated here, not by the glue, so that a missing or broken file is one
// rejected promise for the loader, never an uncaught error in the page.
import { loadScript } from './load-script.js';

async function instantiate(win, url, imports) {
  const response = await win.fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  if (win.WebAssembly.instantiateStreaming && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return win.WebAssembly.instantiateStreaming(response, imports);
  }
  // A server that does not send application/wasm: compiled from the bytes instead.
  return win.WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

/** Resolves with the Emscripten module (`new core.Engine()`), or rejects with why it could not load. */
export async function loadCore(win, base, nonce) {
  await loadScript(win.document, `${base}smartcp-core.js`, nonce);
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  return Promise.race([
    win.SmartCPCore({
      locateFile: (file) => base + file,
      instantiateWasm(imports, done) {
        instantiate(win, `${base}smartcp.wasm`, imports).then((r) => done(r.instance, r.module), failed);
        return {};  // asynchronous: the exports come through done()
      },
      onAbort: (reason) => failed(new Error(`the core aborted: ${reason}`)),
    }),
    failure,
  ]);
}
