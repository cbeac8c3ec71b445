#pragma once
// A checked unit as the history store keeps it: the typed run result, built from the CheckRun
// (no results.json text is parsed back); and the auditor decisions (store/overrides.hpp) laid
// over a run's results, its score and its files.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"
#include "fetch/response.hpp"
#include "score/framework.hpp"
#include "store/history_store.hpp"
#include "store/run_results.hpp"

namespace oitscan::scan {

store::RunResults run_record(const check::CheckRun& run, const score::Framework& framework);

// Applies the decisions that hold for `run_id` to its results document and rescores it (the score
// uses the overriding verdicts). Returns how many decisions applied; with none, the document is
// left exactly as it was.
// The fetch log row of a response (run_id unset when the run is made later, as a worker's is).
// `warc_file` is the file that holds its record, or its revisit.
store::FetchRecord fetch_record(const fetch::Response& f, std::optional<std::int64_t> run_id, const std::string& warc_file);

int apply_run_overrides(store::HistoryStore& store, std::int64_t run_id, nlohmann::ordered_json& results,
                        const score::Framework& framework);

// After a decision was recorded or withdrawn: lays the decisions that now hold over the run's
// stored document (machine verdicts restored first), rescores it, stores it again (verdicts and
// score in SQLite follow) and rewrites results.json and report.html in the run's output folder
// when the files there are still that run's. Returns the new document.
nlohmann::ordered_json refresh_run_overrides(store::HistoryStore& store, std::int64_t run_id,
                                             const std::filesystem::path& frameworks_dir);

}  // namespace oitscan::scan
