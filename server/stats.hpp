// The statistics a site owner reads: per day and policy revision, how many choices by which method and
// what share granted each category.
#pragma once

#include <vector>

#include "smartcp/json.hpp"
#include "store.hpp"

namespace smartcp::log {

// Groups the store's rows by day and revision, in that order:
// [{"day", "revision", "choices", "byMethod": {...}, "granted": {"analytics": share, "marketing": share}}].
Json summarize(const std::vector<StatsRow>& rows);

}  // namespace smartcp::log
