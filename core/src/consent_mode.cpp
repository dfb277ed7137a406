#include "smartcp/consent_mode.hpp"

namespace smartcp {

Json consent_mode_signals(Categories granted) {
  auto signal = [&](Categories needed) { return (granted & needed) == needed ? "granted" : "denied"; };
  return {
      {"ad_storage", signal(category::marketing)},
      {"ad_user_data", signal(category::marketing)},
      {"ad_personalization", signal(category::marketing)},
      {"analytics_storage", signal(category::analytics)},
      {"functionality_storage", signal(category::functional)},
      {"personalization_storage", signal(category::functional)},
      {"security_storage", signal(category::functional)},
  };
}

GpcPolicy gpc_policy(GpcMode mode, bool signal) {
  GpcPolicy policy;
  if (!signal || mode == GpcMode::ignore) return policy;
  policy.applies = true;
  policy.refused = mode == GpcMode::all ? static_cast<Categories>(category::analytics | category::marketing)
                                        : category::marketing;
  policy.complete = mode == GpcMode::all;
  return policy;
}

}  // namespace smartcp
