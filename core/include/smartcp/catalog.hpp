// The key catalog: what each known cookie, storage key, database and cache is, and which consent it
// needs. Three layers, tried in order: the site owner's entries, the curated vendor catalogs (with the
// vendors' name prefixes), and the tracker database.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/json.hpp"

#include "smartcp/config.hpp"
#include "smartcp/pattern.hpp"
#include "smartcp/tracker_database.hpp"
#include "smartcp/types.hpp"

namespace smartcp {

// Texts per language ("pl", "en", "cs", and any other the owner gives).
using Texts = std::map<std::string, std::string, std::less<>>;

// A JSON field inside a key's value that needs other categories than the key itself.
struct FieldRule {
  std::string field;
  Categories categories = category::functional;
};

struct Entry {
  Pattern pattern;
  KindSet kinds = 0;       // as written
  KindSet applies_to = 0;  // what it decides: an entry for one kind of Web Storage covers the other too,
                           // unless the same layer lists the same name for the other kind separately
  std::string vendor;      // vendor id ("smartsupp") or the owner's free text
  Categories categories = category::functional;  // all of them are needed
  std::optional<int> retention_days;  // none: persistent storage, or a session cookie
  Texts purpose;           // the owner's texts
  std::string purpose_id;  // a built-in entry's purpose, by id (js/generated/purposes.js)
  std::vector<FieldRule> fields;
  bool builtin = false;
};

struct Processor {
  std::string name, company_id, address, dpo, data_location;
};

struct Vendor {
  std::string id;
  std::string label;
  Categories default_categories = category::functional;
  std::vector<std::string> prefixes;  // unlisted names starting with one take the default categories
  Processor processor;  // shown to visitors
};

// Where a classification came from.
enum class Source : std::uint8_t { unknown = 0, site_catalog = 1, vendor_catalog = 2, vendor_prefix = 3, database = 4 };
std::string_view to_string(Source source);

struct Match {
  Source source = Source::unknown;
  const Entry* entry = nullptr;           // site_catalog, vendor_catalog
  const TrackerEntry* tracker = nullptr;  // database
  const Vendor* vendor = nullptr;         // vendor_catalog, vendor_prefix
  Categories categories = category::functional;  // what a write needs (the site's platform settings applied)
  std::optional<int> retention_days;
};

class Catalog {
 public:
  static constexpr std::size_t kMaxEntries = 1000;  // the site owner's

  void add_vendor(Vendor vendor);
  // A curated vendor catalog's entry.
  void add_entry(Entry entry);
  // One of the site owner's entries: tried before every built-in one.
  void add_site_entry(Entry entry);
  // The site owner's settings for the tracker database's platforms.
  void set_platforms(const std::vector<PlatformSetting>& settings);

  // What `name` of `kind` is: the most specific of the site's entries; else of the vendor catalogs'
  // (most literal characters, then fewest placeholders, then the entry added last); else a vendor's
  // longest name prefix; else the tracker database's most specific entry that applies to this site.
  Match classify(std::string_view name, Kind kind) const;

  // The most specific catalog entry (site's, then vendors') matching `name` for `kind`.
  const Entry* match(std::string_view name, Kind kind) const;
  // The vendor whose longest prefix starts `name`, if any.
  const Vendor* vendor_for(std::string_view name) const;
  const Vendor* vendor(std::string_view id) const;
  // The vendor of a catalog entry, if it is a known vendor's (resolved when the catalog is built).
  const Vendor* vendor_of(const Entry& entry) const;

  // Whether a database entry applies to this site (its platform is not off; generic ones only where the
  // site runs the platform), and what it needs here.
  bool applies(const TrackerEntry& entry) const;
  Categories categories_of(const TrackerEntry& entry) const;
  Categories platform_categories(std::uint16_t platform, Categories database_categories) const;
  bool platform_off(std::uint16_t platform) const;

  // Vendors' entries first, then the site's, in the order added.
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Vendor>& vendors() const { return vendors_; }
  std::size_t index_of(const Entry& entry) const { return static_cast<std::size_t>(&entry - entries_.data()); }

 private:
  // One layer's entries, found by name.
  class Layer {
   public:
    void add(const Entry& entry, std::size_t index);
    const Entry* match(const std::vector<Entry>& entries, std::string_view name, Kind kind) const;
    std::vector<std::size_t> members;

   private:
    // Literal patterns by a hash of their name, sorted; variable ones by the first character of their
    // prefix (256 means none).
    std::vector<std::pair<std::uint64_t, std::size_t>> literal_index_;
    std::vector<std::size_t> by_first_char_[257];
  };
  void add_to(Layer& layer, Entry entry);

  std::vector<Vendor> vendors_;
  std::vector<Entry> entries_;
  std::vector<int> entry_vendor_;  // index into vendors_ per entry, -1 for none
  Layer vendor_layer_;
  Layer site_layer_;
  // Per database platform, when the site set any: bit 0 off, bit 1 generic on; and the categories it needs.
  std::vector<std::uint8_t> platform_flags_;
  std::vector<Categories> platform_categories_;
};

// Parsing of one catalog entry from JSON, used for the site owner's `catalog` config field. Problems are
// appended to `issues` with paths under `path`.
std::optional<Entry> parse_entry(const Json& json, const std::string& path, const Bindings& bindings,
                                 std::vector<Issue>& issues);

// The catalog a configuration implies: the built-in vendor catalogs (compiled-in tables) with its
// placeholders bound, the site owner's entries (already validated by parse_config; problems are
// appended to `issues` all the same), and its platform settings.
Catalog build_catalog(const Config& config, std::vector<Issue>& issues);

}  // namespace smartcp
