#include "stats.hpp"

#include <map>
#include <utility>

namespace smartcp::log {

Json summarize(const std::vector<StatsRow>& rows) {
  struct Group {
    std::int64_t choices = 0, analytics = 0, marketing = 0;
    Json by_method = Json::object();
  };
  std::map<std::pair<std::string, int>, Group> groups;
  for (const StatsRow& row : rows) {
    Group& g = groups[{row.day, row.revision}];
    g.choices += row.choices;
    g.analytics += row.analytics;
    g.marketing += row.marketing;
    g.by_method[row.method] = g.by_method.value(row.method, std::int64_t{0}) + row.choices;
  }
  Json days = Json::array();
  for (auto& group : groups) {
    const auto& key = group.first;
    Group& g = group.second;
    auto share = [&](std::int64_t n) { return g.choices ? static_cast<double>(n) / static_cast<double>(g.choices) : 0.0; };
    days.push_back({{"day", key.first},
                    {"revision", key.second},
                    {"choices", g.choices},
                    {"byMethod", std::move(g.by_method)},
                    {"granted", {{"analytics", share(g.analytics)}, {"marketing", share(g.marketing)}}}});
  }
  return days;
}

}  // namespace smartcp::log
