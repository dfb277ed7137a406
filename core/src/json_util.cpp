#include "json_util.hpp"

#include <cmath>
#include <limits>

#if SMARTCP_COMPACT_JSON_WRITER
#include "json_writer.hpp"
#endif

namespace smartcp::detail {

std::string dump(const Json& json) {
#if SMARTCP_COMPACT_JSON_WRITER
  std::string out;
  write_json(out, json);
  return out;
#else
  return json.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
#endif
}

std::string member_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out = parent;
  out += '.';
  out += key;
  return out;
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + '[' + std::to_string(index) + ']';
}

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (const auto& [name, value] : members(object)) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string_view describe(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

namespace {

// Builds the document like nlohmann's own DOM parser, but stops at a nesting limit and keeps the first
// syntax error's message instead of throwing.
class BoundedBuilder final : public nlohmann::json_sax<Json> {
 public:
  explicit BoundedBuilder(int max_depth) : max_depth_(static_cast<std::size_t>(max_depth)) {}

  Json root;
  std::string error;
  bool too_deep = false;

  bool null() override { return add(Json(nullptr)); }
  bool boolean(bool v) override { return add(Json(v)); }
  bool number_integer(number_integer_t v) override { return add(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(Json(v)); }
  bool string(string_t& v) override { return add(Json(std::move(v))); }
  bool binary(binary_t& v) override { return add(Json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(Json(Json::value_t::object)); }
  bool key(string_t& k) override {
    member_ = &(*stack_.back())[k];
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json(Json::value_t::array)); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // ex.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …"; keep the tail.
    const std::string what = ex.what();
    const auto at = what.find("parse error");
    error = at == std::string::npos ? "invalid JSON at byte " + std::to_string(position) : what.substr(at);
    return false;
  }

 private:
  // One place for every kind of value (built by the caller), not one per type: the module is smaller.
  Json* place(Json&& v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    if (stack_.back()->is_array()) {
      stack_.back()->push_back(std::move(v));
      return &stack_.back()->back();
    }
    *member_ = std::move(v);
    return member_;
  }
  bool add(Json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(Json&& type) {
    if (stack_.size() >= max_depth_) {
      too_deep = true;
      return false;
    }
    // Children are only added to the innermost open container, so these pointers stay valid.
    stack_.push_back(place(std::move(type)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::size_t max_depth_;
  std::vector<Json*> stack_;
  Json* member_ = nullptr;
};

}  // namespace

ParsedJson parse_bounded(std::string_view text, std::size_t max_bytes, int max_depth) {
  ParsedJson out;
  if (text.size() > max_bytes) {
    out.error = "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bytes);
    return out;
  }
  BoundedBuilder builder(max_depth);
  if (Json::sax_parse(text.begin(), text.end(), &builder)) {
    out.value = std::move(builder.root);
  } else if (builder.too_deep) {
    out.too_deep = true;
    out.error = "is nested more than " + std::to_string(max_depth) + " levels deep";
  } else {
    out.error = "is not valid JSON: " + (builder.error.empty() ? std::string("unexpected input") : builder.error);
  }
  return out;
}

std::optional<std::int64_t> as_integer(const Json& json) {
  if (json.is_number_integer()) return json.get<std::int64_t>();
  if (json.is_number_unsigned()) {
    const auto v = json.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  if (json.is_number_float()) {
    const double v = json.get<double>();
    // Beyond 2^53 a double no longer holds whole numbers exactly.
    if (!std::isfinite(v) || std::floor(v) != v || std::fabs(v) > 9007199254740992.0) return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  return std::nullopt;
}

Json category_json(Categories categories) {
  const std::vector<std::string> optional = category_names(static_cast<Categories>(categories & ~category::functional));
  return optional.empty() ? Json("functional") : optional.size() == 1 ? Json(optional[0]) : Json(optional);
}

Json category_flags(Categories categories) {
  Json out = Json::object();
  out["functional"] = true;
  out["analytics"] = (categories & category::analytics) != 0;
  out["marketing"] = (categories & category::marketing) != 0;
  return out;
}

void error(std::vector<Issue>& issues, std::string path, std::string message) {
  issues.push_back({Issue::Severity::error, std::move(path), std::move(message)});
}

void warning(std::vector<Issue>& issues, std::string path, std::string message) {
  issues.push_back({Issue::Severity::warning, std::move(path), std::move(message)});
}

std::optional<Categories> parse_categories(const Json& json, const std::string& path,
                                           std::vector<Issue>& issues) {
  auto one = [&](const Json& item, const std::string& item_path) -> std::optional<Categories> {
    if (item.is_string()) {
      if (auto c = parse_category(item.get_ref<const std::string&>())) return c;
    }
    error(issues, item_path, "must be \"functional\", \"analytics\" or \"marketing\"");
    return std::nullopt;
  };
  if (json.is_string()) return one(json, path);
  if (!json.is_array() || json.empty()) {
    error(issues, path, "must be a category or a non-empty list of categories");
    return std::nullopt;
  }
  Categories set = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    auto c = one(json[i], index_path(path, i));
    if (!c) return std::nullopt;
    set |= *c;
  }
  return set;
}

}  // namespace smartcp::detail
