// Data-driven tests of date roles: every row of data/date_roles.tsv is one case (text, the date
// in it, the role expected). The cues come from the real rules/date-roles.yaml, and every cue
// there must decide at least one row, so a cue added without a case fails here.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/input_error.hpp"
#include "thai/date_roles.hpp"
#include "thai/dates.hpp"

namespace {

using oitscan::thai::DateRole;
using oitscan::thai::RoleCues;

const std::string kSource = OITSCAN_TEST_SOURCE_DIR;
const std::string kSeeds = std::string(OITSCAN_TEST_SHARED_DIR) + "/seeds/";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

// "\n" and "\t" written in the TSV stand for a line break and a tab inside the text.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == 't')) {
      out.push_back(s[i + 1] == 'n' ? '\n' : '\t');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> seed_lines(const std::string& file) {
  std::ifstream in(kSeeds + file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::string matched_list(const std::vector<oitscan::thai::DateMention>& dates) {
  std::string out;
  for (const auto& d : dates) out += "[" + d.matched + "] ";
  return out;
}

}  // namespace

TEST_CASE("role table: every row gets its role, and every cue has a row", "[thai][roles]") {
  const RoleCues cues = RoleCues::load(kSource + "/rules/date-roles.yaml");
  std::ifstream in(kSource + "/tests/thai/data/date_roles.tsv");
  REQUIRE(in.good());
  std::set<std::string> reasons;
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, '\t');
    REQUIRE(cols.size() == 4);
    const std::string text = unescape(cols[0]);
    INFO("row: " << cols[0] << " | " << cols[1]);
    if (cols[3].rfind("seed ", 0) == 0) {
      // "seed FILE:LINE[ comment]": the excerpt's first line is on that line of the seed.
      const std::string ref = cols[3].substr(5, cols[3].find(' ', 5) - 5);
      const auto colon = ref.rfind(':');
      const auto lines = seed_lines(ref.substr(0, colon));
      const std::size_t n = std::stoul(ref.substr(colon + 1));
      REQUIRE(n >= 1);
      REQUIRE(n <= lines.size());
      CHECK(lines[n - 1].find(text.substr(0, text.find('\n'))) != std::string::npos);
    }
    const auto dates = oitscan::thai::find_dates(text);
    const auto roles = oitscan::thai::explain_roles(text, dates, cues);
    REQUIRE(roles.size() == dates.size());
    std::size_t k = 0;
    while (k < dates.size() && dates[k].matched != cols[1]) ++k;
    INFO("dates found: " << matched_list(dates));
    REQUIRE(k < dates.size());
    INFO("reason: " << roles[k].reason);
    CHECK(std::string(oitscan::thai::to_string(roles[k].role)) == cols[2]);
    reasons.insert(roles[k].reason);
    ++rows;
  }
  CHECK(rows >= 60);
  for (const auto& c : cues.cues) {
    INFO("cue '" << c.phrase << "' (" << oitscan::thai::to_string(c.role)
                 << ") decides no row of date_roles.tsv: add a case, or remove the cue");
    CHECK(reasons.count("cue:" + c.phrase) == 1);
  }
  for (const char* rule : {"month-header", "header", "signature", "dateline"}) {
    INFO("position rule " << rule << " has no case");
    CHECK(reasons.count(rule) == 1);
  }
}

TEST_CASE("roles over a whole seed: the memo header is issue, cited laws are cited", "[thai][roles][seeds]") {
  const RoleCues cues = RoleCues::load(kSource + "/rules/date-roles.yaml");
  std::ifstream in(kSeeds + "004_c5eacef3c0e41a6b.txt", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string seed = ss.str();
  REQUIRE(!seed.empty());
  const auto dates = oitscan::thai::find_dates(seed);
  const auto roles = oitscan::thai::assign_roles(seed, dates, cues);
  REQUIRE(roles.size() == dates.size());
  std::map<std::string, DateRole> by_text;
  for (std::size_t i = 0; i < dates.size(); ++i) by_text.emplace(dates[i].matched, roles[i]);
  CHECK(by_text.at("9 มิ.ย. 2565") == DateRole::Issue);
  CHECK(by_text.at("พ.ศ. ๒๕๒๘") == DateRole::Cited);
  CHECK(by_text.at("ปีงบประมาณ พ.ศ. ๒๕๖๖") == DateRole::Subject);
}

TEST_CASE("role names round-trip", "[thai][roles]") {
  for (DateRole r : {DateRole::Subject, DateRole::Issue, DateRole::Cited, DateRole::Event, DateRole::Chrome,
                     DateRole::Unknown}) {
    CHECK(oitscan::thai::date_role_from_string(oitscan::thai::to_string(r)) == r);
  }
  CHECK(!oitscan::thai::date_role_from_string("Subject"));
}

TEST_CASE("cue phrases match with Thai digits, spaces and case folded", "[thai][roles]") {
  CHECK(oitscan::thai::cue_key("รอบ ๖ เดือน") == oitscan::thai::cue_key("รอบ6เดือน"));
  CHECK(oitscan::thai::cue_key("ประกาศ  ณ วันที่") == oitscan::thai::cue_key("ประกาศณวันที่"));
  CHECK(oitscan::thai::cue_key("Last Updated") == "lastupdated");
}

TEST_CASE("a broken cue file names the file, line and field", "[thai][roles]") {
  auto error_of = [](const std::string& yaml) -> std::string {
    try {
      (void)RoleCues::parse(yaml, "date-roles.yaml");
    } catch (const oitscan::InputError& e) {
      return e.field() + "@" + std::to_string(e.line());
    }
    return "no error";
  };
  CHECK(error_of("cues:\n  subjekt: [ประจำเดือน]\n") == "cues.subjekt@2");
  CHECK(error_of("cues:\n  subject: [ประจำเดือน, ประจำ เดือน]\n") == "cues.subject@2");
  CHECK(error_of("cues:\n  subject:\n    - {cue: สขร, kinds: [week]}\n") == "cues.subject.kinds@3");
  CHECK(error_of("cues: {}\nwindo: 3\n") == "windo@2");
  CHECK(error_of("window: 80\n") == "cues@1");
  CHECK(error_of("cues: {}\ndefaults: {day: sometimes}\n") == "defaults.day@2");
}
