// Google Consent Mode v2 signals and the default state under Global Privacy Control.
#pragma once

#include "smartcp/json.hpp"

#include "smartcp/config.hpp"
#include "smartcp/types.hpp"

namespace smartcp {

// {ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage,
//  personalization_storage, security_storage}, each "granted" or "denied".
Json consent_mode_signals(Categories granted);

struct GpcPolicy {
  bool applies = false;  // the browser sent the signal and the config honours it
  Categories refused = 0;  // categories the signal refuses until the visitor chooses otherwise
  // The signal answers every optional category, so the choice is made without asking.
  bool complete = false;
};
GpcPolicy gpc_policy(GpcMode mode, bool signal);

}  // namespace smartcp
