// The tracker database: the platforms real sites run, the storage keys their code writes and the
// endpoints their scripts load from and send to. Built from the Open Cookie Database and the project's
// endpoint list into compiled-in tables (scripts/generate-tables.mjs); nothing is parsed at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/types.hpp"

namespace smartcp {

// What the database says a key is for; it picks the purpose text visitors see. Functional, necessary,
// security and personalization keys need no consent.
enum class PurposeClass : std::uint8_t { functional, necessary, security, personalization, analytics, marketing };
std::string_view to_string(PurposeClass purpose);

struct TrackerEntry {
  std::string_view name;  // the name, or the prefix of a wildcard entry
  std::uint16_t platform = 0;
  Categories categories = category::functional;  // as the database says (functional always included)
  PurposeClass purpose = PurposeClass::functional;
  bool wildcard = false;  // `name` is a prefix
  bool generic = false;   // a name sites use for their own keys: applies only where the site names the platform
  std::uint16_t retention_days = 0;  // 0: a session cookie, persistent storage, or not known
};

// A tracker endpoint: a host (with its subdomains), optionally with a path prefix.
struct TrackerHost {
  std::string_view host;
  std::string_view path;  // starts with '/' (it may include the start of a query string); empty: any
  std::uint16_t platform = 0;
  Categories categories = category::functional;
  bool google_tag = false;  // honours Google Consent Mode
  std::uint8_t signal = 0;  // 0: none; else the platform's own consent call (1 Meta, 2 UET, 3 TikTok, 4 Clarity)
};

class TrackerDatabase {
 public:
  // The compiled-in database, indexed on first use.
  static const TrackerDatabase& instance();

  std::size_t size() const { return entries_.size(); }
  const TrackerEntry& entry(std::size_t index) const { return entries_[index]; }
  std::size_t index_of(const TrackerEntry& entry) const { return static_cast<std::size_t>(&entry - entries_.data()); }

  std::size_t platform_count() const { return platforms_.size(); }
  std::string_view platform(std::size_t index) const { return platforms_[index].name; }
  // The platform named `name`, compared without regard to ASCII case.
  std::optional<std::uint16_t> find_platform(std::string_view name) const;
  // The entries of a platform: [first, last).
  std::pair<std::size_t, std::size_t> entries_of(std::uint16_t platform) const {
    return {platforms_[platform].first, platforms_[platform].last};
  }

  // The most specific entry for `name` that `applies` lets through: a literal match first, then the
  // longest matching prefix.
  template <typename Applies>
  const TrackerEntry* match(std::string_view name, Applies&& applies) const {
    if (const TrackerEntry* literal = find_literal(name); literal && applies(*literal)) return literal;
    const TrackerEntry* best = nullptr;
    if (name.empty()) return best;
    for (std::uint16_t i : by_first_char_[static_cast<unsigned char>(name[0])]) {
      const TrackerEntry& e = entries_[i];
      if ((!best || e.name.size() > best->name.size()) && name.size() >= e.name.size() &&
          name.compare(0, e.name.size(), e.name) == 0 && applies(e)) {
        best = &e;
      }
    }
    return best;
  }

  const std::vector<TrackerHost>& hosts() const { return hosts_; }
  // The endpoint `url` (absolute http(s) or protocol-relative) goes to, if it is a tracker's: the longest
  // matching host, then the longest path prefix.
  const TrackerHost* match_url(std::string_view url) const;

 private:
  TrackerDatabase();
  const TrackerEntry* find_literal(std::string_view name) const;

  struct Platform {
    std::string_view name;
    std::size_t first = 0;
    std::size_t last = 0;
  };
  std::string names_;  // the entries' names, decoded from the front-coded table; entries view into it
  std::vector<Platform> platforms_;
  std::vector<TrackerEntry> entries_;
  std::vector<std::uint16_t> literal_slots_;  // open addressing by name hash: entry index + 1, 0 empty
  std::vector<std::uint16_t> by_first_char_[256];  // wildcard entries by the first byte of their prefix
  std::vector<TrackerHost> hosts_;
};

// A URL's host (lower-cased) and the rest from its path on, as `match_url` reads them. Nothing when it is
// not an absolute http(s), ws(s) or protocol-relative URL.
struct UrlParts {
  std::string host;
  std::string_view rest;  // from the path on: "/g/collect?v=2"; "/" when the URL has none
};
std::optional<UrlParts> split_url(std::string_view url);

}  // namespace smartcp
