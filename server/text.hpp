// Small text helpers the server's readers share (settings, X-Forwarded-For).
#pragma once

#include <string_view>

namespace smartcp::log {

// Without the spaces and tabs around it.
inline std::string_view trimmed(std::string_view text) {
  const std::size_t a = text.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  return text.substr(a, text.find_last_not_of(" \t") - a + 1);
}

}  // namespace smartcp::log
