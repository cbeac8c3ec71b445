// `oitscan scan` end to end: two units from the demo site (nginx), a SQLite history that the
// sqlite3 shell can read, changes between two nights, and an interrupted scan that resumes.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "../check/demo_site.hpp"
#include "archive/http_message.hpp"
#include "archive/warc_reader.hpp"
#include "scan/scan.hpp"
#include "store/history_store.hpp"

namespace fs = std::filesystem;
using namespace oitscan;

namespace {

std::string sqlite(const fs::path& db, const std::string& sql) {
  const std::string cmd = "sqlite3 '" + db.string() + "' \"" + sql + "\"";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

check::Submission unit(const test::DemoSite& s, const std::string& id, const std::string& o15_case) {
  check::Submission sub;
  sub.unit_id = id;
  sub.name_th = "สำนักงานเขต " + id;
  sub.website = s.website();
  sub.framework = "bma-district-2568";
  sub.items["O15"] = {s.host_url("www.bangna-demo.test") + "/demo/O15/" + o15_case + "/index.html"};
  sub.items["O21"] = {s.host_url("www.bangna-demo.test") + "/demo/O21/pass/index.html"};
  return sub;
}

}  // namespace

TEST_CASE("scan: history in SQLite, changes between nights, resume after an interruption", "[scan][http]") {
  test::DemoSite s;
  scan::ScanOptions options;
  options.fetch = s.fetch_options();
  options.out_dir = s.work / "out";
  options.db = s.work / "history.sqlite";
  options.rules_root = fs::path(OITSCAN_TEST_SOURCE_DIR) / "rules";
  options.fetch.cache_dir = (s.work / "out" / "cache").string();

  // Night 1: bangna complete for O15, latkrabang missing a month.
  auto first = scan::run_scan({unit(s, "bangna", "pass"), unit(s, "latkrabang", "missing-month")}, options);
  REQUIRE(first.size() == 2);
  CHECK(first[0].error.empty());
  CHECK(sqlite(options.db, "SELECT count(*) FROM runs WHERE status='done'") == "2");
  CHECK(sqlite(options.db, "SELECT verdict FROM item_results i JOIN runs r ON r.id = i.run_id WHERE r.unit_id='latkrabang' AND i.item_id='O15'") == "fail");
  CHECK(fs::exists(options.out_dir / "index.html"));
  CHECK(fs::exists(options.out_dir / "bangna" / "evidence.warc.gz"));
  CHECK(fs::exists(options.out_dir / "latkrabang" / "report.html"));

  // Night 2: bangna's O15 page now shows last year's announcements.
  auto second = scan::run_scan({unit(s, "bangna", "wrong-year"), unit(s, "latkrabang", "missing-month")}, options);
  auto store = store::HistoryStore::open(options.db);
  const auto changes = store.changes("bangna");
  REQUIRE(changes.previous_run.has_value());
  REQUIRE(changes.items.size() == 1);
  CHECK(changes.items[0].item_id == "O15");
  CHECK(changes.items[0].verdict_before == "pass");
  CHECK(changes.items[0].verdict_now == "fail");
  CHECK(store.changes("latkrabang").items.empty());
  std::ifstream index(options.out_dir / "index.html");
  const std::string html((std::istreambuf_iterator<char>(index)), std::istreambuf_iterator<char>());
  CHECK_THAT(html, Catch::Contains("O15: pass → fail"));
  // The previous night's evidence is kept beside the new one.
  CHECK(fs::exists(options.out_dir / "bangna" / "archive"));
  // latkrabang's site did not change: night 2 got 304s, archived as revisits of night 1's
  // captures, never as responses holding a body the server did not send; the fetch log names them.
  std::size_t revisits = 0;
  archive::WarcReader night2(options.out_dir / "latkrabang" / "evidence.warc.gz");
  while (auto r = night2.next()) {
    if (r->type() == "revisit") ++revisits;
    if (r->type() == "response") CHECK(archive::status_code(archive::split_http(r->block).head) != 304);
  }
  CHECK(revisits > 0);
  CHECK(sqlite(options.db, "SELECT count(*) FROM fetches f JOIN runs r ON r.id = f.run_id WHERE r.unit_id = 'latkrabang' "
                           "AND f.outcome = 'not-modified' AND f.warc_record_id IS NOT NULL") != "0");

  // Night 3 is interrupted after bangna: the state file says so. The rerun skips bangna.
  std::ofstream(options.out_dir / "scan-state.json") << R"({"finished": false, "done": ["bangna"]})";
  const auto runs_before = sqlite(options.db, "SELECT count(*) FROM runs");
  auto resumed = scan::run_scan({unit(s, "bangna", "pass"), unit(s, "latkrabang", "pass")}, options);
  CHECK(resumed[0].skipped);
  CHECK_FALSE(resumed[1].skipped);
  CHECK(std::stoi(sqlite(options.db, "SELECT count(*) FROM runs")) == std::stoi(runs_before) + 1);
  CHECK(sqlite(options.db, "SELECT count(*) FROM fetches") != "0");
}
