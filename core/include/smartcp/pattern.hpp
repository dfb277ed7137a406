// Name patterns of the catalog: literals, `<PLACEHOLDER>`s and `*`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartcp {

// Values known for placeholders, e.g. CHAT_KEY -> the configured Smartsupp key. A placeholder bound to a
// value matches exactly that value (it may be empty); an unbound one matches a token.
using Bindings = std::map<std::string, std::string, std::less<>>;

// A token is what vendors put in generated names: one or more of [A-Za-z0-9_-].
bool is_token_char(char c);

class Pattern {
 public:
  static constexpr std::size_t kMaxLength = 256;
  static constexpr std::size_t kMaxVariableSegments = 8;

  // Compiles `source`. On failure returns nothing and sets `error` to a plain sentence.
  static std::optional<Pattern> compile(std::string_view source, const Bindings& bindings,
                                        std::string* error);

  bool matches(std::string_view name) const;

  // How specific the pattern is: the number of characters it fixes (literals and bound placeholders).
  // The most specific of several matching patterns wins.
  std::size_t literal_length() const { return literal_length_; }
  std::size_t variable_segments() const { return variable_segments_; }
  bool is_literal() const { return variable_segments_ == 0; }
  // The literal text every match starts with (all of it, for a literal pattern).
  const std::string& prefix() const { return prefix_; }
  // The pattern as written by its author.
  const std::string& source() const { return source_; }
  // The pattern as shown to visitors: bound placeholders replaced by their values.
  std::string display() const;

 private:
  struct Segment {
    enum class Type : std::uint8_t { literal, token, any };
    Type type;
    std::string text;  // the literal, or the placeholder's name for a token
  };

  std::string source_;
  std::vector<Segment> segments_;
  std::string prefix_;
  std::string suffix_;  // literal text every match ends with
  std::size_t literal_length_ = 0;
  std::size_t variable_segments_ = 0;
  std::size_t min_length_ = 0;
};

}  // namespace smartcp
