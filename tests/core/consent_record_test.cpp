#include "smartcp/consent_record.hpp"

#include <gtest/gtest.h>

#include "base64url.hpp"

namespace smartcp {
namespace {

constexpr TimeMs kNow = 1'763'769'600'000;
constexpr std::string_view kSite = "shop.example";

ConsentRecord sample() {
  ConsentRecord r;
  r.id = "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";
  r.site = "shop.example";
  r.revision = 2;
  r.categories = category::functional | category::analytics;
  r.method = Method::custom;
  r.timestamp = kNow;
  r.expires = kNow + 182 * kMsPerDay;
  r.lang = "pl";
  r.text_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  return r;
}

std::string payload_of(const std::string& value) {
  return value.substr(2, value.rfind('.') - 2);
}

TEST(ConsentRecord, RoundTrips) {
  const std::string value = encode_cookie_value(sample());
  EXPECT_EQ(value.substr(0, 2), "2.");
  EXPECT_LE(value.size(), 512u);
  EXPECT_EQ(value.find_first_of(" ;,\"\\"), std::string::npos);  // cookie-safe
  RecordReading r = read_cookie_value(value, 2, kNow + 1000, kSite);
  ASSERT_EQ(r.status, RecordStatus::valid) << r.reason;
  EXPECT_EQ(r.record->to_json(), sample().to_json());
}

TEST(ConsentRecord, JsonShape) {
  auto j = sample().to_json();
  EXPECT_EQ(j.dump(),
            R"({"version":2,"id":"3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f","site":"shop.example","revision":2,)"
            R"("categories":{"functional":true,"analytics":true,"marketing":false},"method":"custom",)"
            R"("timestamp":1763769600000,"expires":1779494400000,"lang":"pl",)"
            R"("textHash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","gpc":false})");
}

TEST(ConsentRecord, AskAgainWhenOutdatedOrExpired) {
  const std::string value = encode_cookie_value(sample());
  RecordReading outdated = read_cookie_value(value, 3, kNow, kSite);
  EXPECT_EQ(outdated.status, RecordStatus::outdated);
  EXPECT_EQ(outdated.reason, "revision 2 is not the current 3");
  RecordReading expired = read_cookie_value(value, 2, kNow + 182 * kMsPerDay, kSite);
  EXPECT_EQ(expired.status, RecordStatus::expired);
  EXPECT_TRUE(expired.record);
}

TEST(ConsentRecord, GarbledTamperedOversizedAreIgnoredWithAReason) {
  const std::string good = encode_cookie_value(sample());
  auto reason = [](std::string_view v) {
    RecordReading r = read_cookie_value(v, 2, kNow, kSite);
    EXPECT_EQ(r.status, RecordStatus::invalid) << v;
    EXPECT_FALSE(r.record);
    return r.reason;
  };
  EXPECT_EQ(read_cookie_value("", 2, kNow, kSite).status, RecordStatus::missing);
  EXPECT_EQ(reason(std::string(2000, 'a')), "oversized: 2000 bytes, more than 1024");
  EXPECT_EQ(reason("garbage"), "garbled: not version.payload.checksum");
  EXPECT_EQ(reason("1.a.b.c"), "garbled: not version.payload.checksum");
  EXPECT_EQ(reason("1" + good.substr(1)), "unsupported format version");  // a version 1 record: asked again
  EXPECT_EQ(reason("2.@@@." + good.substr(good.rfind('.') + 1)), "garbled: payload is not base64url");

  // Flip one payload character: the checksum no longer matches.
  std::string flipped = good;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(reason(flipped), "tampered: checksum does not match");
  EXPECT_EQ(reason(good.substr(0, good.size() - 1)), "tampered: checksum does not match");
}

// Someone who recomputes the checksum still cannot smuggle in an impossible record.
std::string forge(const std::string& json) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : json) {
    hash ^= c;
    hash *= 16777619u;
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", hash);
  return "2." + detail::base64url_encode(json) + "." + hex;
}

TEST(ConsentRecord, ForgedButImpossibleRecordsAreRejected) {
  auto with = [](const char* key, Json value) {
    auto j = sample().to_json();
    j[key] = std::move(value);
    return forge(j.dump());
  };
  auto reason = [](const std::string& v) { return read_cookie_value(v, 2, kNow, kSite).reason; };
  EXPECT_EQ(read_cookie_value(forge(sample().to_json().dump()), 2, kNow, kSite).status, RecordStatus::valid);  // the forger's tool works
  EXPECT_EQ(reason(with("categories", {{"functional", false}, {"analytics", true}, {"marketing", true}})),
            "tampered: functional must be granted");
  EXPECT_EQ(reason(with("expires", kNow + 500 * kMsPerDay)), "tampered: expires is more than 395 days after timestamp");
  EXPECT_EQ(reason(with("expires", kNow - 1)), "tampered: expires is not after timestamp");
  EXPECT_EQ(reason(with("method", "bribe")), "tampered: unknown method");
  EXPECT_EQ(reason(with("extra", 1)), "tampered: unexpected field \"extra\"");
  EXPECT_EQ(reason(with("version", 9)), "tampered: unsupported version");
  EXPECT_EQ(reason(with("id", 5)), "tampered: field \"id\" has the wrong type");
  EXPECT_EQ(reason(with("site", 5)), "tampered: field \"site\" has the wrong type");
  EXPECT_EQ(reason(with("site", "Shop Example")), "tampered: site must be the host name the choice was made on");
  EXPECT_EQ(reason(with("id", "short")), "tampered: id must be 8 to 64 letters, digits or '-'");
  EXPECT_EQ(reason(with("revision", -2)), "tampered: field \"revision\" has the wrong type");
  EXPECT_EQ(reason(with("categories", {{"functional", true}, {"analytics", 1}, {"marketing", true}})),
            "tampered: field \"categories\" has the wrong type");
  EXPECT_EQ(reason(with("lang", "de_DE")), "tampered: lang must be a language tag such as pl or de");
  EXPECT_EQ(reason(with("lang", 1)), "tampered: field \"lang\" has the wrong type");
  EXPECT_EQ(reason(with("textHash", "XYZ")), "tampered: textHash must be 8 to 128 lower-case hex digits");
  EXPECT_EQ(reason(with("textHash", false)), "tampered: field \"textHash\" has the wrong type");
  EXPECT_EQ(reason(with("gpc", "no")), "tampered: field \"gpc\" has the wrong type");
  EXPECT_EQ(reason(with("method", 1)), "tampered: field \"method\" has the wrong type");
  EXPECT_EQ(reason(with("timestamp", "x")), "tampered: field \"timestamp\" has the wrong type");
  EXPECT_EQ(reason(with("expires", 1.5)), "tampered: field \"expires\" has the wrong type");
  EXPECT_EQ(reason(forge("[]")), "tampered: not an object");
  EXPECT_EQ(reason(forge("{")).rfind("garbled: payload is not valid JSON", 0), 0u);
  auto missing = sample().to_json();
  missing.erase("gpc");
  EXPECT_EQ(reason(forge(missing.dump())), "tampered: missing field \"gpc\"");

  ConsentRecord future = sample();
  future.timestamp = kNow + 2 * kMsPerDay;
  future.expires = future.timestamp + kMsPerDay;
  EXPECT_EQ(reason(encode_cookie_value(future)), "tampered: timestamp is in the future");
  ConsentRecord old = sample();
  old.timestamp = 1000;
  old.expires = 2000;
  EXPECT_EQ(reason(encode_cookie_value(old)), "tampered: timestamp is before 2020");
}

TEST(ConsentRecord, IsBoundToItsSite) {
  // A record copied from another site, checksum recomputed or not, is not this site's choice.
  const std::string theirs = encode_cookie_value(sample());
  RecordReading r = read_cookie_value(theirs, 2, kNow, "other.example");
  EXPECT_EQ(r.status, RecordStatus::invalid);
  EXPECT_EQ(r.reason, "made on another site (shop.example)");
  EXPECT_EQ(read_cookie_value(theirs, 2, kNow, "www.shop.example").status, RecordStatus::invalid);
}

TEST(Base64url, RoundTripsAndRejectsNonCanonicalText) {
  for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\x00"}) {
    EXPECT_EQ(detail::base64url_decode(detail::base64url_encode(s)), std::string(s));
  }
  EXPECT_EQ(detail::base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(detail::base64url_decode("A"));     // impossible length
  EXPECT_FALSE(detail::base64url_decode("Zm9v="));  // padding is not part of base64url here
  EXPECT_FALSE(detail::base64url_decode("Zh"));     // leftover bits set: not what an encoder writes
}

TEST(ConsentRecord, Validation) {
  EXPECT_EQ(validate(sample()), "");
  ConsentRecord r = sample();
  r.text_hash.clear();
  EXPECT_EQ(validate(r), "");  // no hash is allowed (API calls show no text)
  r.revision = -1;
  EXPECT_EQ(validate(r), "revision must not be negative");
}

TEST(ConsentRecord, MethodNames) {
  for (Method m : {Method::accept_all, Method::reject_all, Method::custom, Method::gpc, Method::api}) {
    EXPECT_EQ(parse_method(to_string(m)), m);
  }
  EXPECT_FALSE(parse_method("ACCEPT-ALL"));
  EXPECT_EQ(to_string(RecordStatus::valid), "valid");
  EXPECT_EQ(to_string(RecordStatus::missing), "missing");
  EXPECT_EQ(to_string(RecordStatus::invalid), "invalid");
  EXPECT_EQ(to_string(RecordStatus::outdated), "outdated");
  EXPECT_EQ(to_string(RecordStatus::expired), "expired");
}

}  // namespace
}  // namespace smartcp
