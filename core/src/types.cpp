#include "smartcp/types.hpp"

#include <algorithm>

namespace smartcp {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::cookie: return "cookie";
    case Kind::local_storage: return "localStorage";
    case Kind::session_storage: return "sessionStorage";
    case Kind::indexed_db: return "indexedDB";
    case Kind::cache_storage: return "cacheStorage";
  }
  return "cookie";
}

std::optional<Kind> parse_kind(std::string_view text) {
  if (text == "cookie") return Kind::cookie;
  if (text == "localStorage") return Kind::local_storage;
  if (text == "sessionStorage") return Kind::session_storage;
  if (text == "indexedDB") return Kind::indexed_db;
  if (text == "cacheStorage") return Kind::cache_storage;
  return std::nullopt;
}

std::optional<Categories> parse_category(std::string_view text) {
  if (text == "functional") return category::functional;
  if (text == "analytics") return category::analytics;
  if (text == "marketing") return category::marketing;
  return std::nullopt;
}

std::vector<std::string> category_names(Categories set) {
  std::vector<std::string> names;
  if (set & category::functional) names.emplace_back("functional");
  if (set & category::analytics) names.emplace_back("analytics");
  if (set & category::marketing) names.emplace_back("marketing");
  return names;
}

std::string_view first_category_name(Categories set) {
  if (set & category::analytics) return "analytics";
  if (set & category::marketing) return "marketing";
  return "functional";
}

bool is_language_tag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
  std::size_t i = 0;
  while (i < tag.size() && alpha(tag[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < tag.size() && alnum(tag[i])) ++i;
    if (i - start < 1 || i - start > 8) return false;
  }
  return true;
}

bool is_supported_language(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

}  // namespace smartcp
