// A compact JSON writer for the wasm build: what nlohmann's dump(-1, ' ', false, error_handler_t::replace)
// writes, without its serializer and its Grisu2 number formatting, which cost the module about 4 KB gzip.
// Numbers with a fraction take their digits from the JS engine there (the shortest that read back as the
// same double, and the closest of those; nlohmann's are the same but for about 1 number in 700).
// tests/core/json_writer_test.cpp, the json_writer fuzz target and tests/wasm/numbers.test.mjs hold the
// two to the same text, and to the same values where the digits differ.
#pragma once

#include <string>

#include "smartcp/json.hpp"

namespace smartcp::detail {

// Appends the compact JSON text of `value` to `out`. Invalid UTF-8 in strings (a lone surrogate a page
// stored) becomes U+FFFD, one per maximal invalid subsequence, as nlohmann's replace handler does.
void write_json(std::string& out, const Json& value);

}  // namespace smartcp::detail
