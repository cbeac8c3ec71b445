// Two nightly runs of a unit: what changed, what broke.
#include <catch2/catch.hpp>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using oitscan::test::evidence;
using oitscan::test::item;
using oitscan::test::requirement;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;

namespace {

const std::string kStructure = "https://www.example.go.th/bangna/structure.pdf";
const std::string kProcurement = "https://www.example.go.th/bangna/procurement";
const std::string kAbout = "https://www.example.go.th/bangna/about";
const std::string kShaA(64, 'a');
const std::string kShaB(64, 'b');
const std::string kShaC(64, 'c');

FetchRecord fetch(std::int64_t run, const std::string& url, const std::string& sha, const std::string& outcome = "ok") {
  FetchRecord f;
  f.run_id = run;
  f.url = url;
  f.final_url = url;
  f.outcome = outcome;
  f.http_status = outcome == "ok" ? std::optional<int>(200) : std::nullopt;
  if (!sha.empty()) f.sha256 = sha;
  f.fetched_at = "2026-11-21T01:00:01Z";
  return f;
}

std::string night(const std::string& o1_verdict, const std::string& o1_reason, const std::string& o15_verdict,
                  const std::string& o15_reason, const std::string& structure_sha) {
  return oitscan::test::results(
             "bangna",
             {item("O1", o1_verdict,
                   {requirement("structure-chart", o1_verdict, o1_reason, {evidence(kStructure, structure_sha)})}),
              item("O15", o15_verdict,
                   {requirement("monthly-summary", o15_verdict, o15_reason, {evidence(kProcurement, kShaC)}),
                    requirement("annual-plan", "pass", "ok")})})
      .dump();
}

}  // namespace

TEST_CASE("changes() reports changed verdicts, reasons and document hashes between two runs", "[store][changes]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  auto store = HistoryStore::open(path);
  const Unit bangna{"bangna", "สำนักงานเขตบางนา", "https://www.example.go.th/bangna/"};

  const auto run1 = store.begin_run(bangna, "bma-district-2568", "2568.1", "out/bangna");
  store.record_fetch(fetch(run1, kStructure, kShaA));
  store.record_fetch(fetch(run1, kProcurement, kShaC));
  store.record_fetch(fetch(run1, kAbout, kShaC));
  store.finish_run(run1, night("fail", "wrong-period", "pass", "ok", kShaA));
  CHECK(store.changes("bangna").previous_run == std::nullopt);  // first run: nothing to compare

  const auto run2 = store.begin_run(bangna, "bma-district-2568", "2568.1", "out/bangna");
  store.record_fetch(fetch(run2, kStructure, kShaB));   // the district replaced the document
  store.record_fetch(fetch(run2, kProcurement, kShaC)); // same bytes
  store.record_fetch(fetch(run2, kAbout, "", "timeout"));
  store.finish_run(run2, night("pass", "ok", "fail", "missing-months", kShaB));

  const Changes c = store.changes("bangna");
  CHECK(c.current_run == run2);
  CHECK(c.previous_run == run1);
  REQUIRE(c.items.size() == 2);
  CHECK(c.items[0].item_id == "O1");
  CHECK(c.items[0].verdict_before == "fail");
  CHECK(c.items[0].verdict_now == "pass");
  CHECK(c.items[0].reasons_appeared.empty());
  CHECK(c.items[0].reasons_disappeared == std::vector<ReasonRef>{{"structure-chart", "wrong-period"}});
  CHECK(c.items[1].item_id == "O15");
  CHECK(c.items[1].verdict_before == "pass");
  CHECK(c.items[1].verdict_now == "fail");
  CHECK(c.items[1].reasons_appeared == std::vector<ReasonRef>{{"monthly-summary", "missing-months"}});

  REQUIRE(c.documents.size() == 2);
  CHECK(c.documents[0].url == kAbout);  // it broke: ok -> timeout
  CHECK(c.documents[0].outcome_before == "ok");
  CHECK(c.documents[0].outcome_now == "timeout");
  CHECK(c.documents[1].url == kStructure);
  CHECK(c.documents[1].sha256_before == kShaA);
  CHECK(c.documents[1].sha256_now == kShaB);

  // The same facts through the sqlite3 shell.
  const auto verdicts = run_command("sqlite3 " + shell_quote(path.string()) +
                                    " \"SELECT run_id, item_id, verdict FROM item_results ORDER BY run_id, item_id\"");
  CHECK(verdicts.out == std::to_string(run1) + "|O1|fail\n" + std::to_string(run1) + "|O15|pass\n" +
                            std::to_string(run2) + "|O1|pass\n" + std::to_string(run2) + "|O15|fail\n");
  const auto hashes = run_command("sqlite3 " + shell_quote(path.string()) +
                                  " \"SELECT DISTINCT sha256 FROM evidence WHERE url = '" + kStructure + "' ORDER BY run_id\"");
  CHECK(hashes.out == kShaA + "\n" + kShaB + "\n");
}

TEST_CASE("finish_run normalises the results and keeps the document as given", "[store][runs]") {
  ScratchDir dir("store");
  const auto path = dir / "history.sqlite";
  auto store = HistoryStore::open(path);
  const auto run = store.begin_run({"bangna", "", ""}, "bma-district-2568", "");
  const std::string doc = night("pass", "ok", "fail", "missing-months", kShaA);
  store.finish_run(run, doc);
  CHECK(store.results_json(run) == doc);
  const auto info = store.run(run);
  REQUIRE(info);
  CHECK(info->status == "done");
  CHECK(info->finished_at == "2026-11-21T01:20:00Z");
  CHECK(info->unit_name_th == "สำนักงานเขตบางนา");
  CHECK(info->rules_version == "2568.1");

  const auto cli = [&](const std::string& sql) {
    return run_command("sqlite3 " + shell_quote(path.string()) + " " + shell_quote(sql)).out;
  };
  CHECK(cli("SELECT oit, oit_min, oit_max, indicators_json FROM scores") == "95.45|95.45|100.0|{\"10\":100.0,\"9\":92.0,\"9.1\":100.0}\n");
  CHECK(cli("SELECT item_id, oit_contribution FROM item_results ORDER BY item_id") == "O1|100.0\nO15|0.0\n");
  CHECK(cli("SELECT count(*) FROM requirement_results") == "3\n");
  CHECK(cli("SELECT json_extract(evidence_json, '$[0].location') FROM requirement_results WHERE requirement_id = 'monthly-summary'") ==
        "page 3\n");
  CHECK(cli("SELECT status FROM runs") == "done\n");

  // Finishing again (a re-judged run) replaces the normalised rows instead of duplicating them.
  store.finish_run(run, night("pass", "ok", "pass", "ok", kShaA));
  CHECK(cli("SELECT count(*) FROM requirement_results") == "3\n");
  CHECK(cli("SELECT verdict FROM item_results WHERE item_id = 'O15'") == "pass\n");
}

TEST_CASE("previous_run skips unfinished runs and other units", "[store][runs]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "h.sqlite");
  const auto a1 = store.begin_run({"bangna", "", ""}, "bma-district-2568", "");
  store.finish_run(a1, night("pass", "ok", "pass", "ok", kShaA));
  const auto b1 = store.begin_run({"lat-krabang", "", ""}, "bma-district-2568", "");
  store.finish_run(b1, oitscan::test::results("lat-krabang", nlohmann::json::array()).dump());
  const auto a2 = store.begin_run({"bangna", "", ""}, "bma-district-2568", "");  // still running
  CHECK(store.previous_run("bangna")->id == a1);
  CHECK(store.previous_run("bangna", a2)->id == a1);
  CHECK_FALSE(store.previous_run("bangna", a1));
  CHECK(store.previous_run("lat-krabang")->id == b1);
  CHECK(store.latest_run("bangna")->id == a2);
  CHECK(store.latest_run("bangna")->status == "running");
  CHECK_FALSE(store.latest_run("nowhere"));
  CHECK_THROWS_AS(store.begin_run({"Bang Na'; --", "", ""}, "bma-district-2568", ""), oitscan::InputError);
}

TEST_CASE("changes() never reports ok → not-modified, and documents appearing and disappearing are changes",
          "[store][changes]") {
  ScratchDir dir("store");
  auto store = HistoryStore::open(dir / "history.sqlite");
  const Unit bangna{"bangna", "สำนักงานเขตบางนา", "https://www.example.go.th/bangna/"};
  const auto run1 = store.begin_run(bangna, "bma-district-2568", "2568.1");
  store.record_fetch(fetch(run1, kStructure, kShaA));
  store.record_fetch(fetch(run1, kProcurement, kShaC));
  store.finish_run(run1, night("pass", "ok", "pass", "ok", kShaA));

  // Night 2: every URL answers 304; O1 now rests on the about page instead of the chart.
  const auto run2 = store.begin_run(bangna, "bma-district-2568", "2568.1");
  store.record_fetch(fetch(run2, kStructure, kShaA, "not-modified"));
  store.record_fetch(fetch(run2, kProcurement, kShaC, "not-modified"));
  auto doc = nlohmann::json::parse(night("pass", "ok", "pass", "ok", kShaA));
  doc["items"][0]["requirements"][0]["evidence"][0]["url"] = kAbout;
  store.finish_run(run2, doc.dump());

  const Changes c = store.changes("bangna");
  CHECK(c.items.empty());
  REQUIRE(c.documents.size() == 2);
  CHECK(c.documents[0].url == kAbout);
  CHECK(c.documents[0].appeared);
  CHECK(c.documents[1].url == kStructure);
  CHECK(c.documents[1].disappeared);
  for (const auto& d : c.documents) CHECK(d.outcome_now != std::optional<std::string>("not-modified"));
}
