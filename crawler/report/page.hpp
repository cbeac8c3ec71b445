#pragma once
// The page frame every report shares: reports/check-report.html with reports/report.css inlined.
#include <filesystem>
#include <string>

namespace oitscan::report {

// `title` and `body` must already be escaped HTML.
std::string render_page(const std::filesystem::path& templates_dir, const std::string& title, const std::string& body);

}  // namespace oitscan::report
