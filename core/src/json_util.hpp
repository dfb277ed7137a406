// Private helpers for reading untrusted JSON without exceptions and reporting where a problem is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "smartcp/types.hpp"

namespace smartcp::detail {

// `vendors` + `smartsupp` -> `vendors.smartsupp`; `catalog` + 2 -> `catalog[2]`.
std::string member_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);

// Serialises without throwing: invalid UTF-8 (a lone surrogate from a page) becomes U+FFFD.
template <typename Json>
std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

// A JSON type's name for messages: "a string", "a number", …
std::string_view describe(const nlohmann::json& json);

template <typename Json>
struct ParsedJson {
  Json value;
  std::string error;  // empty on success
  bool too_deep = false;
};

// Finds the first syntax error and its position; builds nothing.
std::string describe_syntax_error(std::string_view text);

// Parses with bounded size and nesting; never throws. Bounded nesting also keeps the (recursive)
// serialiser safe on what it later dumps.
template <typename Json>
ParsedJson<Json> parse_bounded(std::string_view text, std::size_t max_bytes, int max_depth) {
  ParsedJson<Json> out;
  if (text.size() > max_bytes) {
    out.error = "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bytes);
    return out;
  }
  typename Json::parser_callback_t limit_depth = [&](int depth, typename Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) && depth >= max_depth) {
      out.too_deep = true;
    }
    return !out.too_deep;
  };
  out.value = Json::parse(text.begin(), text.end(), limit_depth, /*allow_exceptions=*/false);
  if (out.too_deep) {
    out.value = nullptr;
    out.error = "is nested more than " + std::to_string(max_depth) + " levels deep";
  } else if (out.value.is_discarded()) {
    out.value = nullptr;
    out.error = "is not valid JSON: " + describe_syntax_error(text);
  }
  return out;
}

// An integer that fits `int` and lies in [min, max] (a JSON number such as 3.0 counts as 3).
std::optional<std::int64_t> as_integer(const nlohmann::json& json);

// Appends an issue.
void error(std::vector<Issue>& issues, std::string path, std::string message);
void warning(std::vector<Issue>& issues, std::string path, std::string message);

// A category, or a list of categories, as in the catalog's and the config's `categories` fields.
std::optional<Categories> parse_categories(const nlohmann::json& json, const std::string& path,
                                           std::vector<Issue>& issues);

}  // namespace smartcp::detail
