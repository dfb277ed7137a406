// base64url without padding (RFC 4648 section 5): cookie-safe text for the consent record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smartcp::detail {

std::string base64url_encode(std::string_view bytes);
// Nothing when `text` holds a character outside the alphabet or has an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace smartcp::detail
