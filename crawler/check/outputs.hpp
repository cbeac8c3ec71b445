#pragma once
// The files a check leaves in its output folder, written the same way by `check` and `scan`.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace oitscan::check {

// Throws OutputError if results.json, report.html or evidence.warc.gz in out_dir is a symbolic
// link or anything but a regular file: we never write through a link (common/atomic_file.hpp).
void check_output_targets(const std::filesystem::path& out_dir);

// Moves an earlier run's evidence.warc.gz to archive/ so it is kept (for --offline and auditors).
void keep_previous_evidence(const std::filesystem::path& out_dir);

// Writes results.json and report.html atomically (throws OutputError naming the path); returns the results document.
nlohmann::ordered_json write_outputs(const CheckRun& run, const score::Framework& framework, const std::filesystem::path& out_dir);

}  // namespace oitscan::check
