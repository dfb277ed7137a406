#include "smartcp/redact.hpp"

#include "json_util.hpp"

namespace smartcp {

std::optional<Redaction> redact_fields(std::string_view value, const std::vector<FieldRule>& rules, Categories granted) {
  bool any_refused = false;
  for (const FieldRule& rule : rules) any_refused |= (rule.categories & granted) != rule.categories;
  // Cheap exits first: most writes of such keys happen with consent given, or are not objects.
  const auto start = value.find_first_not_of(" \t\r\n");
  if (!any_refused || start == std::string_view::npos || value[start] != '{') return std::nullopt;

  Redaction out;
  // An object we cannot look inside may hold refused fields.
  if (value.size() > Redaction::kMaxValueBytes) {
    out.unverifiable = true;
    return out;
  }
  auto parsed = detail::parse_bounded(value, Redaction::kMaxValueBytes, Redaction::kMaxDepth);
  if (parsed.too_deep) {
    out.unverifiable = true;
    return out;
  }
  if (!parsed.error.empty() || !parsed.value.is_object()) return std::nullopt;  // not JSON: no fields

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
