// An invalid results document is refused with the field that is wrong.
#include <catch2/catch.hpp>

#include "common/input_error.hpp"
#include "store/results_builder.hpp"
#include "store/run_results.hpp"

using oitscan::InputError;
using oitscan::store::parse_run_results;
using nlohmann::json;

namespace {

json valid() {
  return oitscan::test::results(
      "bangna", {oitscan::test::item("O1", "pass", {oitscan::test::requirement("chart", "pass", "ok")}),
                 oitscan::test::item("O15", "fail",
                                     {oitscan::test::requirement(
                                         "monthly-summary", "fail", "missing-months",
                                         {oitscan::test::evidence("https://www.example.go.th/p.pdf", std::string(64, 'a'))})})});
}

// The field named by the error parse_run_results raises for `doc`.
std::string error_field(const json& doc) {
  try {
    parse_run_results(doc.dump(), "night/bangna/results.json");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).rfind("night/bangna/results.json: ", 0) == 0);
    return e.field();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("the lead's results document is accepted and read in full", "[store][results]") {
  const auto r = parse_run_results(valid().dump(), "results.json");
  CHECK(r.unit_id == "bangna");
  CHECK(r.framework == "bma-district-2568");
  REQUIRE(r.items.size() == 2);
  CHECK(r.items[1].requirements[0].reason == "missing-months");
  REQUIRE(r.items[1].requirements[0].evidence.size() == 1);
  CHECK(r.items[1].requirements[0].evidence[0].http_status == 200);
  CHECK(json::parse(r.items[1].requirements[0].evidence_json)[0]["snippet"] == "รายงานสรุปผลการจัดซื้อจัดจ้าง");
  CHECK(r.items[0].oit_contribution == 100.0);  // from score.items
  REQUIRE(r.score);
  CHECK(r.score->oit == 95.45);
}

TEST_CASE("each wrong field is named", "[store][results]") {
  CHECK(error_field(valid()) == "(accepted)");
  auto d = valid();
  d["schema"] = "oitscan.results/2";
  CHECK(error_field(d) == "schema");
  d = valid();
  d.erase("framework");
  CHECK(error_field(d) == "framework");
  d = valid();
  d["unit"]["id"] = "Bang Na";
  CHECK(error_field(d) == "unit.id");
  d = valid();
  d["items"][1]["verdict"] = "failed";
  CHECK(error_field(d) == "items[1].verdict");
  d = valid();
  d["items"][1]["requirements"][0]["reason"] = 7;
  CHECK(error_field(d) == "items[1].requirements[0].reason");
  d = valid();
  d["items"][1]["requirements"][0]["evidence"][0]["http_status"] = "200";
  CHECK(error_field(d) == "items[1].requirements[0].evidence[0].http_status");
  d = valid();
  d["items"][1]["requirements"][0]["evidence"][0].erase("url");
  CHECK(error_field(d) == "items[1].requirements[0].evidence[0].url");
  d = valid();
  d["items"][1]["id"] = "O1";
  CHECK(error_field(d) == "items[1].id");
  d = valid();
  d["score"]["oit"] = "95";
  CHECK(error_field(d) == "score.oit");
  d = valid();
  d["items"] = json::object();
  CHECK(error_field(d) == "items");
  d = valid();
  d["score"]["oit"] = nullptr;  // a score that could not be computed is allowed
  CHECK(error_field(d) == "(accepted)");
  CHECK_THROWS_AS(parse_run_results("{\"schema\": ", "x.json"), InputError);
  CHECK_THROWS_AS(parse_run_results("[1,2]", "x.json"), InputError);
}
