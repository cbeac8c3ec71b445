#include "report/page.hpp"

#include <fstream>
#include <sstream>

#include "common/digest.hpp"
#include "common/input_error.hpp"

namespace oitscan::report {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(p.string(), 0, "", "cannot read the report template");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  if (auto pos = s.find(from); pos != std::string::npos) s.replace(pos, from.size(), to);
}

}  // namespace

std::string csp_script_hash(const std::string& script) { return "'sha256-" + sha256_base64(script) + "'"; }

std::string render_page(const std::filesystem::path& templates_dir, const std::string& title, const std::string& body,
                        const std::string& script) {
  std::string page = read_file(templates_dir / "check-report.html");
  if (!script.empty()) {
    // Before any text is put in: only the template's own policy is touched.
    replace(page, "default-src 'none';", "default-src 'none'; script-src " + csp_script_hash(script) + ";");
    replace(page, "{{body}}", "{{body}}\n<script>" + script + "</script>");
  }
  // Last placeholder first: text put in for one (a page title quoting "{{style}}") always lands
  // after the placeholders still to fill, so it is never expanded.
  replace(page, "{{body}}", body);
  replace(page, "{{style}}", read_file(templates_dir / "report.css"));
  replace(page, "{{title}}", title);
  return page;
}

}  // namespace oitscan::report
