#include "cli/summary.hpp"

#include <iomanip>
#include <sstream>

namespace oitscan::cli {
namespace {

std::string str(const nlohmann::ordered_json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// Terminal text from a web page: no control characters (escape sequences) reach the terminal.
std::string clean(const std::string& s) { return printable(s); }

std::string mark(const std::string& verdict, const Terminal& term) {
  if (verdict == "pass") return term.paint(Terminal::Color::green, "PASS      ");
  if (verdict == "fail") return term.paint(Terminal::Color::red, "FAIL      ");
  return term.paint(Terminal::Color::yellow, "UNVERIFIED");
}

}  // namespace

void print_summary(std::ostream& out, const nlohmann::ordered_json& results, const Terminal& term) {
  const bool th = term.lang != Lang::en;
  const bool en = term.lang != Lang::th;
  out << "oitscan check: " << clean(str(results["unit"], "name_th")) << " (" << clean(str(results["unit"], "id")) << "), "
      << clean(str(results, "framework")) << ", as of " << clean(str(results, "as_of")) << "\n\n";
  int pass = 0, fail = 0, unverified = 0;
  for (const auto& item : results["items"]) {
    const std::string v = str(item, "verdict");
    (v == "pass" ? pass : v == "fail" ? fail : unverified)++;
    const std::string title = th || str(item, "title_en").empty() ? str(item, "title_th") : str(item, "title_en");
    out << std::left << std::setw(4) << clean(str(item, "id")) << " " << mark(v, term) << " " << clean(title) << "\n";
    const auto& reqs = item["requirements"];
    for (std::size_t i = 0; i < reqs.size(); ++i) {
      const auto& r = reqs[i];
      if (str(r, "verdict") == "pass") continue;
      // Requirements that could not be judged for the same fetch failure say the same thing:
      // one line naming them all, not the same DNS error four times.
      std::string ids = clean(str(r, "id"));
      const bool unfetched = str(r, "reason") == "fetch-failed";
      while (unfetched && i + 1 < reqs.size() && str(reqs[i + 1], "reason") == "fetch-failed" &&
             str(reqs[i + 1], "message_en") == str(r, "message_en")) {
        ids += ", " + clean(str(reqs[++i], "id"));
      }
      out << "       - " << ids << " [" << clean(str(r, "reason")) << "]";
      if (th) out << " " << clean(str(r, "message_th")) << "\n";
      if (en) out << (th ? "         " : " ") << clean(str(r, "message_en")) << "\n";
      if (unfetched) continue;  // a fix of the content is no advice when we could not look at it
      if (th && !str(r, "fix_th").empty()) out << "         แก้ไข: " << clean(str(r, "fix_th")) << "\n";
      if (en && !str(r, "fix_en").empty()) out << "         Fix: " << clean(str(r, "fix_en")) << "\n";
    }
  }
  const auto& score = results["score"];
  std::ostringstream s;
  s << std::fixed << std::setprecision(2);
  auto num = [&](const nlohmann::ordered_json& j) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(2);
    if (j.is_number()) o << j.get<double>(); else o << "-";
    return o.str();
  };
  out << "\n" << pass << " passed, " << fail << " failed, " << unverified << " unverified"
      << "   OIT " << num(score["oit"]) << " (min " << num(score["oit_min"]) << ", max " << num(score["oit_max"]) << ")\n";
}

}  // namespace oitscan::cli
