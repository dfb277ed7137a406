// Field-level rules: removing the JSON fields of refused categories from a stored value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/catalog.hpp"

namespace smartcp {

struct Redaction {
  static constexpr std::size_t kMaxValueBytes = 8 * 1024 * 1024;
  static constexpr int kMaxDepth = 64;

  std::string value;                 // the value with the refused fields removed
  std::vector<std::string> removed;  // their names, in the rules' order
  // A JSON object too large, too deeply nested or unreadable (a number beyond double, broken syntax)
  // to look inside as JavaScript would: it may hold refused fields, so the write is refused as a whole
  // (fail closed). Lone surrogate escapes, which JavaScript reads, are read as U+FFFD.
  bool unverifiable = false;
};

// When `value` is a JSON object (after white space and byte-order marks) holding fields whose categories
// are not all in `granted`, the value without them; otherwise nothing (not an object, or nothing to
// remove). Field order and the other fields' values are kept. Looks at the value only when some rule's
// category is refused.
std::optional<Redaction> redact_fields(std::string_view value, const std::vector<FieldRule>& rules,
                                       Categories granted);

}  // namespace smartcp
