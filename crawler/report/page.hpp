#pragma once
// The page frame every report shares: reports/check-report.html with reports/report.css inlined.
#include <filesystem>
#include <string>

namespace oitscan::report {

// `title` and `body` must already be escaped HTML. `script` (our own code, never input) is
// inlined at the end of the body and allowed by its SHA-256 in the Content-Security-Policy, so
// the page still runs nothing else and loads nothing.
std::string render_page(const std::filesystem::path& templates_dir, const std::string& title, const std::string& body,
                        const std::string& script = "");

// The CSP source expression allowing exactly this inline script: 'sha256-BASE64'.
std::string csp_script_hash(const std::string& script);

}  // namespace oitscan::report
