#include "smartcp/tracker_database.hpp"

#include <algorithm>
#include <string>

#include "builtin_tables.hpp"

namespace smartcp {

namespace {

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Splits a '\n'-separated list.
std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string_view to_string(PurposeClass purpose) {
  switch (purpose) {
    case PurposeClass::functional: return "functional";
    case PurposeClass::necessary: return "necessary";
    case PurposeClass::security: return "security";
    case PurposeClass::personalization: return "personalization";
    case PurposeClass::analytics: return "analytics";
    case PurposeClass::marketing: return "marketing";
  }
  return "functional";
}

const TrackerDatabase& TrackerDatabase::instance() {
  static const TrackerDatabase database;
  return database;
}

TrackerDatabase::TrackerDatabase() {
  const std::vector<std::string_view> platform_names = lines(builtin::kPlatformNames);
  // Names are front-coded: a control byte, 1 + the bytes shared with the name before, then the rest up to
  // the next control byte. Decoded once into one string that every entry's name views.
  const std::string_view coded(builtin::kTrackerNames);
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // offset and length in names_
  spans.reserve(builtin::kTrackerCount);
  std::size_t previous = 0, previous_length = 0;
  for (std::size_t i = 0; i < coded.size();) {
    const std::size_t shared = std::min<std::size_t>(static_cast<unsigned char>(coded[i]) - 1, previous_length);
    std::size_t end = ++i;
    while (end < coded.size() && static_cast<unsigned char>(coded[end]) >= 0x20) ++end;
    const std::size_t offset = names_.size();
    const std::string prefix = names_.substr(previous, shared);  // copied first: appending may move names_
    names_ += prefix;
    names_.append(coded.substr(i, end - i));
    i = end;
    previous = offset;
    previous_length = names_.size() - offset;
    spans.emplace_back(offset, previous_length);
  }
  std::size_t next = 0;
  for (std::size_t p = 0; p < platform_names.size() && p < builtin::kPlatformCount; ++p) {
    Platform platform{platform_names[p], next, next};
    for (std::uint16_t i = 0; i < builtin::kPlatformEntryCount[p] && next < builtin::kTrackerCount && next < spans.size(); ++i, ++next) {
      const std::uint8_t flags = builtin::kTrackerFlags[next];
      TrackerEntry e;
      e.name = std::string_view(names_).substr(spans[next].first, spans[next].second);
      e.platform = static_cast<std::uint16_t>(p);
      e.categories = static_cast<Categories>(category::functional | ((flags & 3) == 1 ? category::analytics : (flags & 3) == 2 ? category::marketing : 0));
      e.purpose = static_cast<PurposeClass>(std::min<unsigned>((flags >> 2) & 7, 5));
      e.wildcard = (flags & 32) != 0;
      e.generic = (flags & 64) != 0;
      e.retention_days = builtin::kRetentionDays[builtin::kTrackerRetention[next]];
      entries_.push_back(e);
    }
    platform.last = next;
    platforms_.push_back(platform);
  }

  // Literal names in an open-addressed table twice their number; prefixes by their first byte.
  std::size_t capacity = 16;
  while (capacity < entries_.size() * 2) capacity *= 2;
  literal_slots_.assign(capacity, 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const TrackerEntry& e = entries_[i];
    if (e.name.empty()) continue;
    if (e.wildcard) {
      by_first_char_[static_cast<unsigned char>(e.name[0])].push_back(static_cast<std::uint16_t>(i));
      continue;
    }
    std::size_t slot = hash_name(e.name) & (capacity - 1);
    while (literal_slots_[slot] != 0) slot = (slot + 1) & (capacity - 1);
    literal_slots_[slot] = static_cast<std::uint16_t>(i + 1);
  }

  for (std::size_t i = 0; i < builtin::kHostCount; ++i) {
    const builtin::HostSpec& spec = builtin::kHosts[i];
    const std::string_view match = spec.match;
    const std::size_t slash = match.find('/');
    TrackerHost h;
    h.host = match.substr(0, slash);
    h.path = slash == std::string_view::npos ? std::string_view() : match.substr(slash);
    h.platform = spec.platform;
    h.categories = static_cast<Categories>(spec.category | category::functional);
    h.google_tag = (spec.flags & 1) != 0;
    h.signal = static_cast<std::uint8_t>((spec.flags >> 1) & 7);
    hosts_.push_back(h);
  }
}

const TrackerEntry* TrackerDatabase::find_literal(std::string_view name) const {
  const std::size_t mask = literal_slots_.size() - 1;
  for (std::size_t slot = hash_name(name) & mask; literal_slots_[slot] != 0; slot = (slot + 1) & mask) {
    const TrackerEntry& e = entries_[literal_slots_[slot] - 1u];
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::optional<std::uint16_t> TrackerDatabase::find_platform(std::string_view name) const {
  for (std::size_t i = 0; i < platforms_.size(); ++i) {
    if (iequals(platforms_[i].name, name)) return static_cast<std::uint16_t>(i);
  }
  return std::nullopt;
}

std::optional<UrlParts> split_url(std::string_view url) {
  std::size_t start = 0;
  for (std::string_view scheme : {"https://", "http://", "wss://", "ws://", "//"}) {
    if (url.size() >= scheme.size() && iequals(url.substr(0, scheme.size()), scheme)) {
      start = scheme.size();
      break;
    }
  }
  if (start == 0) return std::nullopt;
  const std::size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    authority = authority.substr(0, colon);
  }
  while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);  // "example.com." is example.com
  if (authority.empty()) return std::nullopt;
  UrlParts parts;
  parts.host.reserve(authority.size());
  for (char c : authority) parts.host += lower(c);
  parts.rest = end == std::string_view::npos ? std::string_view("/") : url.substr(end);
  if (!parts.rest.empty() && parts.rest[0] != '/') parts.rest = "/";  // "https://h?x": the path is "/"
  return parts;
}

const TrackerHost* TrackerDatabase::match_url(std::string_view url) const {
  const auto parts = split_url(url);
  if (!parts) return nullptr;
  const std::string& host = parts->host;
  const TrackerHost* best = nullptr;
  for (const TrackerHost& h : hosts_) {
    const bool host_matches = host == h.host ||
        (host.size() > h.host.size() && host.compare(host.size() - h.host.size(), h.host.size(), h.host) == 0 &&
         host[host.size() - h.host.size() - 1] == '.');
    if (!host_matches || parts->rest.compare(0, h.path.size(), h.path) != 0) continue;
    if (!best || h.host.size() > best->host.size() || (h.host.size() == best->host.size() && h.path.size() > best->path.size())) best = &h;
  }
  return best;
}

}  // namespace smartcp
