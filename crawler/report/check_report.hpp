#pragma once
// report.html of `oitscan check`: one self-contained page (no network, no script) from the
// results JSON, with the template and style from reports/.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace oitscan::report {

// `results` is the oitscan.results/1 document. `templates_dir` holds check-report.html and report.css.
std::string render_check_report(const nlohmann::ordered_json& results, const std::filesystem::path& templates_dir);

}  // namespace oitscan::report
