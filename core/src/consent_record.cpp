#include "smartcp/consent_record.hpp"

#include <algorithm>

#include "base64url.hpp"
#include "json_util.hpp"
#include "smartcp/pattern.hpp"

namespace smartcp {


namespace {

constexpr TimeMs kEarliest = 1'577'836'800'000;  // 2020-01-01: no record is older than the product
constexpr TimeMs kClockSkew = kMsPerDay;          // a visitor's clock may run a little ahead

std::uint32_t fnv1a32(std::string_view bytes) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

std::string hex8(std::uint32_t value) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = digits[value & 15];
  return out;
}

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Reads the record's JSON strictly: exactly the known fields, each of its type. Each field is found once,
// in the one pass that also rejects unknown ones.
std::optional<ConsentRecord> from_json(const Json& j, std::string& reason) {
  enum Field { version, id, site, revision, categories, method, timestamp, expires, lang, text_hash, gpc, field_count };
  static const char* const names[field_count] = {"version", "id", "site", "revision", "categories", "method", "timestamp",
                                                 "expires", "lang", "textHash", "gpc"};
  if (!j.is_object()) {
    reason = "not an object";
    return std::nullopt;
  }
  const Json* field[field_count] = {};
  for (const auto& it : detail::members(j)) {
    const auto known = std::find_if(std::begin(names), std::end(names), [&](const char* f) { return it.first == f; });
    if (known == std::end(names)) {
      reason = "unexpected field \"" + it.first + '"';
      return std::nullopt;
    }
    field[known - std::begin(names)] = &it.second;
  }
  for (int f = 0; f < field_count; ++f) {
    if (!field[f]) {
      reason = std::string("missing field \"") + names[f] + '"';
      return std::nullopt;
    }
  }
  auto bad = [&](Field f) {
    reason = std::string("field \"") + names[f] + "\" has the wrong type";
    return std::nullopt;
  };
  ConsentRecord r;
  if (detail::as_integer(*field[version]) != ConsentRecord::kFormatVersion) {
    reason = "unsupported version";
    return std::nullopt;
  }
  if (!field[id]->is_string()) return bad(id);
  r.id = field[id]->get<std::string>();
  if (!field[site]->is_string()) return bad(site);
  r.site = field[site]->get<std::string>();
  const auto revision_number = detail::as_integer(*field[revision]);
  if (!revision_number || *revision_number < 0 || *revision_number > 1'000'000'000) return bad(revision);
  r.revision = static_cast<int>(*revision_number);

  const Json& c = *field[categories];
  if (!c.is_object() || c.size() != 3) return bad(categories);
  r.categories = 0;
  for (const char* name : {"functional", "analytics", "marketing"}) {
    const Json* it = detail::member(c, name);
    if (!it || !it->is_boolean()) return bad(categories);
    if (it->get<bool>()) r.categories |= *parse_category(name);
  }
  if (!field[method]->is_string()) return bad(method);
  const auto parsed_method = parse_method(field[method]->get_ref<const std::string&>());
  if (!parsed_method) {
    reason = "unknown method";
    return std::nullopt;
  }
  r.method = *parsed_method;
  const auto timestamp_number = detail::as_integer(*field[timestamp]);
  const auto expires_number = detail::as_integer(*field[expires]);
  if (!timestamp_number) return bad(timestamp);
  if (!expires_number) return bad(expires);
  r.timestamp = *timestamp_number;
  r.expires = *expires_number;
  if (!field[lang]->is_string()) return bad(lang);
  r.lang = field[lang]->get<std::string>();
  if (!field[text_hash]->is_string()) return bad(text_hash);
  r.text_hash = field[text_hash]->get<std::string>();
  if (!field[gpc]->is_boolean()) return bad(gpc);
  r.gpc = field[gpc]->get<bool>();
  return r;
}

}  // namespace

std::string_view to_string(Method method) {
  switch (method) {
    case Method::accept_all: return "accept-all";
    case Method::reject_all: return "reject-all";
    case Method::custom: return "custom";
    case Method::gpc: return "gpc";
    case Method::api: return "api";
  }
  return "api";
}

std::optional<Method> parse_method(std::string_view text) {
  for (Method m : {Method::accept_all, Method::reject_all, Method::custom, Method::gpc, Method::api}) {
    if (to_string(m) == text) return m;
  }
  return std::nullopt;
}

std::string_view to_string(RecordStatus status) {
  switch (status) {
    case RecordStatus::valid: return "valid";
    case RecordStatus::missing: return "missing";
    case RecordStatus::invalid: return "invalid";
    case RecordStatus::outdated: return "outdated";
    case RecordStatus::expired: return "expired";
  }
  return "invalid";
}

Json ConsentRecord::to_json() const {
  // Member by member: an initializer list of this size costs the module about 1 KB.
  Json out = Json::object();
  out["version"] = kFormatVersion;
  out["id"] = id;
  out["site"] = site;
  out["revision"] = revision;
  out["categories"] = detail::category_flags(categories);
  out["method"] = to_string(method);
  out["timestamp"] = timestamp;
  out["expires"] = expires;
  out["lang"] = lang;
  out["textHash"] = text_hash;
  out["gpc"] = gpc;
  return out;
}

std::string validate(const ConsentRecord& r) {
  if (r.id.size() < 8 || r.id.size() > 64 ||
      !std::all_of(r.id.begin(), r.id.end(), [](char c) { return is_token_char(c) && c != '_'; })) {
    return "id must be 8 to 64 letters, digits or '-'";
  }
  // A host name, an IPv4 address or a bracketed IPv6 one, as location.hostname gives them, lower-case.
  if (r.site.empty() || r.site.size() > 253 || !std::all_of(r.site.begin(), r.site.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':' || c == '[' || c == ']' || c == '_';
      })) {
    return "site must be the host name the choice was made on";
  }
  if (r.revision < 0) return "revision must not be negative";
  if (!(r.categories & category::functional)) return "functional must be granted";
  if (r.timestamp < kEarliest) return "timestamp is before 2020";
  if (r.expires <= r.timestamp) return "expires is not after timestamp";
  if (r.expires - r.timestamp > static_cast<TimeMs>(395) * kMsPerDay) return "expires is more than 395 days after timestamp";
  if (!is_language_tag(r.lang)) return "lang must be a language tag such as pl or de";
  if (!r.text_hash.empty() && (r.text_hash.size() < 8 || r.text_hash.size() > 128 || !is_hex(r.text_hash))) {
    return "textHash must be 8 to 128 lower-case hex digits";
  }
  return {};
}

std::string encode_cookie_value(const ConsentRecord& record) {
  const std::string payload = detail::dump(record.to_json());
  return std::to_string(ConsentRecord::kFormatVersion) + '.' + detail::base64url_encode(payload) + '.' + hex8(fnv1a32(payload));
}

RecordReading read_cookie_value(std::string_view value, int current_revision, TimeMs now, std::string_view site) {
  RecordReading out;
  auto invalid = [&](std::string reason) {
    out.status = RecordStatus::invalid;
    out.reason = std::move(reason);
    return out;
  };
  if (value.empty()) {
    out.reason = "no consent cookie";
    return out;
  }
  if (value.size() > ConsentRecord::kMaxCookieValue) {
    return invalid("oversized: " + std::to_string(value.size()) + " bytes, more than " +
                   std::to_string(ConsentRecord::kMaxCookieValue));
  }
  const auto first = value.find('.');
  const auto second = first == std::string_view::npos ? first : value.find('.', first + 1);
  if (second == std::string_view::npos || value.find('.', second + 1) != std::string_view::npos) {
    return invalid("garbled: not version.payload.checksum");
  }
  if (value.substr(0, first) != std::to_string(ConsentRecord::kFormatVersion)) return invalid("unsupported format version");
  auto payload = detail::base64url_decode(value.substr(first + 1, second - first - 1));
  if (!payload) return invalid("garbled: payload is not base64url");
  if (value.substr(second + 1) != hex8(fnv1a32(*payload))) return invalid("tampered: checksum does not match");

  auto parsed = detail::parse_bounded(*payload, ConsentRecord::kMaxCookieValue, 4);
  if (!parsed.error.empty()) return invalid("garbled: payload " + parsed.error);
  std::string reason;
  auto record = from_json(parsed.value, reason);
  if (!record) return invalid("tampered: " + reason);
  if (std::string why = validate(*record); !why.empty()) return invalid("tampered: " + why);
  if (record->timestamp > now + kClockSkew) return invalid("tampered: timestamp is in the future");
  if (record->site != site) return invalid("made on another site (" + record->site + ")");

  if (record->revision != current_revision) {
    out.status = RecordStatus::outdated;
    out.reason = "revision " + std::to_string(record->revision) + " is not the current " + std::to_string(current_revision);
  } else if (record->expires <= now) {
    out.status = RecordStatus::expired;
    out.reason = "expired";
  } else {
    out.status = RecordStatus::valid;
  }
  out.record = std::move(record);
  return out;
}

}  // namespace smartcp
