#include "smartcp/cookie.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {

constexpr TimeMs kNow = 1'763'769'600'000;  // 2025-11-22T00:00:00Z

TEST(CookieString, ParsesEveryAttribute) {
  CookieString c = parse_cookie_string(
      " ssupp.vid = v123 ; expires=Sun, 06 Nov 1994 08:49:37 GMT; Max-Age=3600; domain=.shop.cz; PATH=/a; "
      "SameSite=Strict; Secure; HttpOnly; Partitioned; Priority=High; ");
  EXPECT_EQ(c.name, "ssupp.vid");
  EXPECT_EQ(c.value, "v123");
  EXPECT_EQ(c.expires, 784111777000);
  EXPECT_EQ(c.max_age, 3600);
  EXPECT_EQ(c.domain, ".shop.cz");
  EXPECT_EQ(c.path, "/a");
  EXPECT_EQ(c.same_site, "Strict");
  EXPECT_TRUE(c.secure);
  EXPECT_TRUE(c.http_only);
  EXPECT_TRUE(c.partitioned);
  EXPECT_EQ(c.other_attributes, std::vector<std::string>{"Priority=High"});
}

TEST(CookieString, EdgeCasesOfTheNameValuePair) {
  EXPECT_EQ(parse_cookie_string("novalue").name, "");
  EXPECT_EQ(parse_cookie_string("novalue").value, "novalue");
  EXPECT_EQ(parse_cookie_string("a=b=c").value, "b=c");
  EXPECT_EQ(parse_cookie_string("=v").name, "");
  EXPECT_EQ(parse_cookie_string("").name, "");
  EXPECT_EQ(parse_cookie_string("a=").value, "");
  EXPECT_EQ(parse_cookie_string("a=1;;;").name, "a");
}

TEST(CookieString, MalformedAttributesAreIgnoredAsBrowsersDo) {
  CookieString c = parse_cookie_string("a=1; Max-Age=12x; Expires=not a date; Domain=; Max-Age=-");
  EXPECT_FALSE(c.max_age);
  EXPECT_FALSE(c.expires);
  EXPECT_FALSE(c.domain);
  EXPECT_EQ(parse_cookie_string("a=1; Max-Age=-5").max_age, -5);
  EXPECT_EQ(parse_cookie_string("a=1; Max-Age=99999999999999999999999").max_age, 9223372036854775);
}

TEST(CookieString, Deletions) {
  EXPECT_TRUE(parse_cookie_string("a=; Max-Age=0").is_deletion(kNow));
  EXPECT_TRUE(parse_cookie_string("a=; Max-Age=-1").is_deletion(kNow));
  EXPECT_TRUE(parse_cookie_string("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT").is_deletion(kNow));
  EXPECT_FALSE(parse_cookie_string("a=1").is_deletion(kNow));
  EXPECT_FALSE(parse_cookie_string("a=1; Max-Age=10; Expires=Thu, 01 Jan 1970 00:00:00 GMT").is_deletion(kNow));  // Max-Age wins
  EXPECT_FALSE(parse_cookie_string("a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT").is_deletion(kNow));
}

TEST(CookieString, Expiry) {
  EXPECT_FALSE(parse_cookie_string("a=1").expiry(kNow));
  EXPECT_EQ(parse_cookie_string("a=1; Max-Age=10").expiry(kNow), kNow + 10'000);
  EXPECT_EQ(parse_cookie_string("a=1; Max-Age=99999999999999999999").expiry(kNow), std::numeric_limits<TimeMs>::max());
}

TEST(CookieDate, FormatsBrowsersWrite) {
  const TimeMs t = 784111777000;
  EXPECT_EQ(parse_cookie_date("Sun, 06 Nov 1994 08:49:37 GMT"), t);   // IMF-fixdate, Date.toUTCString()
  EXPECT_EQ(parse_cookie_date("Sunday, 06-Nov-94 08:49:37 GMT"), t);  // RFC 850
  EXPECT_EQ(parse_cookie_date("Sun Nov  6 08:49:37 1994"), t);        // asctime
  EXPECT_EQ(parse_cookie_date("6 nov 1994 8:49:37"), t);
  EXPECT_EQ(parse_cookie_date("Thu, 01 Jan 2070 00:00:00 GMT"), 3155760000000);
  EXPECT_EQ(parse_cookie_date("01 Jan 69 00:00:00"), 3124224000000);  // two-digit years 0-69 are 20xx
}

TEST(CookieDate, RejectsWhatBrowsersReject) {
  EXPECT_FALSE(parse_cookie_date(""));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994"));            // no time
  EXPECT_FALSE(parse_cookie_date("Sun, 31 Feb 1994 08:49:37"));   // no such day
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994 24:00:00"));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994 23:60:00"));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994 23:59:60"));
  EXPECT_FALSE(parse_cookie_date("Sun, 32 Nov 1994 08:49:37"));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Xyz 1994 08:49:37"));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994 08:49:373"));
  EXPECT_FALSE(parse_cookie_date("Sun, 06 Nov 1994 08:49"));
  EXPECT_FALSE(parse_cookie_date("1 Jan 2015 1:2:3:4"));           // a malformed time voids the date
  EXPECT_FALSE(parse_cookie_date("001 Jan 2015 00:00:00"));         // a three-digit day is the year: no day
}

// Chromium's reading where RFC 6265 says otherwise (checked against Chromium by tests/browser/cookie-rules.test.mjs).
TEST(CookieDate, AsChromiumReadsThem) {
  const TimeMs earliest = parse_cookie_date("Mon, 01 Jan 1601 00:00:00 GMT").value();
  EXPECT_EQ(parse_cookie_date("Sun, 06 Nov 1600 08:49:37"), earliest);  // before 1601: the earliest time
  EXPECT_EQ(parse_cookie_date("Thu, 01 Jan 10000 00:00:00 GMT"), 253402300800000);  // five-digit years
  EXPECT_EQ(parse_cookie_date("01 Jan 02015 00:00:00"), parse_cookie_date("01 Jan 2015 00:00:00"));
  EXPECT_EQ(parse_cookie_date("12:00:00 13:00:00 01 Jan 2015"), parse_cookie_date("01 Jan 2015 12:00:00"));  // a second time is ignored
  EXPECT_EQ(parse_cookie_date("01 January 2015 00:00:00.5 GMT+0100"), parse_cookie_date("01 Jan 2015 00:00:00"));
}

TEST(CookieString, TheLastLifetimeAttributeDecidesEvenWhenUnreadable) {
  EXPECT_EQ(parse_cookie_string("a=1; max-age=0; max-age=31536000").max_age, 31536000);
  EXPECT_FALSE(parse_cookie_string("a=1; max-age=31536000; max-age=x").max_age);  // then Expires decides
  EXPECT_TRUE(parse_cookie_string("a=1; max-age=100; max-age=x; expires=Thu, 01 Jan 2015 00:00:00 GMT").is_deletion(kNow));
  EXPECT_FALSE(parse_cookie_string("a=1; expires=Fri, 01 Jan 2100 00:00:00 GMT; expires=garbage").expires);
  EXPECT_EQ(parse_cookie_string("a=1; max-age=+5").max_age, 5);
  EXPECT_TRUE(parse_cookie_string("a=1; max-age=+0").is_deletion(kNow));
  EXPECT_TRUE(parse_cookie_string("a=1; max-age=-99999999999999999999").is_deletion(kNow));
  EXPECT_FALSE(parse_cookie_string("a=1; max-age=1 0").max_age);
  EXPECT_FALSE(parse_cookie_string("a=1; max-age=").max_age);
  EXPECT_FALSE(parse_cookie_string("a=1; expires=Sat, 01 Jan 50 00:00:00 GMT").is_deletion(kNow));  // 2050
  EXPECT_FALSE(parse_cookie_string("a=1; expires=0").is_deletion(kNow));  // not a date: a session cookie
  EXPECT_FALSE(parse_cookie_string("a=1; expires=1 Jan 2015 1:2:3:4").is_deletion(kNow));
}

TEST(CookieString, ANamelessCookieIsReadByItsValue) {
  EXPECT_EQ(parse_cookie_string("_ga").apparent_name(), "_ga");  // document.cookie shows "_ga"
  EXPECT_EQ(parse_cookie_string("=tracker=abc; Path=/").apparent_name(), "tracker");
  EXPECT_EQ(parse_cookie_string("a=1").apparent_name(), "a");
}

TEST(CookieDate, FormatRoundTrips) {
  EXPECT_EQ(format_http_date(784111777000), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(format_http_date(-1000), "Wed, 31 Dec 1969 23:59:59 GMT");
  EXPECT_EQ(format_http_date(951782400000), "Tue, 29 Feb 2000 00:00:00 GMT");
  for (TimeMs t : {TimeMs{0}, kNow, TimeMs{4102444799000}}) {
    EXPECT_EQ(parse_cookie_date(format_http_date(t)), t);
  }
}

TEST(CookieString, SerialisesInAFixedOrder) {
  CookieString c = parse_cookie_string("a=1; Secure; Path=/; Max-Age=5; SameSite=Lax; Domain=x.cz; Partitioned; HttpOnly; X=y");
  EXPECT_EQ(serialize(c), "a=1; Max-Age=5; Domain=x.cz; Path=/; SameSite=Lax; Secure; HttpOnly; Partitioned; X=y");
  EXPECT_EQ(serialize(parse_cookie_string("solo")), "solo");
  EXPECT_EQ(serialize(parse_cookie_string("=a=b")), "=a=b");  // still nameless, not a cookie named "a"
  EXPECT_EQ(serialize(parse_cookie_string("a=1; Expires=Sun, 06 Nov 1994 08:49:37 GMT")),
            "a=1; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(CookieString, CapsLifetime) {
  CookieString max_age = parse_cookie_string("a=1; Max-Age=99999999");
  EXPECT_TRUE(cap_lifetime(max_age, kNow, 395));
  EXPECT_EQ(max_age.max_age, 395 * 86400);

  CookieString expires = parse_cookie_string("a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT");
  EXPECT_TRUE(cap_lifetime(expires, kNow, 182));
  EXPECT_EQ(expires.expires, kNow + 182 * kMsPerDay);

  CookieString both = parse_cookie_string("a=1; Max-Age=99999999; Expires=Fri, 01 Jan 2100 00:00:00 GMT");
  EXPECT_TRUE(cap_lifetime(both, kNow, 10));
  EXPECT_EQ(both.max_age, 10 * 86400);
  EXPECT_EQ(both.expires, kNow + 10 * kMsPerDay);

  CookieString short_lived = parse_cookie_string("a=1; Max-Age=60");
  EXPECT_FALSE(cap_lifetime(short_lived, kNow, 1));
  CookieString session = parse_cookie_string("a=1");
  EXPECT_FALSE(cap_lifetime(session, kNow, 1));
  CookieString deletion = parse_cookie_string("a=; Max-Age=0");
  EXPECT_FALSE(cap_lifetime(deletion, kNow, 1));
  EXPECT_FALSE(cap_lifetime(max_age, kNow, 0));
}

}  // namespace
}  // namespace smartcp
