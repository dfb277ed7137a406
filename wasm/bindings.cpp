// Embind bindings of smartcp::Engine, and nothing else: each binding adapts argument types
// (Embind has no std::string_view) and forwards.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "smartcp/engine.hpp"

namespace {

using smartcp::Engine;
using Text = const std::string&;

}  // namespace

EMSCRIPTEN_BINDINGS(smartcp) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("configure", +[](Engine& e, Text config) { return e.configure(config); })
      .function("config", &Engine::config)
      .function("setConsent", &Engine::set_consent)
      .function("consent", &Engine::consent)
      .function("decide", +[](const Engine& e, Text name, int kind) { return e.decide(name, kind); })
      // The hot path without Embind's string conversion: the name is UTF-8 the caller wrote into the
      // module's memory (see js/engine.js). `address` is a pointer into that memory.
      .function("decideUtf8", +[](const Engine& e, std::uintptr_t address, std::size_t length, int kind) {
        return e.decide(std::string_view(reinterpret_cast<const char*>(address), length), kind);
      })
      .function("decideWrite", +[](const Engine& e, Text name, Text kind, Text value) { return e.decide_write(name, kind, value); })
      .function("decideCookie", +[](const Engine& e, Text cookie, double now) { return e.decide_cookie(cookie, now); })
      .function("planCleanup", +[](const Engine& e, Text inventory) { return e.plan_cleanup(inventory); })
      .function("createRecord", +[](const Engine& e, Text request) { return e.create_record(request); })
      .function("readRecord", +[](const Engine& e, Text value, double now) { return e.read_record(value, now); })
      .function("consentMode", &Engine::consent_mode)
      .function("gpc", &Engine::gpc)
      .function("catalog", +[](const Engine& e, Text lang) { return e.catalog(lang); });
}
