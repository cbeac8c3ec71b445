#pragma once
// The `oitscan fetch --json` line for one Response (contracts.md), body excluded.
#include <nlohmann/json.hpp>

#include "fetch/response.hpp"

namespace oitscan::fetch {

nlohmann::json response_to_json(const Response& r);

}  // namespace oitscan::fetch
