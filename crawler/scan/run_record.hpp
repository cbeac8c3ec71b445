#pragma once
// A checked unit as the history store keeps it: the typed run result, built from the CheckRun
// (no results.json text is parsed back).
#include "check/pipeline.hpp"
#include "score/framework.hpp"
#include "store/run_results.hpp"

namespace oitscan::scan {

store::RunResults run_record(const check::CheckRun& run, const score::Framework& framework);

}  // namespace oitscan::scan
