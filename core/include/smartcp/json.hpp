// The core's one JSON type.
#pragma once

#include <nlohmann/json.hpp>

namespace smartcp {

// Objects keep document order (what the site owner wrote, what a vendor stored), and a single
// instantiation of nlohmann's templates keeps the WebAssembly small.
using Json = nlohmann::ordered_json;

}  // namespace smartcp
