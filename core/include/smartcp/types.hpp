// Vocabulary shared by every part of the core: storage kinds, consent categories, problems.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartcp {

// Where a page stores: cookies, Web Storage, IndexedDB databases (by name) and Cache API caches (by name).
enum class Kind : std::uint8_t { cookie = 0, local_storage = 1, session_storage = 2, indexed_db = 3, cache_storage = 4 };
constexpr int kKindCount = 5;

// The names used in config, catalog files and the JS API: "cookie", "localStorage", "sessionStorage",
// "indexedDB", "cacheStorage".
std::string_view to_string(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);
// localStorage and sessionStorage: both are Web Storage on the visitor's device.
constexpr bool is_web_storage(Kind kind) { return kind == Kind::local_storage || kind == Kind::session_storage; }

// A set of kinds, one bit per Kind.
using KindSet = std::uint8_t;
constexpr KindSet kind_bit(Kind kind) { return static_cast<KindSet>(1u << static_cast<unsigned>(kind)); }
constexpr KindSet kWebStorage = kind_bit(Kind::local_storage) | kind_bit(Kind::session_storage);

// Consent categories as bits, so that "needs all of these" is one mask test.
using Categories = std::uint8_t;
namespace category {
constexpr Categories functional = 1;
constexpr Categories analytics = 2;
constexpr Categories marketing = 4;
constexpr Categories all = functional | analytics | marketing;
}  // namespace category

// "functional" | "analytics" | "marketing" -> its bit.
std::optional<Categories> parse_category(std::string_view text);
// The names of the bits set, in a fixed order (functional, analytics, marketing).
std::vector<std::string> category_names(Categories set);
// The single name used to report a refusal: the first refused bit of `set` (marketing before analytics
// would be arbitrary, so the fixed order is used), or "functional".
std::string_view first_category_name(Categories set);

// A problem found in input. `path` names the field as a site owner writes it: `vendors.smartsupp.key`,
// `catalog[2].name`; empty for the document as a whole.
struct Issue {
  enum class Severity : std::uint8_t { error, warning };
  Severity severity = Severity::error;
  std::string path;
  std::string message;
};

// Languages the project writes texts for.
constexpr std::string_view kLanguages[] = {"pl", "en", "cs"};
bool is_supported_language(std::string_view lang);  // one of the built-in languages
// A BCP 47 language tag as sites write them: a 2-3 letter language, then subtags of 1-8 letters or
// digits ("de", "pt-BR", "sr-Latn"), at most 35 characters. Any such language can be added through `texts`.
bool is_language_tag(std::string_view tag);

}  // namespace smartcp
