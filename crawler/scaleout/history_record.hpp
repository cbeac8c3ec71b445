#pragma once
// A finished job as a run of the history store on the same PostgreSQL database, so `history`,
// `export`, `override` and the dashboard see a night made by workers exactly as one made by
// `scan`. Recorded once per job: the run's out_dir names the job's folder, and a job finished
// again (a redelivery after a crash between the two steps) finishes that same run again instead
// of adding a second one. Auditor decisions in force are laid over it as `scan` does.
#include <cstdint>
#include <string>
#include <vector>

#include "check/submission.hpp"
#include "score/framework.hpp"
#include "store/history_store.hpp"

namespace oitscan::scaleout {

// `fetches`: the fetch log rows of what this attempt fetched (their run_id is set here), written
// with the run in one transaction, so a later `scan --db` of the same store finds their validators
// for conditional GETs. Items committed by earlier attempts of the job have theirs in no log.
std::int64_t record_job_run(store::HistoryStore& store, const check::Submission& unit, const std::string& rules_version,
                            const score::Framework& framework, const std::string& results_json, const std::string& out_dir,
                            std::vector<store::FetchRecord> fetches = {});

}  // namespace oitscan::scaleout
