// A log entry as the widget sends it, for the server's tests.
#pragma once

#include <string>

#include "smartcp/json.hpp"

namespace smartcp::log::testing {

inline constexpr TimeMs kNow = 1'795'000'000'000;  // 2026-11-18

inline Json widget_entry() {
  return Json::parse(R"({"id":"f3b0c442-98fc-4c1e-9b3a","revision":3,
    "categories":{"functional":true,"analytics":true,"marketing":false},"method":"custom",
    "timestamp":1794999000000,"lang":"pl","textHash":"9f2c1a7be0d4c3aa","gpc":false,
    "url":"https://shop.example/cart"})");
}

}  // namespace smartcp::log::testing
