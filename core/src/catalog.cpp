#include "smartcp/catalog.hpp"

#include <algorithm>

#include "builtin_tables.hpp"
#include "json_util.hpp"

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

// More literal characters, then fewer placeholders, then the later entry.
bool better(const Entry& candidate, std::size_t candidate_index, const Entry* best, std::size_t best_index) {
  if (!best) return true;
  const Pattern& a = candidate.pattern;
  const Pattern& b = best->pattern;
  if (a.literal_length() != b.literal_length()) return a.literal_length() > b.literal_length();
  if (a.variable_segments() != b.variable_segments()) return a.variable_segments() < b.variable_segments();
  return candidate_index > best_index;
}

constexpr std::uint8_t kPlatformOff = 1;
constexpr std::uint8_t kPlatformGeneric = 2;

}  // namespace

std::string_view to_string(Source source) {
  switch (source) {
    case Source::unknown: return "unknown";
    case Source::site_catalog: return "site-catalog";
    case Source::vendor_catalog: return "vendor-catalog";
    case Source::vendor_prefix: return "vendor-prefix";
    case Source::database: return "database";
  }
  return "unknown";
}

void Catalog::Layer::add(const Entry& entry, std::size_t index) {
  members.push_back(index);
  const Pattern& p = entry.pattern;
  if (p.is_literal()) {
    const auto item = std::make_pair(hash_name(p.prefix()), index);
    literal_index_.insert(std::upper_bound(literal_index_.begin(), literal_index_.end(), item), item);
  } else {
    by_first_char_[p.prefix().empty() ? 256 : static_cast<unsigned char>(p.prefix()[0])].push_back(index);
  }
}

const Entry* Catalog::Layer::match(const std::vector<Entry>& entries, std::string_view name, Kind kind) const {
  const KindSet bit = kind_bit(kind);
  const Entry* best = nullptr;
  std::size_t best_index = 0;
  // A literal match fixes every character of the name: no pattern can be more specific.
  const std::uint64_t hash = hash_name(name);
  for (auto it = std::lower_bound(literal_index_.begin(), literal_index_.end(), std::make_pair(hash, std::size_t{0}));
       it != literal_index_.end() && it->first == hash; ++it) {
    const Entry& e = entries[it->second];
    if ((e.applies_to & bit) && e.pattern.prefix() == name && better(e, it->second, best, best_index)) {
      best = &e;
      best_index = it->second;
    }
  }
  if (best) return best;
  auto scan = [&](const std::vector<std::size_t>& bucket) {
    for (std::size_t i : bucket) {
      const Entry& e = entries[i];
      if ((e.applies_to & bit) && better(e, i, best, best_index) && e.pattern.matches(name)) {
        best = &e;
        best_index = i;
      }
    }
  };
  if (!name.empty()) scan(by_first_char_[static_cast<unsigned char>(name[0])]);
  scan(by_first_char_[256]);
  return best;
}

void Catalog::add_vendor(Vendor vendor) {
  vendors_.push_back(std::move(vendor));
  // Vendor catalogs list their entries before the vendor itself is complete.
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entry_vendor_[i] < 0 && entries_[i].builtin && entries_[i].vendor == vendors_.back().id) {
      entry_vendor_[i] = static_cast<int>(vendors_.size() - 1);
    }
  }
}

void Catalog::add_to(Layer& layer, Entry entry) {
  // Web Storage is one kind for the catalog: an entry for one covers the other, unless this layer lists
  // the same name for the other kind separately (then each entry decides its own kind).
  entry.applies_to = entry.kinds;
  const KindSet web = entry.kinds & kWebStorage;
  if (web && web != kWebStorage) {
    bool other_listed = false;
    for (std::size_t i : layer.members) {
      Entry& e = entries_[i];
      if (e.pattern.source() != entry.pattern.source()) continue;
      const KindSet e_web = e.kinds & kWebStorage;
      if (e_web & ~web) {
        other_listed = true;
        e.applies_to = static_cast<KindSet>((e.applies_to & ~kWebStorage) | e_web);  // no longer covers this one's kind
      }
    }
    if (!other_listed) entry.applies_to |= kWebStorage;
  }
  const std::size_t index = entries_.size();
  const Vendor* v = entry.builtin ? vendor(entry.vendor) : nullptr;
  entry_vendor_.push_back(v ? static_cast<int>(v - vendors_.data()) : -1);
  layer.add(entry, index);
  entries_.push_back(std::move(entry));
}

void Catalog::add_entry(Entry entry) { add_to(vendor_layer_, std::move(entry)); }

void Catalog::add_site_entry(Entry entry) { add_to(site_layer_, std::move(entry)); }

void Catalog::set_platforms(const std::vector<PlatformSetting>& settings) {
  platform_flags_.clear();
  platform_categories_.clear();
  if (settings.empty()) return;
  const std::size_t count = TrackerDatabase::instance().platform_count();
  platform_flags_.assign(count, 0);
  platform_categories_.assign(count, 0);
  for (const PlatformSetting& s : settings) {
    if (s.platform >= count) continue;
    platform_flags_[s.platform] = static_cast<std::uint8_t>((s.off ? kPlatformOff : 0) | (s.generic ? kPlatformGeneric : 0));
    platform_categories_[s.platform] = s.categories;
  }
}

bool Catalog::platform_off(std::uint16_t platform) const {
  return platform < platform_flags_.size() && (platform_flags_[platform] & kPlatformOff);
}

bool Catalog::applies(const TrackerEntry& entry) const {
  const std::uint8_t flags = entry.platform < platform_flags_.size() ? platform_flags_[entry.platform] : 0;
  if (flags & kPlatformOff) return false;
  return !entry.generic || (flags & kPlatformGeneric);
}

Categories Catalog::platform_categories(std::uint16_t platform, Categories database_categories) const {
  if (platform < platform_categories_.size() && platform_categories_[platform]) return platform_categories_[platform];
  return database_categories;
}

Categories Catalog::categories_of(const TrackerEntry& entry) const { return platform_categories(entry.platform, entry.categories); }

const Entry* Catalog::match(std::string_view name, Kind kind) const {
  if (const Entry* own = site_layer_.match(entries_, name, kind)) return own;
  return vendor_layer_.match(entries_, name, kind);
}

Match Catalog::classify(std::string_view name, Kind kind) const {
  Match m;
  if (const Entry* e = match(name, kind)) {
    m.entry = e;
    m.source = e->builtin ? Source::vendor_catalog : Source::site_catalog;
    m.vendor = vendor_of(*e);
    m.categories = e->categories;
    m.retention_days = e->retention_days;
  } else if (const Vendor* v = vendor_for(name)) {
    m.source = Source::vendor_prefix;
    m.vendor = v;
    m.categories = v->default_categories;
  } else if (kind == Kind::cookie || is_web_storage(kind)) {
    // The database knows names of cookies and Web Storage keys only.
    const TrackerDatabase& db = TrackerDatabase::instance();
    if (const TrackerEntry* t = db.match(name, [this](const TrackerEntry& candidate) { return applies(candidate); })) {
      m.source = Source::database;
      m.tracker = t;
      m.categories = categories_of(*t);
      if (t->retention_days) m.retention_days = t->retention_days;
    }
  }
  return m;
}

const Vendor* Catalog::vendor_for(std::string_view name) const {
  const Vendor* best = nullptr;
  std::size_t best_length = 0;
  if (name.empty()) return best;
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
    for (const auto& it : detail::members(value)) {
      const std::string item_path = detail::member_path(path, it.first);
      if (!it.second.is_string()) {
        detail::error(issues, item_path, "must be a string");
        return std::nullopt;
      }
      texts[it.first] = it.second.get<std::string>();
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
  const char* expected = "must be \"cookie\", \"localStorage\", \"sessionStorage\", \"indexedDB\", \"cacheStorage\" or a list of them";
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

  const Json* name = detail::member(value, "name");
  if (!name || !name->is_string()) {
    detail::error(issues, detail::member_path(path, "name"), "must be a string: the key's name or pattern");
  } else {
    std::string why;
    if (auto pattern = Pattern::compile(name->get_ref<const std::string&>(), bindings, &why)) {
      entry.pattern = std::move(*pattern);
    } else {
      detail::error(issues, detail::member_path(path, "name"), why);
    }
  }

  const Json* kind = detail::member(value, "kind");
  if (!kind) {
    detail::error(issues, detail::member_path(path, "kind"), "is missing");
  } else if (auto kinds = parse_kinds(*kind, detail::member_path(path, "kind"), issues)) {
    entry.kinds = *kinds;
  }

  // "category" and "categories" are the same field; a key in several categories needs all of them.
  const Json* plural = detail::member(value, "categories");
  const Json* cat = plural ? plural : detail::member(value, "category");
  if (!cat) {
    detail::error(issues, detail::member_path(path, "category"), "is missing");
  } else if (auto categories = detail::parse_categories(*cat, detail::member_path(path, plural ? "categories" : "category"), issues)) {
    entry.categories = *categories | category::functional;
  }

  if (const Json* vendor = detail::member(value, "vendor")) {
    if (vendor->is_string() && vendor->get_ref<const std::string&>().size() <= 100) {
      entry.vendor = vendor->get<std::string>();
    } else {
      detail::error(issues, detail::member_path(path, "vendor"), "must be a string of at most 100 characters");
    }
  }

  if (const Json* retention = detail::member(value, "retentionDays"); retention && !retention->is_null()) {
    auto days = detail::as_integer(*retention);
    if (days && *days >= 1 && *days <= 3650) {
      entry.retention_days = static_cast<int>(*days);
    } else {
      detail::error(issues, detail::member_path(path, "retentionDays"), "must be a whole number of days from 1 to 3650, or null for session and persistent storage");
    }
  }

  if (const Json* purpose = detail::member(value, "purpose")) {
    if (auto texts = parse_texts(*purpose, detail::member_path(path, "purpose"), issues)) entry.purpose = std::move(*texts);
  }

  if (const Json* fields = detail::member(value, "fields")) {
    const std::string fields_path = detail::member_path(path, "fields");
    if (!fields->is_object()) {
      detail::error(issues, fields_path, "must be an object of field name to category");
    } else {
      for (const auto& it : detail::members(*fields)) {
        if (auto c = detail::parse_categories(it.second, detail::member_path(fields_path, it.first), issues)) {
          entry.fields.push_back({it.first, *c});
        }
      }
    }
  }

  static const char* const known[] = {"name", "kind", "category", "categories", "vendor", "retentionDays", "purpose", "fields"};
  for (const auto& it : detail::members(value)) {
    if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return it.first == k; }) == std::end(known)) {
      detail::warning(issues, detail::member_path(path, it.first), "is not a known field and is ignored");
    }
  }

  for (std::size_t i = errors_before; i < issues.size(); ++i) {
    if (issues[i].severity == Issue::Severity::error) return std::nullopt;
  }
  return entry;
}

Catalog build_catalog(const Config& config, std::vector<Issue>& issues) {
  Catalog catalog;
  const Bindings bindings = bindings_for(config);
  for (std::size_t v = 0; v < builtin::kVendorCount; ++v) {
    const builtin::VendorSpec& spec = builtin::kVendors[v];
    for (std::size_t i = 0; i < spec.entry_count; ++i) {
      const builtin::EntrySpec& e = spec.entries[i];
      std::string why;
      auto pattern = Pattern::compile(e.pattern, bindings, &why);
      if (!pattern) {  // a binding that empties a pattern; the site's config caused it, so say where
        detail::error(issues, "builtin:" + std::string(spec.id) + ".entries[" + std::to_string(i) + "].name", why);
        continue;
      }
      Entry entry;
      entry.pattern = std::move(*pattern);
      entry.kinds = e.kinds;
      entry.vendor = spec.id;
      entry.categories = e.categories;
      if (e.retention_days) entry.retention_days = e.retention_days;
      // SmartCP's own record lives as long as the site keeps a choice: the dialog shows what is enforced.
      if (std::string_view(spec.id) == "smartcp" && std::string_view(e.pattern) == "smartcp_consent") entry.retention_days = config.expiry_days;
      entry.purpose_id = e.purpose_id;
      for (std::size_t f = 0; f < e.field_count; ++f) entry.fields.push_back({e.fields[f].field, e.fields[f].categories});
      entry.builtin = true;
      catalog.add_entry(std::move(entry));
    }
    Vendor vendor;
    vendor.id = spec.id;
    vendor.label = spec.label;
    vendor.default_categories = spec.default_categories;
    for (std::size_t p = 0; p < spec.prefix_count; ++p) vendor.prefixes.emplace_back(spec.prefixes[p]);
    vendor.processor = {spec.processor.name, spec.processor.company_id, spec.processor.address, spec.processor.dpo,
                        spec.processor.data_location};
    catalog.add_vendor(std::move(vendor));
  }
  for (std::size_t i = 0; i < config.catalog.size(); ++i) {
    if (auto entry = parse_entry(config.catalog[i], detail::index_path("catalog", i), bindings, issues)) {
      catalog.add_site_entry(std::move(*entry));
    }
  }
  catalog.set_platforms(config.platforms);
  return catalog;
}

}  // namespace smartcp
