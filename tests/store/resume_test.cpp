// A scan process that dies mid-run loses nothing it recorded; the next scan finds the run
// interrupted and its fetches there to resume from (and for conditional GETs).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using oitscan::test::ScratchDir;

TEST_CASE("fetches recorded before a crash are there after reopening, and the run is marked interrupted", "[store][resume]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  { auto store = HistoryStore::open(path); }  // created by the parent, so the child only writes

  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The scan process: begins a run, logs two fetches, then dies without any cleanup.
    auto store = HistoryStore::open(path);
    const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "2568.1", "out/bangna",
                                     "2026-11-21T01:00:00Z");
    FetchRecord f;
    f.run_id = run;
    f.url = "https://www.example.go.th/bangna/about";
    f.outcome = "ok";
    f.http_status = 200;
    f.sha256 = std::string(64, 'a');
    f.etag = "\"abc123\"";
    f.last_modified = "Fri, 21 Mar 2025 08:00:00 GMT";
    f.fetched_at = "2026-11-21T01:00:01Z";
    f.warc_file = "out/bangna/evidence.warc.gz";
    f.warc_offset = 409;
    f.warc_record_id = "<urn:uuid:0b5e8c3a-1d2e-4f00-9a61-2f0c6f1b7e11>";
    f.warc_payload_digest = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ";
    store.record_fetch(f);
    f.url = "https://www.example.go.th/bangna/o15.pdf";
    f.outcome = "timeout";
    f.http_status = std::nullopt;
    f.sha256 = std::nullopt;
    store.record_fetch(f);
    _exit(0);  // no destructors, no close: as abrupt as a kill
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));

  auto store = HistoryStore::open(path);
  CHECK(store.latest_run("bangna")->status == "running");
  CHECK(store.mark_interrupted_runs() == 1);
  const auto interrupted = store.latest_run("bangna");
  REQUIRE(interrupted);
  CHECK(interrupted->status == "interrupted");
  CHECK(store.fetches_of_run(interrupted->id).size() == 2);

  // The resumed scan: what was fetched since the interrupted run began is not fetched again.
  const auto run = store.begin_run({"bangna", "สำนักงานเขตบางนา", ""}, "bma-district-2568", "2568.1");
  const auto done = store.latest_fetch("https://www.example.go.th/bangna/about", interrupted->started_at);
  REQUIRE(done);
  CHECK(done->outcome == "ok");
  CHECK(done->run_id == interrupted->id);
  CHECK(done->etag == "\"abc123\"");  // for If-None-Match
  CHECK(done->last_modified == "Fri, 21 Mar 2025 08:00:00 GMT");
  CHECK(done->warc_offset == 409);
  CHECK(done->warc_payload_digest == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  CHECK(store.latest_fetch("https://www.example.go.th/bangna/o15.pdf")->outcome == "timeout");
  CHECK_FALSE(store.latest_fetch("https://www.example.go.th/bangna/about", "2099-01-01T00:00:00Z"));
  CHECK_FALSE(store.latest_fetch("https://www.example.go.th/never"));
  // Called at the start of the next scan, it would catch this run too had this process died.
  CHECK(store.mark_interrupted_runs() == 1);
  CHECK(store.run(run)->status == "interrupted");
}

TEST_CASE("a failed finish_run leaves the run as it was", "[store][resume]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "h.sqlite");
  const auto run = store.begin_run({"bangna", "", ""}, "bma-district-2568", "");
  auto doc = oitscan::test::results("bangna", {oitscan::test::item("O1", "pass", nlohmann::json::array())});
  doc["unit"]["id"] = "lat-krabang";
  CHECK_THROWS_AS(store.finish_run(run, doc.dump()), oitscan::InputError);
  CHECK(store.run(run)->status == "running");
  CHECK_FALSE(store.results_json(run).has_value());
  CHECK_THROWS_AS(store.finish_run(run + 100, doc.dump()), oitscan::InputError);
}

TEST_CASE("fetches logged from several threads are all kept, each with its own id", "[store][threads]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "h.sqlite");
  const auto run = store.begin_run({"bangna", "", ""}, "bma-district-2568", "");
  std::vector<std::int64_t> ids(4 * 25);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        FetchRecord f;
        f.run_id = run;
        f.url = "https://www.example.go.th/bangna/" + std::to_string(t) + "/" + std::to_string(i);
        f.outcome = "ok";
        f.fetched_at = "2026-11-21T01:00:01Z";
        ids[static_cast<std::size_t>(t * 25 + i)] = store.record_fetch(f);
      }
    });
  }
  // Meanwhile the run is finished on this thread, in a transaction of its own.
  store.finish_run(run, oitscan::test::results("bangna", nlohmann::json::array()).dump());
  for (auto& w : workers) w.join();
  CHECK(std::set<std::int64_t>(ids.begin(), ids.end()).size() == ids.size());
  CHECK(store.fetches_of_run(run).size() == ids.size());
  CHECK(store.run(run)->status == "done");
}
