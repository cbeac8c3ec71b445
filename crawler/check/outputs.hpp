#pragma once
// The files a check leaves in its output folder, written the same way by `check` and `scan`.
#include <ctime>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace oitscan::check {

// Throws OutputError if results.json, report.html or evidence.warc.gz in out_dir is a symbolic
// link or anything but a regular file: we never write through a link (common/atomic_file.hpp).
void check_output_targets(const std::filesystem::path& out_dir);

// Moves an earlier run's evidence.warc.gz to archive/ so it is kept (for --offline and auditors).
void keep_previous_evidence(const std::filesystem::path& out_dir);

// Copies of the bodies obtained for evidence, in out_dir/captures/ (report::capture_file_name),
// which the report links to so an auditor sees what the machine saw even after the site changed.
// Bodies already dropped (a streaming gather writes each capture through write_capture while the
// body is still held) are skipped.
void write_captures(const CheckRun& run, const std::filesystem::path& out_dir);
// The capture of one fetch read as `format`, if it obtained a body.
void write_capture(const std::filesystem::path& out_dir, const fetch::Response& f, extract::Format format);

// "20261201T010000Z": file and folder names that sort oldest first.
std::string compact_utc_stamp(std::time_t t);

// Writes results.json and report.html of a results document atomically (throws OutputError naming
// the path): after auditor overrides changed the verdicts of a run already written.
void write_results_outputs(const nlohmann::ordered_json& results, const std::filesystem::path& out_dir);

// Writes results.json and report.html atomically (throws OutputError naming the path); returns the results document.
nlohmann::ordered_json write_outputs(const CheckRun& run, const score::Framework& framework, const std::filesystem::path& out_dir);

}  // namespace oitscan::check
