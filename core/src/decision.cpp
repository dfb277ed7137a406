#include "smartcp/decision.hpp"

#include "smartcp/consent_record.hpp"


namespace smartcp {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::allow: return "allow";
    case Verdict::redact: return "redact";
    case Verdict::refuse: return "refuse";
  }
  return "refuse";
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::granted: return "granted";
    case Reason::not_granted: return "not-granted";
    case Reason::deletion: return "deletion";
    case Reason::unknown_blocked: return "unknown-blocked";
    case Reason::fields_removed: return "fields-removed";
    case Reason::invalid_input: return "invalid-input";
    case Reason::reserved: return "reserved";
  }
  return "not-granted";
}

Decision Decider::classify(std::string_view name, Kind kind) const {
  Decision d;
  const Match m = catalog_.classify(name, kind);
  d.source = m.source;
  d.entry = m.entry;
  d.tracker = m.tracker;
  d.vendor = m.vendor;
  d.retention_days = m.retention_days;
  if (m.source != Source::unknown) {
    d.required = m.categories;
  } else {
    switch (config_.unknown_keys) {
      case UnknownKeys::allow: d.required = category::functional; break;
      case UnknownKeys::analytics: d.required = category::functional | category::analytics; break;
      case UnknownKeys::marketing: d.required = category::functional | category::marketing; break;
      case UnknownKeys::block: d.required = category::functional; break;
    }
  }
  return d;
}

Decision Decider::decide(std::string_view name, Kind kind) const {
  Decision d = classify(name, kind);
  d.refused = static_cast<Categories>(d.required & ~granted_);
  if (kind == Kind::cookie && name == ConsentRecord::kCookieName) {
    d.verdict = Verdict::refuse;  // the widget writes it past the guard; a page may not
    d.reason = Reason::reserved;
  } else if (d.source == Source::unknown && config_.unknown_keys == UnknownKeys::block) {
    d.verdict = Verdict::refuse;
    d.reason = Reason::unknown_blocked;
  } else if (d.refused) {
    d.verdict = Verdict::refuse;
    d.reason = Reason::not_granted;
  }
  return d;
}

Decision Decider::decide(std::string_view name, Kind kind, std::string_view value) const {
  Decision d = decide(name, kind);
  if (d.verdict != Verdict::allow || !d.entry || d.entry->fields.empty()) return d;
  auto redaction = redact_fields(value, d.entry->fields, granted_);
  if (redaction && redaction->unverifiable) {
    d.verdict = Verdict::refuse;
    d.reason = Reason::not_granted;
    for (const FieldRule& rule : d.entry->fields) d.refused |= static_cast<Categories>(rule.categories & ~granted_);
  } else if (redaction) {
    d.verdict = Verdict::redact;
    d.reason = Reason::fields_removed;
    for (const FieldRule& rule : d.entry->fields) {
      for (const std::string& removed : redaction->removed) {
        if (removed == rule.field) d.refused |= static_cast<Categories>(rule.categories & ~granted_);
      }
    }
    d.redaction = std::move(redaction);
  }
  return d;
}

std::uint32_t pack(const Decision& d, const Catalog& catalog) {
  std::uint32_t index = 0;
  if (d.entry) index = static_cast<std::uint32_t>(catalog.index_of(*d.entry) + 1);
  else if (d.tracker) index = static_cast<std::uint32_t>(TrackerDatabase::instance().index_of(*d.tracker) + 1);
  const bool fields = d.entry && !d.entry->fields.empty();
  return static_cast<std::uint32_t>(d.verdict) | (static_cast<std::uint32_t>(d.required & 7u) << 2) |
         (static_cast<std::uint32_t>(d.source) << 5) | (static_cast<std::uint32_t>(d.reason) << 8) |
         (static_cast<std::uint32_t>(d.refused & 7u) << 12) | (fields ? 1u << 15 : 0u) | ((index & 0xFFFFu) << 16);
}

}  // namespace smartcp
