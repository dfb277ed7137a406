#include "smartcp/catalog.hpp"

#include "json_util.hpp"

#include <algorithm>

namespace smartcp {

namespace {

// FNV-1a, 64 bits: names are short, and a collision only costs a string compare.
std::uint64_t hash_name(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace


void Catalog::add_vendor(Vendor vendor) {
  vendors_.push_back(std::move(vendor));
  // Vendor catalogs list their entries before the vendor itself is complete.
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entry_vendor_[i] < 0 && entries_[i].vendor == vendors_.back().id) entry_vendor_[i] = static_cast<int>(vendors_.size() - 1);
  }
}

void Catalog::add_entry(Entry entry) {
  const std::size_t index = entries_.size();
  const Vendor* v = vendor(entry.vendor);
  entry_vendor_.push_back(v ? static_cast<int>(v - vendors_.data()) : -1);
  const Pattern& p = entry.pattern;
  if (p.is_literal()) {
    const auto item = std::make_pair(hash_name(p.prefix()), index);
    literal_index_.insert(std::upper_bound(literal_index_.begin(), literal_index_.end(), item), item);
  } else {
    by_first_char_[p.prefix().empty() ? 256 : static_cast<unsigned char>(p.prefix()[0])].push_back(index);
  }
  entries_.push_back(std::move(entry));
}

bool Catalog::better(const Entry& candidate, std::size_t candidate_index, const Entry* best, std::size_t best_index) {
  if (!best) return true;
  const Pattern& a = candidate.pattern;
  const Pattern& b = best->pattern;
  if (a.literal_length() != b.literal_length()) return a.literal_length() > b.literal_length();
  if (a.variable_segments() != b.variable_segments()) return a.variable_segments() < b.variable_segments();
  return candidate_index > best_index;
}

const Entry* Catalog::match(std::string_view name, Kind kind) const {
  const KindSet bit = kind_bit(kind);
  const Entry* best = nullptr;
  std::size_t best_index = 0;
  // A literal match fixes every character of the name: no pattern can be more specific.
  const std::uint64_t hash = hash_name(name);
  for (auto it = std::lower_bound(literal_index_.begin(), literal_index_.end(), std::make_pair(hash, std::size_t{0}));
       it != literal_index_.end() && it->first == hash; ++it) {
    const Entry& e = entries_[it->second];
    if ((e.kinds & bit) && e.pattern.prefix() == name && better(e, it->second, best, best_index)) {
      best = &e;
      best_index = it->second;
    }
  }
  if (best) return best;

  auto scan = [&](const std::vector<std::size_t>& bucket) {
    for (std::size_t i : bucket) {
      const Entry& e = entries_[i];
      if ((e.kinds & bit) && better(e, i, best, best_index) && e.pattern.matches(name)) {
        best = &e;
        best_index = i;
      }
    }
  };
  if (!name.empty()) scan(by_first_char_[static_cast<unsigned char>(name[0])]);
  scan(by_first_char_[256]);
  return best;
}

const Vendor* Catalog::vendor_for(std::string_view name) const {
  const Vendor* best = nullptr;
  std::size_t best_length = 0;
  for (const Vendor& v : vendors_) {
    for (const std::string& prefix : v.prefixes) {
      // The first-character test skips most prefixes without a call to compare.
      if (prefix.size() > best_length && prefix.size() <= name.size() && prefix[0] == name[0] &&
          name.compare(0, prefix.size(), prefix) == 0) {
        best = &v;
        best_length = prefix.size();
      }
    }
  }
  return best;
}

const Vendor* Catalog::vendor_of(const Entry& entry) const {
  const int v = entry_vendor_[index_of(entry)];
  return v < 0 ? nullptr : &vendors_[static_cast<std::size_t>(v)];
}

const Vendor* Catalog::vendor(std::string_view id) const {
  for (const Vendor& v : vendors_) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

namespace {

constexpr std::size_t kMaxText = 2000;

std::optional<Texts> parse_texts(const Json& value, const std::string& path, std::vector<Issue>& issues) {
  Texts texts;
  if (value.is_string()) {
    texts["en"] = value.get<std::string>();  // one text for every language
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string item_path = detail::member_path(path, it.key());
      if (!it.value().is_string()) {
        detail::error(issues, item_path, "must be a string");
        return std::nullopt;
      }
      texts[it.key()] = it.value().get<std::string>();
    }
  } else {
    detail::error(issues, path, "must be a string or an object of texts by language");
    return std::nullopt;
  }
  for (const auto& [lang, text] : texts) {
    if (text.size() > kMaxText) {
      detail::error(issues, path, "is longer than " + std::to_string(kMaxText) + " characters");
      return std::nullopt;
    }
  }
  return texts;
}

std::optional<KindSet> parse_kinds(const Json& value, const std::string& path, std::vector<Issue>& issues) {
  const char* expected = "must be \"cookie\", \"localStorage\", \"sessionStorage\" or a list of them";
  auto one = [&](const Json& item) -> std::optional<KindSet> {
    if (!item.is_string()) return std::nullopt;
    auto kind = parse_kind(item.get_ref<const std::string&>());
    if (!kind) return std::nullopt;
    return kind_bit(*kind);
  };
  if (value.is_array() && !value.empty()) {
    KindSet set = 0;
    for (const Json& item : value) {
      auto bit = one(item);
      if (!bit) {
        detail::error(issues, path, expected);
        return std::nullopt;
      }
      set |= *bit;
    }
    return set;
  }
  if (auto bit = one(value)) return bit;
  detail::error(issues, path, expected);
  return std::nullopt;
}

}  // namespace

std::optional<Entry> parse_entry(const Json& value, const std::string& path, const Bindings& bindings,
                                 std::vector<Issue>& issues) {
  if (!value.is_object()) {
    detail::error(issues, path, "must be an object with at least \"name\", \"kind\" and \"category\"");
    return std::nullopt;
  }
  const std::size_t errors_before = issues.size();
  Entry entry;

  const auto name = value.find("name");
  if (name == value.end() || !name->is_string()) {
    detail::error(issues, detail::member_path(path, "name"), "must be a string: the key's name or pattern");
  } else {
    std::string why;
    if (auto pattern = Pattern::compile(name->get_ref<const std::string&>(), bindings, &why)) {
      entry.pattern = std::move(*pattern);
    } else {
      detail::error(issues, detail::member_path(path, "name"), why);
    }
  }

  const auto kind = value.find("kind");
  if (kind == value.end()) {
    detail::error(issues, detail::member_path(path, "kind"), "is missing");
  } else if (auto kinds = parse_kinds(*kind, detail::member_path(path, "kind"), issues)) {
    entry.kinds = *kinds;
  }

  // "category" and "categories" are the same field; a key in several categories needs all of them.
  const auto cat = value.contains("categories") ? value.find("categories") : value.find("category");
  if (cat == value.end()) {
    detail::error(issues, detail::member_path(path, "category"), "is missing");
  } else if (auto categories = detail::parse_categories(*cat, detail::member_path(path, cat.key()), issues)) {
    entry.categories = *categories | category::functional;
  }

  if (auto vendor = value.find("vendor"); vendor != value.end()) {
    if (vendor->is_string() && vendor->get_ref<const std::string&>().size() <= 100) {
      entry.vendor = vendor->get<std::string>();
    } else {
      detail::error(issues, detail::member_path(path, "vendor"), "must be a string of at most 100 characters");
    }
  }

  if (auto retention = value.find("retentionDays"); retention != value.end() && !retention->is_null()) {
    auto days = detail::as_integer(*retention);
    if (days && *days >= 1 && *days <= 3650) {
      entry.retention_days = static_cast<int>(*days);
    } else {
      detail::error(issues, detail::member_path(path, "retentionDays"), "must be a whole number of days from 1 to 3650, or null for session and persistent storage");
    }
  }

  if (auto purpose = value.find("purpose"); purpose != value.end()) {
    if (auto texts = parse_texts(*purpose, detail::member_path(path, "purpose"), issues)) entry.purpose = std::move(*texts);
  }

  if (auto fields = value.find("fields"); fields != value.end()) {
    const std::string fields_path = detail::member_path(path, "fields");
    if (!fields->is_object()) {
      detail::error(issues, fields_path, "must be an object of field name to category");
    } else {
      for (auto it = fields->begin(); it != fields->end(); ++it) {
        if (auto c = detail::parse_categories(it.value(), detail::member_path(fields_path, it.key()), issues)) {
          entry.fields.push_back({it.key(), *c});
        }
      }
    }
  }

  static const char* const known[] = {"name", "kind", "category", "categories", "vendor", "retentionDays", "purpose", "fields"};
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return it.key() == k; }) == std::end(known)) {
      detail::warning(issues, detail::member_path(path, it.key()), "is not a known field and is ignored");
    }
  }

  for (std::size_t i = errors_before; i < issues.size(); ++i) {
    if (issues[i].severity == Issue::Severity::error) return std::nullopt;
  }
  return entry;
}

bool parse_vendor_catalog(const Json& value, const std::string& path, const Bindings& bindings, Catalog& catalog,
                          std::vector<Issue>& issues) {
  const std::size_t before = issues.size();
  if (!value.is_object()) {
    detail::error(issues, path, "must be an object");
    return false;
  }
  Vendor vendor;
  auto string_field = [&](const char* key, std::string& out) {
    auto it = value.find(key);
    if (it == value.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      detail::error(issues, detail::member_path(path, key), "must be a non-empty string");
    } else {
      out = it->get<std::string>();
    }
  };
  string_field("vendor", vendor.id);
  string_field("label", vendor.label);
  if (auto it = value.find("defaultCategories"); it != value.end()) {
    if (auto c = detail::parse_categories(*it, detail::member_path(path, "defaultCategories"), issues)) {
      vendor.default_categories = *c | category::functional;
    }
  }
  if (auto it = value.find("prefixes"); it != value.end() && it->is_array()) {
    for (const Json& prefix : *it) {
      if (prefix.is_string() && !prefix.get_ref<const std::string&>().empty()) vendor.prefixes.push_back(prefix.get<std::string>());
    }
  }
  if (auto it = value.find("processor"); it != value.end()) vendor.processor = *it;

  auto entries = value.find("entries");
  if (entries == value.end() || !entries->is_array()) {
    detail::error(issues, detail::member_path(path, "entries"), "must be a list of entries");
    return false;
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (auto entry = parse_entry((*entries)[i], detail::index_path(detail::member_path(path, "entries"), i), bindings, issues)) {
      entry->vendor = vendor.id;
      entry->builtin = true;
      catalog.add_entry(std::move(*entry));
    }
  }
  catalog.add_vendor(std::move(vendor));
  return issues.size() == before;
}

Catalog build_catalog(const Config& config, std::vector<Issue>& issues) {
  Catalog catalog;
  const Bindings bindings = bindings_for(config);
  // The built-in catalogs are parsed once; only their placeholders depend on the config.
  static const std::vector<Json> parsed = [] {
    std::vector<Json> out;
    for (const BuiltinCatalog& builtin : builtin_catalogs()) {
      out.push_back(detail::parse_bounded(builtin.json, builtin.json.size(), Config::kMaxDepth).value);
    }
    return out;
  }();
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    parse_vendor_catalog(parsed[i], "builtin:" + std::string(builtin_catalogs()[i].name), bindings, catalog, issues);
  }
  for (std::size_t i = 0; i < config.catalog.size(); ++i) {
    if (auto entry = parse_entry(config.catalog[i], detail::index_path("catalog", i), bindings, issues)) {
      catalog.add_entry(std::move(*entry));
    }
  }
  return catalog;
}

}  // namespace smartcp
