#include "smartcp/redact.hpp"

#include "json_util.hpp"

namespace smartcp {

namespace {

// What JavaScript's JSON.parse skips before a value, plus byte-order marks (U+FEFF in UTF-8), which a
// reader may strip before parsing.
std::size_t skip_space_and_bom(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size()) {
    if (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n') {
      ++i;
    } else if (value.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 16-bit unit of a \uXXXX escape at `at` (which points at the backslash), or -1.
long escape_unit(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return -1;
  long unit = 0;
  for (std::size_t k = at + 2; k < at + 6; ++k) {
    const int d = hex_digit(text[k]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

// JSON.stringify writes a lone surrogate as an escape (\ud83d), which JavaScript reads back and
// nlohmann refuses. Each one becomes \ufffd, so that the rest can be read as JavaScript reads it.
std::string replace_lone_surrogate_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string) {
      in_string = c == '"';
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = false;
      out += c;
    } else if (c == '\\' && i + 1 < text.size() && text[i + 1] != 'u') {
      out += c;
      out += text[++i];
    } else if (const long unit = escape_unit(text, i); unit >= 0xD800 && unit <= 0xDFFF) {
      const long next = unit <= 0xDBFF ? escape_unit(text, i + 6) : -1;
      if (next >= 0xDC00 && next <= 0xDFFF) {
        out.append(text.substr(i, 12));  // a proper pair
        i += 11;
      } else {
        out += "\\ufffd";
        i += 5;
      }
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Redaction> redact_fields(std::string_view value, const std::vector<FieldRule>& rules, Categories granted) {
  bool any_refused = false;
  for (const FieldRule& rule : rules) any_refused |= (rule.categories & granted) != rule.categories;
  // Cheap exits first: most writes of such keys happen with consent given, or are not objects.
  const std::size_t start = skip_space_and_bom(value);
  if (!any_refused || start == value.size() || value[start] != '{') return std::nullopt;

  Redaction out;
  // An object we cannot look inside may hold refused fields: the write is refused whole.
  if (value.size() > Redaction::kMaxValueBytes) {
    out.unverifiable = true;
    return out;
  }
  auto parsed = detail::parse_bounded(value.substr(start), Redaction::kMaxValueBytes, Redaction::kMaxDepth);
  if (!parsed.error.empty() && !parsed.too_deep) {
    parsed = detail::parse_bounded(replace_lone_surrogate_escapes(value.substr(start)), Redaction::kMaxValueBytes, Redaction::kMaxDepth);
  }
  // Still unreadable (a number beyond double, broken JSON a lenient reader might accept): JavaScript may
  // read fields the core cannot see, so it is refused rather than written whole.
  if (!parsed.error.empty() || !parsed.value.is_object()) {
    out.unverifiable = true;
    return out;
  }

  for (const FieldRule& rule : rules) {
    if ((rule.categories & granted) == rule.categories) continue;
    auto it = parsed.value.find(rule.field);
    if (it == parsed.value.end()) continue;
    out.removed.push_back(rule.field);
    parsed.value.erase(it);
  }
  if (out.removed.empty()) return std::nullopt;
  out.value = detail::dump(parsed.value);
  return out;
}

}  // namespace smartcp
