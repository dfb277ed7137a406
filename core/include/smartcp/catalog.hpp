// The key catalog: what each known cookie and storage key is, and which consent it needs.
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
  KindSet kinds = 0;
  std::string vendor;                 // vendor id ("smartsupp") or the owner's free text
  Categories categories = category::functional;  // all of them are needed
  std::optional<int> retention_days;  // none: persistent storage, or a session cookie
  Texts purpose;
  std::vector<FieldRule> fields;
  bool builtin = false;
};

struct Vendor {
  std::string id;
  std::string label;
  Categories default_categories = category::functional;
  std::vector<std::string> prefixes;  // unlisted names starting with one take the default categories
  Json processor;   // shown to visitors as it is (company, address, DPO)
};

class Catalog {
 public:
  static constexpr std::size_t kMaxEntries = 1000;

  void add_vendor(Vendor vendor);
  void add_entry(Entry entry);

  // The most specific entry matching `name` for `kind`: most literal characters, then fewest
  // placeholders, then the entry added last (so a site owner's entry overrides a built-in one).
  const Entry* match(std::string_view name, Kind kind) const;
  // The vendor whose longest prefix starts `name`, if any.
  const Vendor* vendor_for(std::string_view name) const;
  const Vendor* vendor(std::string_view id) const;
  // The vendor of a catalog entry, if it is a known vendor's (resolved when the catalog is built).
  const Vendor* vendor_of(const Entry& entry) const;

  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Vendor>& vendors() const { return vendors_; }
  std::size_t index_of(const Entry& entry) const { return static_cast<std::size_t>(&entry - entries_.data()); }

 private:
  static bool better(const Entry& candidate, std::size_t candidate_index, const Entry* best, std::size_t best_index);

  std::vector<Vendor> vendors_;
  std::vector<Entry> entries_;
  std::vector<int> entry_vendor_;  // index into vendors_ per entry, -1 for none
  // Literal patterns by a hash of their name, sorted (one integer search, one string compare to
  // confirm); variable ones by the first character of their prefix (256 means none).
  std::vector<std::pair<std::uint64_t, std::size_t>> literal_index_;
  std::vector<std::size_t> by_first_char_[257];
};

// Parsing of catalog entries and vendor catalogs from JSON, used for both the built-in data files and
// the site owner's `catalog` config field. Problems are appended to `issues` with paths under `path`.
std::optional<Entry> parse_entry(const Json& json, const std::string& path, const Bindings& bindings,
                                 std::vector<Issue>& issues);
// Parses a vendor catalog file ({vendor, label, defaultCategories, prefixes, processor, entries}).
bool parse_vendor_catalog(const Json& json, const std::string& path, const Bindings& bindings,
                          Catalog& catalog, std::vector<Issue>& issues);

// The catalog a configuration implies: the built-in vendors with its placeholders bound, then the site
// owner's entries (already validated by parse_config; problems are appended to `issues` all the same).
Catalog build_catalog(const Config& config, std::vector<Issue>& issues);

// The built-in vendor catalogs (core/catalog/*.json, compiled in), as JSON text.
struct BuiltinCatalog {
  std::string_view name;
  std::string_view json;
};
const std::vector<BuiltinCatalog>& builtin_catalogs();

}  // namespace smartcp
