#include "json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#if SMARTCP_COMPACT_JSON_WRITER
// The wasm build asks the JS engine (js/engine.js; declared for the linker in wasm/imports.js): its
// Number::toString writes the shortest digits that read back as `value`, into at most 32 bytes at `out`.
extern "C" std::size_t smartcp_shortest_number(double value, char* out);
#endif

namespace smartcp::detail {

namespace {

// The shortest decimal text that reads back as `x` (finite, above 0), in whichever plain notation the
// source writes ("123.45", "1.5e-7", "1e+21", "100"); at most 32 bytes.
std::size_t shortest_number(double x, char* out) {
#if SMARTCP_COMPACT_JSON_WRITER
  return smartcp_shortest_number(x, out);
#else
  return static_cast<std::size_t>(std::to_chars(out, out + 32, x, std::chars_format::scientific).ptr - out);
#endif
}

// A number with a fraction laid out as nlohmann's to_chars lays out its digits (printf's %g with the
// exponents -4 to 15, ".0" after whole numbers, two exponent digits at least), so that the two builds
// write the same text. Only the digits can differ, where nlohmann's Grisu2 does not find the shortest, or
// not the closest of the shortest (about 1 number in 700): both read back as the same double.
void write_float(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  if (std::signbit(x)) {
    out += '-';
    x = -x;
  }
  if (x == 0) {
    out += "0.0";
    return;
  }
  std::array<char, 32> text{};
  const std::size_t length = shortest_number(x, text.data());
  // The significant digits, and n: where the decimal point falls after the first of them.
  std::array<char, 32> digits{};
  int k = 0;
  int n = 0;
  bool point = false;
  std::size_t i = 0;
  for (; i < length && text[i] != 'e' && text[i] != 'E'; ++i) {
    const char c = text[i];
    if (c == '.') {
      point = true;
    } else if (k == 0 && c == '0') {
      if (point) --n;  // a zero between the point and the first significant digit
    } else {
      digits[static_cast<std::size_t>(k++)] = c;
      if (!point) ++n;
    }
  }
  if (i < length) {  // an exponent
    int exponent = 0;
    bool negative = false;
    for (++i; i < length; ++i) {
      if (text[i] == '-') negative = true;
      else if (text[i] >= '0' && text[i] <= '9') exponent = exponent * 10 + (text[i] - '0');
    }
    n += negative ? -exponent : exponent;
  }
  while (k > 1 && digits[static_cast<std::size_t>(k - 1)] == '0') --k;
  const std::string_view d(digits.data(), static_cast<std::size_t>(k));
  if (k <= n && n <= 15) {  // digits[000].0
    out += d;
    out.append(static_cast<std::size_t>(n - k), '0');
    out += ".0";
  } else if (0 < n && n <= 15) {  // dig.its
    out += d.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += d.substr(static_cast<std::size_t>(n));
  } else if (-4 < n && n <= 0) {  // 0.[000]digits
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += d;
  } else {  // d.igitse+XX
    out += d[0];
    if (k > 1) {
      out += '.';
      out += d.substr(1);
    }
    int e = n - 1;
    out += e < 0 ? "e-" : "e+";
    if (e < 0) e = -e;
    if (e >= 100) out += static_cast<char>('0' + e / 100);
    out += static_cast<char>('0' + e / 10 % 10);
    out += static_cast<char>('0' + e % 10);
  }
}

constexpr char kHex[] = "0123456789abcdef";
constexpr char kReplacement[] = "\xEF\xBF\xBD";

// The length of the well-formed UTF-8 sequence that starts at s[i] (Unicode table 3-7), or 0 when the
// bytes there are not one; `valid` is then how many of them form its longest valid prefix (a maximal
// subpart), which the replacement character stands for.
std::size_t utf8_sequence(const std::string& s, std::size_t i, std::size_t& valid) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = at(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;       // no overlong forms
    else if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    else if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  }
  valid = 0;
  if (length == 0) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return valid = k, 0;
    const unsigned char c = at(i + k);
    const bool ok = k == 1 ? (c >= low && c <= high) : (c >= 0x80 && c <= 0xBF);
    if (!ok) return valid = k, 0;
  }
  return length;
}

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    std::size_t valid = 0;
    if (const std::size_t length = utf8_sequence(s, i, valid)) {
      out.append(s, i, length);
      i += length;
    } else {
      out += kReplacement;
      i += valid ? valid : 1;  // the byte that broke a sequence is read again on its own
    }
  }
  out += '"';
}

template <typename Integer>
void write_integer(std::string& out, Integer value) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

}  // namespace

void write_json(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const Json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        write_string(out, key);
        out += ':';
        write_json(out, member);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& element : value.get_ref<const Json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        write_json(out, element);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: write_string(out, value.get_ref<const Json::string_t&>()); return;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: write_integer(out, value.get<std::int64_t>()); return;
    case Json::value_t::number_unsigned: write_integer(out, value.get<std::uint64_t>()); return;
    case Json::value_t::number_float: write_float(out, value.get<double>()); return;
    case Json::value_t::binary: {
      // Never made from JSON text; written as nlohmann writes it, for completeness.
      const auto& binary = value.get_binary();
      out += "{\"bytes\":[";
      for (std::size_t k = 0; k < binary.size(); ++k) {
        if (k) out += ',';
        write_integer(out, static_cast<unsigned>(binary[k]));
      }
      out += "],\"subtype\":";
      if (binary.has_subtype()) write_integer(out, static_cast<std::uint64_t>(binary.subtype()));
      else out += "null";
      out += '}';
      return;
    }
    case Json::value_t::discarded: out += "<discarded>"; return;
    case Json::value_t::null:
    default: out += "null"; return;
  }
}

}  // namespace smartcp::detail
