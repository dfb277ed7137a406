// Deciding one storage write: allow, allow with a redacted value, or refuse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "smartcp/catalog.hpp"
#include "smartcp/config.hpp"
#include "smartcp/redact.hpp"
#include "smartcp/types.hpp"

namespace smartcp {

enum class Verdict : std::uint8_t { allow = 0, redact = 1, refuse = 2 };
enum class Reason : std::uint8_t {
  granted = 0,          // every required category is granted
  not_granted = 1,      // a required category is not granted
  deletion = 2,         // deleting is always allowed
  unknown_blocked = 3,  // an unlisted key under `unknownKeys: "block"`
  fields_removed = 4,   // allowed with JSON fields of refused categories removed
  invalid_input = 5,    // the request itself was malformed (unknown kind, bad time): refused
  reserved = 6,         // only the widget writes it (the consent cookie): a page's write is refused
};

std::string_view to_string(Verdict verdict);
std::string_view to_string(Reason reason);

struct Decision {
  Verdict verdict = Verdict::allow;
  Reason reason = Reason::granted;
  Source source = Source::unknown;
  Categories required = category::functional;
  const Entry* entry = nullptr;           // the catalog entry that matched, if any
  const TrackerEntry* tracker = nullptr;  // the tracker database's entry that matched, if any
  const Vendor* vendor = nullptr;
  std::optional<int> retention_days;      // the lifetime cap the matching entry sets
  std::optional<Redaction> redaction;  // with Verdict::redact: the value to write instead

  // The categories that caused a refusal or redaction (required but not granted).
  Categories refused = 0;
};

// Decides writes under one consent state. Holds references: the catalog and config must outlive it.
class Decider {
 public:
  Decider(const Catalog& catalog, const Config& config) : catalog_(catalog), config_(config) {}

  void set_granted(Categories granted) { granted_ = granted | category::functional; }
  Categories granted() const { return granted_; }

  // The categories a name needs, and where that comes from (a catalog, a vendor prefix, the tracker
  // database, unknownKeys).
  Decision classify(std::string_view name, Kind kind) const;
  // A write of `name` without looking at its value.
  Decision decide(std::string_view name, Kind kind) const;
  // A write of `value` under `name`: may redact JSON fields of refused categories.
  Decision decide(std::string_view name, Kind kind, std::string_view value) const;

 private:
  const Catalog& catalog_;
  const Config& config_;
  Categories granted_ = category::functional;
};

// A decision in 32 bits for language bindings' hot path:
// bits 0-1 verdict, 2-4 required categories, 5-7 source, 8-11 reason, 12-14 refused categories,
// 15 the entry has field rules, 16-31 the entry's index + 1 (0: none): into the catalog's entries for
// the catalog sources, into the tracker database for the database.
std::uint32_t pack(const Decision& decision, const Catalog& catalog);

}  // namespace smartcp
