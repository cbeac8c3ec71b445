#pragma once
// Document -> JSON (schema oitscan.extract/1), as printed by `oitscan extract --json`.
#include <nlohmann/json.hpp>

#include "extract/document.hpp"

namespace oitscan::extract {

nlohmann::json to_json(const Document& doc);

}  // namespace oitscan::extract
