#include "smartcp/consent_mode.hpp"

namespace smartcp {

Json consent_mode_signals(Categories granted) {
  auto signal = [&](Categories needed) { return (granted & needed) == needed ? "granted" : "denied"; };
  Json out = Json::object();
  out["ad_storage"] = signal(category::marketing);
  out["ad_user_data"] = signal(category::marketing);
  out["ad_personalization"] = signal(category::marketing);
  out["analytics_storage"] = signal(category::analytics);
  out["functionality_storage"] = signal(category::functional);
  out["personalization_storage"] = signal(category::functional);
  out["security_storage"] = signal(category::functional);
  return out;
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
