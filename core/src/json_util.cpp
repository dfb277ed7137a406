#include "json_util.hpp"

#include <cmath>
#include <limits>

namespace smartcp::detail {

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

std::string_view describe(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

namespace {

// Records only the first syntax error, with its position; builds nothing.
struct ErrorFinder : nlohmann::json_sax<nlohmann::json> {
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // ex.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …"; keep the tail.
    std::string what = ex.what();
    const auto at = what.find("parse error");
    message = at == std::string::npos ? "invalid JSON at byte " + std::to_string(position) : what.substr(at);
    return false;
  }
};

}  // namespace

std::string describe_syntax_error(std::string_view text) {
  ErrorFinder finder;
  nlohmann::json::sax_parse(text.begin(), text.end(), &finder);
  return finder.message.empty() ? "unexpected input" : finder.message;
}

std::optional<std::int64_t> as_integer(const nlohmann::json& json) {
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

void error(std::vector<Issue>& issues, std::string path, std::string message) {
  issues.push_back({Issue::Severity::error, std::move(path), std::move(message)});
}

void warning(std::vector<Issue>& issues, std::string path, std::string message) {
  issues.push_back({Issue::Severity::warning, std::move(path), std::move(message)});
}

std::optional<Categories> parse_categories(const nlohmann::json& json, const std::string& path,
                                           std::vector<Issue>& issues) {
  auto one = [&](const nlohmann::json& item, const std::string& item_path) -> std::optional<Categories> {
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
