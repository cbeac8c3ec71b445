// A scan writes a unit's fetch log together with its results: one transaction per unit-run, all
// or nothing, on a WAL database with synchronous=NORMAL (a commit costs no fsync).
#include <catch2/catch.hpp>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
namespace t = oitscan::test;
using oitscan::test::ScratchDir;

namespace {

FetchRecord fetched(std::int64_t run, const std::string& url) {
  FetchRecord f;
  f.run_id = run;
  f.url = url;
  f.outcome = "ok";
  f.http_status = 200;
  f.sha256 = std::string(64, 'c');
  f.fetched_at = "2026-11-21T01:00:02Z";
  return f;
}

std::string done_results(const std::string& unit) {
  return t::results(unit, {t::item("O1", "pass", {t::requirement("O1.structure", "pass", "ok")})}).dump();
}

}  // namespace

TEST_CASE("the connection runs WAL with synchronous=NORMAL", "[store][schema]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "history.sqlite");
  auto mode = store.database().prepare("PRAGMA synchronous");
  REQUIRE(mode.step());
  CHECK(mode.integer(0) == 1);  // 0 OFF, 1 NORMAL, 2 FULL
}

TEST_CASE("finish_run writes the unit's fetch rows with its results in one transaction", "[store][transaction]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "history.sqlite");
  const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "2568.1");
  const std::vector<FetchRecord> rows = {fetched(run, "https://www.example.go.th/bangna/about"),
                                         fetched(run, "https://www.example.go.th/bangna/o1.pdf")};

  SECTION("a valid document: results and fetch rows land together") {
    store.finish_run(run, done_results("bangna"), "results.json", rows);
    CHECK(store.run(run)->status == "done");
    const auto logged = store.fetches_of_run(run);
    REQUIRE(logged.size() == 2);
    CHECK(logged[1].url == "https://www.example.go.th/bangna/o1.pdf");
  }
  SECTION("a document for another unit is refused, and none of the fetch rows is written") {
    CHECK_THROWS_AS(store.finish_run(run, done_results("bangkhen"), "results.json", rows), oitscan::InputError);
    CHECK(store.run(run)->status == "running");
    CHECK(store.fetches_of_run(run).empty());
    // The caller still holds them and logs them on their own: nothing collected is lost.
    store.record_fetches(rows);
    CHECK(store.fetches_of_run(run).size() == 2);
  }
}

TEST_CASE("record_fetches writes a batch whole or not at all", "[store][transaction]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "history.sqlite");
  const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "2568.1");
  std::vector<FetchRecord> rows = {fetched(run, "https://www.example.go.th/bangna/a"), fetched(run, "")};
  CHECK_THROWS_WITH(store.record_fetches(rows), Catch::Contains("fetch without URL"));
  CHECK(store.fetches_of_run(run).empty());  // the first row was rolled back with the bad one
  rows.pop_back();
  store.record_fetches(rows);
  CHECK(store.fetches_of_run(run).size() == 1);
}
