// Private helpers for reading untrusted JSON without exceptions and reporting where a problem is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/json.hpp"

#include "smartcp/json.hpp"
#include "smartcp/types.hpp"

namespace smartcp::detail {

// `vendors` + `smartsupp` -> `vendors.smartsupp`; `catalog` + 2 -> `catalog[2]`.
std::string member_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);

// Serialises without throwing: invalid UTF-8 (a lone surrogate from a page) becomes U+FFFD. The wasm
// build writes with json_writer.hpp (the same bytes, a fraction of the module's size).
std::string dump(const Json& json);

// An object's members, in document order, for a value known to be an object. A loop over them is a loop
// over a vector; nlohmann's iterators, which handle every type at each step, cost the module about 200
// bytes a loop.
inline const Json::object_t& members(const Json& object) { return *object.get_ptr<const Json::object_t*>(); }

// The member `key` of `object`, or nullptr when it has none (or is not an object). One function for every
// lookup, where nlohmann's find is a template instantiated for each length of literal.
const Json* member(const Json& object, std::string_view key);

// A JSON type's name for messages: "a string", "a number", …
std::string_view describe(const Json& json);

struct ParsedJson {
  Json value;
  std::string error;  // empty on success
  bool too_deep = false;
};

// Parses with bounded size and nesting; never throws. Bounded nesting also keeps the (recursive)
// serialiser safe on what it later dumps. The core's only JSON parser: one instantiation of
// nlohmann's parser keeps the WebAssembly small.
ParsedJson parse_bounded(std::string_view text, std::size_t max_bytes, int max_depth);

// An integer that fits `int` and lies in [min, max] (a JSON number such as 3.0 counts as 3).
std::optional<std::int64_t> as_integer(const Json& json);

// One category as its name, several as a list, as a site owner may write them ("analytics",
// ["analytics", "marketing"]; "functional" when only functional), as the config and the host rules answer.
Json category_json(Categories categories);

// {"functional": true, "analytics": …, "marketing": …}, as a consent record and the engine's consent state
// write the categories.
Json category_flags(Categories categories);

// Appends an issue.
void error(std::vector<Issue>& issues, std::string path, std::string message);
void warning(std::vector<Issue>& issues, std::string path, std::string message);

// A category, or a list of categories, as in the catalog's and the config's `categories` fields.
std::optional<Categories> parse_categories(const Json& json, const std::string& path,
                                           std::vector<Issue>& issues);

}  // namespace smartcp::detail
