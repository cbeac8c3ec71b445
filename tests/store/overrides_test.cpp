// Auditor decisions: recorded on the latest run and later ones until withdrawn, laid over results
// documents, and (through the real `oitscan override` binary) over the stored verdicts, the score
// and the run's results.json.
#include <catch2/catch.hpp>

#include <cstdio>

#include "common/input_error.hpp"
#include "store/history_store.hpp"
#include "store/results_builder.hpp"
#include "support/test_support.hpp"

using namespace oitscan::store;
using oitscan::test::item;
using oitscan::test::requirement;
using oitscan::test::run_command;
using oitscan::test::ScratchDir;
using oitscan::test::shell_quote;
using ojson = nlohmann::ordered_json;

namespace {

// Every item of bma-district-2568 passes except O15 (a month missing) and O10 (unverified).
nlohmann::json full_night(const std::string& unit_id) {
  nlohmann::json items = nlohmann::json::array();
  for (int n = 1; n <= 22; ++n) {
    const std::string id = "O" + std::to_string(n);
    if (id == "O15") {
      items.push_back(item(id, "fail",
                           {requirement("monthly-summary", "fail", "missing-months"), requirement("annual-summary", "pass", "ok")}));
    } else if (id == "O10") {
      items.push_back(item(id, "unverified", {requirement("plan", "unverified", "fetch-failed")}));
    } else {
      items.push_back(item(id, "pass", {requirement("published", "pass", "ok")}));
    }
  }
  return oitscan::test::results(unit_id, items, 90.91);
}

std::int64_t finished_run(HistoryStore& store, const nlohmann::json& doc, const std::string& out_dir = "") {
  const auto id = store.begin_run({doc["unit"]["id"], "สำนักงานเขตบางนา", "https://www.example.go.th/bangna/"},
                                  "bma-district-2568", "2568.1", out_dir);
  store.finish_run(id, doc.dump());
  return id;
}

std::string sql(const std::filesystem::path& db, const std::string& query) {
  auto r = run_command("sqlite3 " + shell_quote(db.string()) + " " + shell_quote(query));
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

// What the scoring core on its own (`oitscan score`) gives for these item verdicts, unverified
// counted as failed: the figure the override must reproduce.
std::string oit_of(const std::string& o10, const std::string& o15) {
  nlohmann::json items;
  for (int n = 1; n <= 22; ++n) items["O" + std::to_string(n)] = "pass";
  items["O10"] = o10;
  items["O15"] = o15;
  auto r = run_command("echo " + shell_quote(nlohmann::json{{"oit_items", items}}.dump()) + " | " + std::string(OITSCAN_BINARY) +
                       " score --framework bma-district-2568 -");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", nlohmann::json::parse(r.out)["tools"]["OIT"].get<double>());
  return buf;
}

}  // namespace

TEST_CASE("overrides: recorded on the latest run, hold for later runs, withdrawn from the latest run on", "[store][overrides]") {
  ScratchDir dir("overrides");
  auto store = HistoryStore::open(dir / "h.sqlite");
  const auto run1 = finished_run(store, full_night("bangna"));

  const Override o = store.record_override({"bangna", "O15", "monthly-summary", "pass", "auditor-a", "ตรวจฉบับจริงแล้ว"});
  CHECK(o.from_run == run1);
  CHECK(o.machine_verdict == "fail");
  CHECK(o.at.size() == 25);
  CHECK(o.at.substr(19) == "+07:00");
  CHECK_FALSE(o.until_run.has_value());

  const auto run2 = finished_run(store, full_night("bangna"));
  CHECK(store.overrides_for_run(run1).size() == 1);
  CHECK(store.overrides_for_run(run2).size() == 1);

  const auto withdrawn = store.withdraw_override("bangna", "O15", "monthly-summary", "auditor-b");
  REQUIRE(withdrawn.has_value());
  CHECK(withdrawn->until_run == run2);
  CHECK(withdrawn->withdrawn_by == "auditor-b");
  CHECK(store.overrides_for_run(run1).size() == 1);  // history is not rewritten
  CHECK(store.overrides_for_run(run2).empty());
  CHECK_FALSE(store.withdraw_override("bangna", "O15", "monthly-summary", "auditor-b").has_value());

  // Everything stays on record, withdrawn decisions included.
  REQUIRE(store.overrides("bangna").size() == 1);
  CHECK(store.overrides("bangna")[0].withdrawn_at.has_value());
  CHECK(store.overrides("other").empty());
}

TEST_CASE("overrides: a new decision on the same target supersedes the one in force", "[store][overrides]") {
  ScratchDir dir("overrides");
  auto store = HistoryStore::open(dir / "h.sqlite");
  finished_run(store, full_night("bangna"));
  finished_run(store, full_night("bangna"));
  const auto run3 = finished_run(store, full_night("bangna"));
  const auto first = store.record_override({"bangna", "O10", "", "pass", "auditor-a", "เปิดได้จากเครือข่ายภายใน"});
  const auto second = store.record_override({"bangna", "O10", "", "fail", "auditor-b", "ไฟล์เป็นฉบับปีก่อน"});
  const auto in_force = store.overrides_for_run(run3);
  REQUIRE(in_force.size() == 1);
  CHECK(in_force[0].id == second.id);
  CHECK(store.overrides("bangna")[0].id == first.id);
  CHECK(store.overrides("bangna")[0].withdrawn_by == "auditor-b");
}

TEST_CASE("overrides: bad requests are refused naming the field", "[store][overrides]") {
  ScratchDir dir("overrides");
  auto store = HistoryStore::open(dir / "h.sqlite");
  auto field_of = [&](const OverrideRequest& r) {
    try {
      store.record_override(r);
    } catch (const oitscan::InputError& e) {
      return e.field();
    }
    return std::string("(accepted)");
  };
  CHECK(field_of({"bangna", "O15", "", "pass", "a", "why"}) == "unit");  // no run yet
  finished_run(store, full_night("bangna"));
  CHECK(field_of({"bangna", "O15", "", "unverified", "a", "why"}) == "verdict");
  CHECK(field_of({"bangna", "O15", "", "pass", "", "why"}) == "by");
  CHECK(field_of({"bangna", "O15", "", "pass", "a", ""}) == "why");
  CHECK(field_of({"bangna", "O15", "", "pass", "a\x1b[31m", "why"}) == "by");
  CHECK(field_of({"bangna", "O15", "", "pass", "a", std::string(kMaxOverrideText + 1, 'x')}) == "why");
  CHECK(field_of({"bangna", "O99", "", "pass", "a", "why"}) == "item");
  CHECK(field_of({"bangna", "O15", "no-such", "pass", "a", "why"}) == "requirement");
  CHECK(field_of({"Bang Na", "O15", "", "pass", "a", "why"}) == "unit");
  CHECK(field_of({"bangna", "O15", "", "pass", "a", "why\nsecond line"}) == "(accepted)");
}

TEST_CASE("overrides: applied to a results document, requirement first, then the item", "[store][overrides]") {
  ojson doc = full_night("bangna");
  Override req;
  req.item_id = "O15";
  req.requirement_id = "monthly-summary";
  req.verdict = "pass";
  req.by = "auditor-a";
  req.at = "2025-04-30T09:12:00+07:00";
  req.why = "เอกสารฉบับจริงครบ 12 เดือน";
  Override whole;
  whole.item_id = "O10";
  whole.verdict = "pass";
  whole.by = "auditor-a";
  whole.at = req.at;
  whole.why = "เปิดได้";

  CHECK(apply_overrides(doc, {req, whole}) == 2);
  const auto& o15 = doc["items"][14];
  REQUIRE(o15["id"] == "O15");
  CHECK(o15["verdict"] == "pass");  // its only failing mandatory requirement now passes
  CHECK(o15["machine_verdict"] == "fail");
  CHECK_FALSE(o15.contains("override"));  // derived, not decided
  CHECK(o15["requirements"][0]["verdict"] == "pass");
  CHECK(o15["requirements"][0]["machine_verdict"] == "fail");
  CHECK(o15["requirements"][0]["override"]["by"] == "auditor-a");
  CHECK(o15["requirements"][0]["override"]["at"] == "2025-04-30T09:12:00+07:00");
  const auto& o10 = doc["items"][9];
  CHECK(o10["verdict"] == "pass");
  CHECK(o10["machine_verdict"] == "unverified");
  CHECK(o10["override"]["why"] == "เปิดได้");

  // Applying again with fewer decisions restores the machine's verdicts first.
  CHECK(apply_overrides(doc, {whole}) == 1);
  CHECK(doc["items"][14]["verdict"] == "fail");
  CHECK_FALSE(doc["items"][14].contains("machine_verdict"));
  CHECK_FALSE(doc["items"][14]["requirements"][0].contains("override"));
  CHECK(apply_overrides(doc, {}) == 0);
  CHECK(doc == ojson(full_night("bangna")));
}

TEST_CASE("oitscan override: the stored verdicts, the score and results.json follow, and withdrawing restores them",
          "[store][overrides][cli]") {
  ScratchDir dir("override-cli");
  const auto db = dir / "h.sqlite";
  const auto out = dir / "out" / "bangna";
  std::filesystem::create_directories(out);
  const auto night = full_night("bangna");
  oitscan::test::write_file(out / "results.json", night.dump(2));
  {
    auto store = HistoryStore::open(db);
    finished_run(store, night, out.string());
  }
  const std::string bin = std::string(OITSCAN_BINARY) + " override --db " + shell_quote(db.string()) + " bangna ";

  auto r = run_command(bin + "O15 monthly-summary --verdict pass --by auditor-a --why " + shell_quote("ตรวจฉบับจริงแล้ว"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("fail → pass"));
  CHECK(sql(db, "SELECT verdict FROM item_results WHERE item_id='O15'") == "pass");
  CHECK(sql(db, "SELECT verdict FROM requirement_results WHERE item_id='O15' AND requirement_id='monthly-summary'") == "pass");
  // O15 passes now; O10 is still unverified, counted as failed.
  const std::string with_decision = oit_of("fail", "pass");
  const std::string machine = oit_of("fail", "fail");
  CHECK(with_decision != machine);
  CHECK(sql(db, "SELECT printf('%.2f', oit) FROM scores") == with_decision);
  const auto on_disk = nlohmann::json::parse(oitscan::test::read_file(out / "results.json"));
  CHECK(on_disk["items"][14]["requirements"][0]["override"]["why"] == "ตรวจฉบับจริงแล้ว");
  CHECK(on_disk["items"][14]["machine_verdict"] == "fail");
  char disk_oit[32];
  std::snprintf(disk_oit, sizeof disk_oit, "%.2f", on_disk["score"]["oit"].get<double>());
  CHECK(disk_oit == with_decision);
  CHECK(std::filesystem::exists(out / "report.html"));

  r = run_command(bin + "O15 --withdraw --by auditor-a");
  CHECK(r.exit_code == 2);  // the decision in force is on the requirement, not the item
  r = run_command(bin + "O15 monthly-summary --withdraw --by auditor-a");
  CHECK(r.exit_code == 0);
  CHECK(sql(db, "SELECT verdict FROM item_results WHERE item_id='O15'") == "fail");
  CHECK(sql(db, "SELECT printf('%.2f', oit) FROM scores") == machine);
  CHECK(sql(db, "SELECT count(*) FROM overrides WHERE withdrawn_by='auditor-a'") == "1");

  CHECK(run_command(bin + "O15 --verdict maybe --by a --why x 2>/dev/null").exit_code == 2);
  CHECK(run_command(bin + "O15 --verdict pass --by a 2>/dev/null").exit_code == 2);
  CHECK(run_command(std::string(OITSCAN_BINARY) + " override --db " + shell_quote((dir / "none.sqlite").string()) +
                    " bangna O15 --verdict pass --by a --why x 2>/dev/null")
            .exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "none.sqlite"));
}
