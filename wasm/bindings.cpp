// The WebAssembly face of smartcp::Engine: plain C exports over engine handles, and nothing else.
// Only numbers cross a call. Strings travel as UTF-8 in the module's memory: the caller asks for an input
// buffer (smartcp_input), writes its strings there back to back and passes their lengths; text results
// are left in output slot 0 (and 1), read through smartcp_output and smartcp_output_length. So no
// string a page writes (a lone surrogate, a huge value) can break the transport, and js/engine.js calls
// these exports directly with built-ins it captured before any page script ran: no generated glue, whose
// per-call use of Function.prototype.apply and Array.prototype.push a page could patch, stands between.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/engine.hpp"

namespace {

using smartcp::Engine;

std::string input_buffer;
std::string outputs[2];
std::vector<std::unique_ptr<Engine>> engines;

// The engine behind a handle; an unknown or deleted handle gets a default engine rather than a crash.
Engine& engine(int handle) {
  if (handle >= 0 && static_cast<std::size_t>(handle) < engines.size() && engines[static_cast<std::size_t>(handle)]) {
    return *engines[static_cast<std::size_t>(handle)];
  }
  static Engine fallback;
  return fallback;
}

// The input's [offset, offset + length), clamped to what the caller reserved.
std::string_view in(std::size_t offset, std::size_t length) {
  if (offset > input_buffer.size()) return {};
  return std::string_view(input_buffer).substr(offset, length);
}

std::size_t out(std::string text) {
  outputs[0] = std::move(text);
  return outputs[0].size();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int smartcp_new_engine() {
  engines.push_back(std::make_unique<Engine>());
  return static_cast<int>(engines.size() - 1);
}

EMSCRIPTEN_KEEPALIVE void smartcp_delete_engine(int handle) {
  if (handle >= 0 && static_cast<std::size_t>(handle) < engines.size()) engines[static_cast<std::size_t>(handle)].reset();
}

EMSCRIPTEN_KEEPALIVE char* smartcp_input(std::size_t bytes) {
  input_buffer.resize(bytes);
  return input_buffer.data();
}

EMSCRIPTEN_KEEPALIVE const char* smartcp_output(int slot) { return outputs[slot & 1].data(); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_output_length(int slot) { return outputs[slot & 1].size(); }

EMSCRIPTEN_KEEPALIVE std::size_t smartcp_configure(int h, std::size_t n) { return out(engine(h).configure(in(0, n))); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_config(int h) { return out(engine(h).config()); }
EMSCRIPTEN_KEEPALIVE void smartcp_set_consent(int h, int analytics, int marketing) {
  engine(h).set_consent(analytics != 0, marketing != 0);
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_consent(int h) { return out(engine(h).consent()); }

EMSCRIPTEN_KEEPALIVE std::uint32_t smartcp_decide(int h, std::size_t n, int kind) { return engine(h).decide(in(0, n), kind); }
EMSCRIPTEN_KEEPALIVE std::uint32_t smartcp_decide_value(int h, std::size_t n, std::size_t value_n, int kind) {
  return engine(h).decide_value(in(0, n), kind, in(n, value_n), outputs[0]);
}
EMSCRIPTEN_KEEPALIVE std::uint32_t smartcp_decide_cookie(int h, std::size_t n, double now) {
  return engine(h).decide_cookie(in(0, n), now, outputs[0], outputs[1]);
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_decide_write(int h, std::size_t n, std::size_t kind_n, std::size_t value_n) {
  return out(engine(h).decide_write(in(0, n), in(n, kind_n), in(n + kind_n, value_n)));
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_decide_cookie_json(int h, std::size_t n, double now) {
  return out(engine(h).decide_cookie(in(0, n), now));
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_describe(int h, std::uint32_t packed, std::size_t lang_n) {
  return out(engine(h).describe(packed, in(0, lang_n)));
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_cookie_deletions(int h, std::size_t n, std::size_t scope_n) {
  return out(engine(h).cookie_deletions(in(0, n), in(n, scope_n)));
}

EMSCRIPTEN_KEEPALIVE std::size_t smartcp_create_record(int h, std::size_t n) { return out(engine(h).create_record(in(0, n))); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_read_record(int h, std::size_t n, double now, std::size_t site_n) {
  return out(engine(h).read_record(in(0, n), now, in(n, site_n)));
}
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_consent_mode(int h) { return out(engine(h).consent_mode()); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_gpc(int h, int signal) { return out(engine(h).gpc(signal != 0)); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_catalog(int h, std::size_t lang_n) { return out(engine(h).catalog(in(0, lang_n))); }
EMSCRIPTEN_KEEPALIVE std::size_t smartcp_classify_url(int h, std::size_t n) { return out(engine(h).classify_url(in(0, n))); }

}  // extern "C"
