// The functions the module imports from its host beyond what Emscripten provides, declared for the
// linker (a standalone module emits no glue: js/engine.js supplies them at instantiation).
mergeInto(LibraryManager.library, {
  smartcp_parse_number: function () {},  // wasm/libc_overrides.cpp's strtod
  smartcp_shortest_number: function () {},  // core/src/json_writer.cpp's numbers with a fraction
});
