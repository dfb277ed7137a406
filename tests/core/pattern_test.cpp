#include "smartcp/pattern.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {

Pattern compile(std::string_view source, const Bindings& bindings = {}) {
  std::string error;
  auto p = Pattern::compile(source, bindings, &error);
  EXPECT_TRUE(p.has_value()) << source << ": " << error;
  return p ? *p : *Pattern::compile("x", {}, nullptr);
}

std::string compile_error(std::string_view source) {
  std::string error;
  EXPECT_FALSE(Pattern::compile(source, {}, &error).has_value()) << source;
  return error;
}

TEST(Pattern, LiteralMatchesOnlyItself) {
  Pattern p = compile("ssupp.vid");
  EXPECT_TRUE(p.is_literal());
  EXPECT_TRUE(p.matches("ssupp.vid"));
  EXPECT_FALSE(p.matches("ssupp.vi"));
  EXPECT_FALSE(p.matches("ssupp.vids"));
  EXPECT_FALSE(p.matches("SSUPP.VID"));  // names are case-sensitive
  EXPECT_EQ(p.literal_length(), 9u);
}

TEST(Pattern, UnboundPlaceholderMatchesAToken) {
  Pattern p = compile("ssupp_<CHAT_KEY>vid");
  EXPECT_TRUE(p.matches("ssupp_abc123vid"));
  EXPECT_TRUE(p.matches("ssupp_a-b_cvid"));
  EXPECT_FALSE(p.matches("ssupp_vid"));       // a token is at least one character
  EXPECT_FALSE(p.matches("ssupp_ab.cvid"));   // '.' is not a token character
  EXPECT_FALSE(p.matches("ssupp_abc123vi"));
  EXPECT_EQ(p.literal_length(), 9u);
  EXPECT_EQ(p.display(), "ssupp_<CHAT_KEY>vid");
}

TEST(Pattern, BoundPlaceholderMatchesOnlyItsValue) {
  Pattern p = compile("ssupp_<CHAT_KEY>", {{"CHAT_KEY", "k1"}});
  EXPECT_TRUE(p.is_literal());
  EXPECT_TRUE(p.matches("ssupp_k1"));
  EXPECT_FALSE(p.matches("ssupp_k2"));
  EXPECT_EQ(p.display(), "ssupp_k1");
  EXPECT_EQ(p.literal_length(), 8u);
}

TEST(Pattern, PlaceholderBoundToEmptyDisappears) {
  Pattern p = compile("<COOKIE_PREFIX>ssupp.vid", {{"COOKIE_PREFIX", ""}});
  EXPECT_TRUE(p.matches("ssupp.vid"));
  EXPECT_FALSE(p.matches("x_ssupp.vid"));
}

TEST(Pattern, StarMatchesAnyRunIncludingEmpty) {
  Pattern p = compile("_hj*");
  EXPECT_TRUE(p.matches("_hj"));
  EXPECT_TRUE(p.matches("_hjSession_123.x"));
  EXPECT_FALSE(p.matches("_h"));
  Pattern middle = compile("a*b*c");
  EXPECT_TRUE(middle.matches("abc"));
  EXPECT_TRUE(middle.matches("a--b--c"));
  EXPECT_FALSE(middle.matches("a--c--b"));
  EXPECT_EQ(compile("a**b").variable_segments(), 1u);  // adjacent stars are one
}

TEST(Pattern, LeadingPlaceholderAndTokenBacktracking) {
  Pattern p = compile("<WIDGET_ID>_ssupp_<CHAT_KEY>");
  EXPECT_TRUE(p.matches("w1_ssupp_abc"));
  EXPECT_TRUE(p.matches("w_1_ssupp_abc"));   // the token may contain '_', the matcher backtracks
  EXPECT_FALSE(p.matches("ssupp_abc"));
  EXPECT_TRUE(p.prefix().empty());
}

TEST(Pattern, ManyWildcardsStayLinear) {
  // The classic exponential case for backtracking matchers.
  Pattern p = compile("*a*a*a*a*a*a*a*b");
  EXPECT_FALSE(p.matches(std::string(4000, 'a')));
  EXPECT_TRUE(p.matches(std::string(4000, 'a') + "b"));
}

TEST(Pattern, RejectsMalformedSources) {
  EXPECT_EQ(compile_error(""), "is empty");
  EXPECT_EQ(compile_error("ssupp_<CHAT_KEY"), "has a '<' without a closing '>'");
  EXPECT_EQ(compile_error("a>b"), "has a '>' without an opening '<'");
  EXPECT_EQ(compile_error("a<lower>"), "has a placeholder that is not <UPPER_CASE_NAME>");
  EXPECT_EQ(compile_error("a<>"), "has a placeholder that is not <UPPER_CASE_NAME>");
  EXPECT_EQ(compile_error(std::string(300, 'x')), "is longer than 256 characters");
  EXPECT_EQ(compile_error("*a*a*a*a*a*a*a*a*a"), "has more than 8 placeholders and wildcards");
  std::string error;
  EXPECT_FALSE(Pattern::compile("<P>", {{"P", ""}}, &error));
  EXPECT_EQ(error, "matches only the empty name");
}

TEST(Pattern, TokenCharacters) {
  EXPECT_TRUE(is_token_char('a'));
  EXPECT_TRUE(is_token_char('Z'));
  EXPECT_TRUE(is_token_char('7'));
  EXPECT_TRUE(is_token_char('_'));
  EXPECT_TRUE(is_token_char('-'));
  EXPECT_FALSE(is_token_char('.'));
  EXPECT_FALSE(is_token_char(' '));
  EXPECT_FALSE(is_token_char('\xc3'));
}

}  // namespace
}  // namespace smartcp
