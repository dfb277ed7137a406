#include "smartcp/pattern.hpp"

#include <algorithm>

namespace smartcp {

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

namespace {

bool is_placeholder_name_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::optional<Pattern> Pattern::compile(std::string_view source, const Bindings& bindings, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<Pattern> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  if (source.empty()) return fail("is empty");
  if (source.size() > kMaxLength) return fail("is longer than " + std::to_string(kMaxLength) + " characters");

  Pattern p;
  p.source_ = std::string(source);
  auto add_literal = [&](std::string_view text) {
    if (text.empty()) return;
    if (!p.segments_.empty() && p.segments_.back().type == Segment::Type::literal) {
      p.segments_.back().text.append(text);
    } else {
      p.segments_.push_back({Segment::Type::literal, std::string(text)});
    }
    p.literal_length_ += text.size();
    p.min_length_ += text.size();
  };

  std::size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (c == '*') {
      // Adjacent stars mean the same as one.
      if (p.segments_.empty() || p.segments_.back().type != Segment::Type::any) {
        p.segments_.push_back({Segment::Type::any, {}});
        ++p.variable_segments_;
      }
      ++i;
    } else if (c == '<') {
      const std::size_t close = source.find('>', i + 1);
      if (close == std::string_view::npos) return fail("has a '<' without a closing '>'");
      const std::string_view placeholder = source.substr(i + 1, close - i - 1);
      if (placeholder.empty() || !std::all_of(placeholder.begin(), placeholder.end(), is_placeholder_name_char)) {
        return fail("has a placeholder that is not <UPPER_CASE_NAME>");
      }
      if (auto bound = bindings.find(placeholder); bound != bindings.end()) {
        add_literal(bound->second);
      } else {
        p.segments_.push_back({Segment::Type::token, std::string(placeholder)});
        ++p.variable_segments_;
        ++p.min_length_;  // a token is at least one character
      }
      i = close + 1;
    } else if (c == '>') {
      return fail("has a '>' without an opening '<'");
    } else {
      const std::size_t next = source.find_first_of("*<>", i);
      const std::size_t end = next == std::string_view::npos ? source.size() : next;
      add_literal(source.substr(i, end - i));
      i = end;
    }
  }
  if (p.variable_segments_ > kMaxVariableSegments) {
    return fail("has more than " + std::to_string(kMaxVariableSegments) + " placeholders and wildcards");
  }
  if (p.segments_.empty()) return fail("matches only the empty name");  // e.g. a placeholder bound to ""
  if (p.segments_.front().type == Segment::Type::literal) p.prefix_ = p.segments_.front().text;
  if (p.segments_.back().type == Segment::Type::literal) p.suffix_ = p.segments_.back().text;
  return p;
}

bool Pattern::matches(std::string_view name) const {
  if (variable_segments_ == 0) return name == prefix_;
  if (name.size() < min_length_) return false;
  if (name.compare(0, prefix_.size(), prefix_) != 0) return false;
  if (suffix_.size() > name.size() || name.compare(name.size() - suffix_.size(), suffix_.size(), suffix_) != 0) {
    return false;
  }

  // Reachable positions after each segment: linear in segments x name length, no backtracking blow-up.
  // On the stack for the names sites use; a longer one gets the heap.
  const std::size_t n = name.size();
  constexpr std::size_t kOnStack = 256;
  std::uint8_t stack[2][kOnStack + 1];
  std::vector<std::uint8_t> heap;
  if (n > kOnStack) heap.resize(2 * (n + 1));
  std::uint8_t* reach = n > kOnStack ? heap.data() : stack[0];
  std::uint8_t* next = n > kOnStack ? heap.data() + n + 1 : stack[1];
  std::fill(reach, reach + n + 1, 0);
  reach[0] = 1;
  for (const Segment& segment : segments_) {
    std::fill(next, next + n + 1, 0);
    bool any = false;
    switch (segment.type) {
      case Segment::Type::literal: {
        const std::size_t len = segment.text.size();
        for (std::size_t pos = 0; pos + len <= n; ++pos) {
          if (reach[pos] && name.compare(pos, len, segment.text) == 0) next[pos + len] = any = true;
        }
        break;
      }
      case Segment::Type::token: {
        for (std::size_t pos = 0; pos < n; ++pos) {
          if (!reach[pos]) continue;
          // A run already marked from an earlier start covers the rest of this one.
          for (std::size_t end = pos; end < n && is_token_char(name[end]) && !next[end + 1]; ++end) {
            next[end + 1] = any = true;
          }
        }
        break;
      }
      case Segment::Type::any: {
        const std::uint8_t* first = std::find(reach, reach + n + 1, 1);
        std::fill(next + (first - reach), next + n + 1, 1);
        any = first != reach + n + 1;
        break;
      }
    }
    if (!any) return false;
    std::swap(reach, next);
  }
  return reach[n] != 0;
}

std::string Pattern::display() const {
  std::string out;
  for (const Segment& segment : segments_) {
    switch (segment.type) {
      case Segment::Type::literal: out += segment.text; break;
      case Segment::Type::token: out += '<' + segment.text + '>'; break;
      case Segment::Type::any: out += '*'; break;
    }
  }
  return out;
}

}  // namespace smartcp
