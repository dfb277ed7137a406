#include "smartcp/decision.hpp"


namespace smartcp {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::allow: return "allow";
    case Verdict::redact: return "redact";
    case Verdict::refuse: return "refuse";
  }
  return "refuse";
}

std::string_view to_string(Source source) {
  switch (source) {
    case Source::unknown: return "unknown";
    case Source::catalog: return "catalog";
    case Source::vendor_prefix: return "vendor-prefix";
  }
  return "unknown";
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::granted: return "granted";
    case Reason::not_granted: return "not-granted";
    case Reason::deletion: return "deletion";
    case Reason::unknown_blocked: return "unknown-blocked";
    case Reason::fields_removed: return "fields-removed";
    case Reason::invalid_input: return "invalid-input";
  }
  return "not-granted";
}

Decision Decider::classify(std::string_view name, Kind kind) const {
  Decision d;
  if (const Entry* entry = catalog_.match(name, kind)) {
    d.source = Source::catalog;
    d.entry = entry;
    d.required = entry->categories;
    d.vendor = catalog_.vendor_of(*entry);
  } else if (const Vendor* vendor = catalog_.vendor_for(name)) {
    d.source = Source::vendor_prefix;
    d.vendor = vendor;
    d.required = vendor->default_categories;
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
  if (d.source == Source::unknown && config_.unknown_keys == UnknownKeys::block) {
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
  const std::uint32_t entry = d.entry ? static_cast<std::uint32_t>(catalog.index_of(*d.entry) + 1) : 0;
  return static_cast<std::uint32_t>(d.verdict) | (static_cast<std::uint32_t>(d.required & 7u) << 2) |
         (static_cast<std::uint32_t>(d.source) << 5) | (static_cast<std::uint32_t>(d.reason) << 8) |
         (static_cast<std::uint32_t>(d.refused & 7u) << 12) | ((entry & 0xFFFFu) << 16);
}

}  // namespace smartcp
