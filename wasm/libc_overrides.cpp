// The wasm build's replacements for two pieces of libc that nlohmann/json pulls in and that cost the
// module most of their size for little use:
// - snprintf: only the integer formats of wasm/format_lite.hpp (nlohmann writes "\u%04x" escapes and
//   "<U+%.4X>" in parse errors); libc's printf machinery is about 7 KB;
// - strtod: nlohmann's lexer hands it exactly one JSON number. It is read by the JS engine's own
//   number parser (js/engine.js provides the import), which rounds as strtod does; musl's strtod brings
//   128-bit long-double arithmetic, about 12 KB. tests/wasm/numbers.test.mjs holds the two to the same
//   results on over a million numbers.
// Linked into the wasm build only; the native build keeps the platform's libc.
#include <cstdarg>
#include <cstddef>

#include "format_lite.hpp"

extern "C" {

__attribute__((import_module("env"), import_name("smartcp_parse_number"))) double smartcp_parse_number(const char* text,
                                                                                                        std::size_t length);

int snprintf(char* out, std::size_t size, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int n = smartcp::lite::vformat(out, size, format, args);
  va_end(args);
  return n;
}

int vsnprintf(char* out, std::size_t size, const char* format, std::va_list args) {
  return smartcp::lite::vformat(out, size, format, args);
}

double strtod(const char* text, char** end) {
  const char* p = text;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  const char* start = p;
  // The longest prefix of the number's characters; the JS parser reads it whole (nlohmann checks that
  // `end` is the end of its token, so anything but one JSON number is a parse error there).
  while ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E') ++p;
  if (end) *end = const_cast<char*>(p == start ? text : p);
  return p == start ? 0.0 : smartcp_parse_number(start, static_cast<std::size_t>(p - start));
}

// The same object of libc defines these with strtod: defined here too, so that it is never linked.
float strtof(const char* text, char** end) { return static_cast<float>(strtod(text, end)); }
long double strtold(const char* text, char** end) { return strtod(text, end); }

}  // extern "C"
