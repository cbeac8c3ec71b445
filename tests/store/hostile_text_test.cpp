// Text from district websites and rule files goes in and comes out verbatim: quotes, Thai, SQL.
#include <catch2/catch.hpp>

#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;

TEST_CASE("hostile text is stored verbatim and harms nothing", "[store][hostile]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  auto store = HistoryStore::open(path);
  const std::string evil_th = "ไม่พบ \"รายงาน\" ประจำเดือน'); DROP TABLE runs; --";
  const std::string evil_en = "Robert'); DROP TABLE item_results;-- \\ % _ \t tab and\nnewline";
  const std::string evil_url = "https://www.example.go.th/bangna/ข่าว?q=1' OR '1'='1";

  const auto run = store.begin_run({"bangna", evil_th, evil_url}, "bma-district-2568", "x'); DROP TABLE scores;--");
  auto req = oitscan::test::requirement("monthly-summary", "fail", "missing-months",
                                        {oitscan::test::evidence(evil_url, std::string(64, 'f'))});
  req["message_th"] = evil_th;
  req["message_en"] = evil_en;
  FetchRecord f;
  f.run_id = run;
  f.url = evil_url;
  f.outcome = "ok";
  f.etag = "W/\"x'y\"";
  f.fetched_at = "2026-11-21T01:00:01Z";
  store.record_fetch(f);
  store.finish_run(run, oitscan::test::results("bangna", {oitscan::test::item("O15", "fail", {req})}).dump());

  // Read back through the sqlite3 shell's JSON output: an independent reader, exact strings.
  const auto r = run_command("sqlite3 -json " + shell_quote(path.string()) + " " +
                             shell_quote("SELECT message_th, message_en, (SELECT url FROM evidence) AS ev_url, "
                                         "(SELECT etag FROM fetches) AS etag, (SELECT count(*) FROM runs) AS runs "
                                         "FROM requirement_results"));
  REQUIRE(r.exit_code == 0);
  const auto rows = nlohmann::json::parse(r.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["message_th"] == evil_th);
  CHECK(rows[0]["message_en"] == evil_en);
  CHECK(rows[0]["ev_url"] == evil_url);
  CHECK(rows[0]["etag"] == "W/\"x'y\"");
  CHECK(rows[0]["runs"] == 1);

  CHECK(store.latest_fetch(evil_url)->etag == "W/\"x'y\"");
  CHECK_FALSE(store.latest_fetch("https://www.example.go.th/bangna/ข่าว?q=1"));
  const auto tables = run_command("sqlite3 " + shell_quote(path.string()) +
                                  " \"SELECT count(*) FROM sqlite_master WHERE type = 'table'\"");
  CHECK(tables.out == "7\n");
}
