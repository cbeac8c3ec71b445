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

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string hex_to_bytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

std::string csp_script_hash(const std::string& script) { return "'sha256-" + base64(hex_to_bytes(sha256_hex(script))) + "'"; }

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
