// A site as the engine sets it up: a config, the catalog it implies, and a decider over both.
#pragma once

#include <string_view>
#include <vector>

#include "smartcp/catalog.hpp"
#include "smartcp/config.hpp"
#include "smartcp/decision.hpp"

namespace smartcp::testing {

struct Site {
  Config config;
  Catalog catalog;
  Decider decider{catalog, config};

  explicit Site(std::string_view config_json = R"({"vendors":{"smartsupp":{"key":"KEY"}}})") {
    config = parse_config(config_json).config;
    std::vector<Issue> issues;
    catalog = build_catalog(config, issues);
  }
};

}  // namespace smartcp::testing
