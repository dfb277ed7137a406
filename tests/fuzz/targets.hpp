// The fuzz targets' bodies, shared by the libFuzzer programs and the regression test that replays every
// saved input natively. Each checks invariants and traps when one breaks, so a wrong answer is a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "smartcp/json.hpp"

#include "smartcp/consent_record.hpp"
#include "smartcp/cookie.hpp"
#include "smartcp/engine.hpp"
#include "smartcp/pattern.hpp"
#include "smartcp/redact.hpp"

#include "json_writer.hpp"  // core/src: the wasm build's JSON writer

namespace smartcp::fuzz {

inline void check(bool invariant) {
  if (!invariant) __builtin_trap();
}

inline Json parse_output(const std::string& text) {
  auto json = Json::parse(text, nullptr, false);
  check(!json.is_discarded());  // every result of the engine is JSON
  return json;
}

constexpr TimeMs kNow = 1'763'769'600'000;

// The config parser, then the catalog built from it, then a decision with it.
inline int config(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Engines are reused: configure replaces everything but consent, which is itself worth exercising.
  static Engine engine;
  static Engine again;
  const auto result = parse_output(engine.configure(text));
  check(result.contains("config") && result["config"].is_object());
  // The effective config is itself a valid config that yields no errors.
  check(parse_output(again.configure(result["config"].dump()))["ok"].get<bool>());
  engine.set_consent(false, false);
  parse_output(engine.decide_write("ssupp_KEY", "localStorage", text));
  return 0;
}

inline int consent_record(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const RecordReading reading = read_cookie_value(text, 1, kNow, "shop.example");
  check(reading.record.has_value() == (reading.status == RecordStatus::valid || reading.status == RecordStatus::outdated ||
                                       reading.status == RecordStatus::expired));
  if (reading.record) {
    // What was accepted encodes to a value that reads back the same.
    const RecordReading again = read_cookie_value(encode_cookie_value(*reading.record), 1, kNow, "shop.example");
    check(again.status == reading.status && again.record->to_json() == reading.record->to_json());
  }
  return 0;
}

inline int cookie_string(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CookieString once = parse_cookie_string(text);
  const std::string serialised = serialize(once);
  check(serialize(parse_cookie_string(serialised)) == serialised);  // serialisation is a fixed point
  CookieString capped = once;
  cap_lifetime(capped, kNow, 395);
  if (!capped.is_deletion(kNow) && capped.expiry(kNow)) check(*capped.expiry(kNow) <= kNow + 395 * kMsPerDay);
  if (auto date = parse_cookie_date(text)) check(parse_cookie_date(format_http_date(*date)) == *date);
  static Engine engine;
  engine.set_consent(size % 2 == 0, size % 3 == 0);
  const auto decision = parse_output(engine.decide_cookie(text, kNow));
  check(decision["verdict"] == "refuse" || decision.contains("cookie"));
  // The guard's typed form agrees with the JSON one: same verdict, same cookie to assign.
  std::string cookie, scope;
  const std::uint32_t packed = engine.decide_cookie(text, kNow, cookie, scope);
  check(to_string(static_cast<Verdict>(packed & 3u)) == decision["verdict"].get<std::string>());
  // The JSON form carries text as valid UTF-8 (invalid bytes become U+FFFD); the typed form passes bytes on
  // as they are (the browser's encoder never gives invalid UTF-8). They agree once both are read as JSON.
  const auto as_json = [](const std::string& s) { return Json::parse(Json(s).dump(-1, ' ', false, Json::error_handler_t::replace)); };
  if (decision.contains("cookie")) check(decision["cookie"] == as_json(cookie.empty() ? std::string(text) : cookie));
  return 0;
}

// First byte: granted categories; the rest: the value.
inline int redact(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Categories granted = static_cast<Categories>((data[0] & 6) | category::functional);
  const std::string_view value(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::vector<FieldRule> rules{{"visits", category::functional | category::marketing},
                                     {"a", category::functional | category::analytics}};
  if (auto r = redact_fields(value, rules, granted); r && !r->unverifiable) {
    const auto object = Json::parse(r->value, nullptr, false);
    check(object.is_object());
    for (const FieldRule& rule : rules) {
      if ((rule.categories & granted) != rule.categories) check(!object.contains(rule.field));
    }
  }
  return 0;
}

// First line: a pattern; the rest: a name.
inline int name_matching(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto newline = text.find('\n');
  const std::string_view source = text.substr(0, newline);
  const std::string_view name = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  std::string error;
  if (auto pattern = Pattern::compile(source, {{"BOUND", "b"}}, &error)) {
    const bool matched = pattern->matches(name);
    if (pattern->is_literal()) check(matched == (name == pattern->display()));
    check(pattern->literal_length() <= pattern->display().size());
    if (matched) check(name.size() >= pattern->literal_length());
  } else {
    check(!error.empty());
  }
  static Engine engine;
  for (int kind = 0; kind < kKindCount; ++kind) engine.decide(name, kind);
  parse_output(engine.classify_url(name));
  parse_output(engine.describe(engine.decide(name, 0), "en"));
  return 0;
}

// The wasm build's JSON writer against nlohmann's dump: the input as one string (any bytes, broken UTF-8
// included), and, when it is JSON, the document it holds.
inline int json_writer(const std::uint8_t* data, std::size_t size) {
  const auto same = [](const Json& json) {
    std::string out;
    detail::write_json(out, json);
    const std::string theirs = json.dump(-1, ' ', false, Json::error_handler_t::replace);
    // Where nlohmann's Grisu2 does not write the shortest digits, or not the closest of the shortest, the
    // writer's are: never longer, and the same value.
    check(out == theirs || (out.size() <= theirs.size() && Json::parse(out) == Json::parse(theirs)));
  };
  const std::string text(reinterpret_cast<const char*>(data), size);
  same(Json(text));
  const Json parsed = Json::parse(text, nullptr, false);
  if (!parsed.is_discarded()) same(parsed);
  return 0;
}

}  // namespace smartcp::fuzz
