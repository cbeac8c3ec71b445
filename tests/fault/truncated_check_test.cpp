// Finding 3 end to end: `oitscan check` against a scripted server on 127.0.0.1 that serves the
// O15 page of the rule fixtures (an announcement and a CSV summary per month). Whole, in any
// content coding, the item passes; with one of its documents cut short - a gzip, deflate or
// brotli stream stopped halfway with a matching Content-Length, a body shorter than its
// Content-Length, a chunked body without its last chunk - the item is `unverified`, never
// `fail` (a half CSV would otherwise be a month missing).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "fetch/test_server.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using oitscan::testing::Route;
using oitscan::testing::ScriptedResponse;
using oitscan::testing::TestServer;

namespace {

const fs::path kFixture = fs::path(OITSCAN_TEST_SOURCE_DIR) / "rules/bma-district-2568/fixtures/O15/pass";
constexpr const char* kLastMonth = "summary-2568-03.csv";

struct CheckOutcome {
  int exit_code = -1;
  std::string item_verdict;
  std::vector<std::string> requirement_verdicts;
  std::string raw;
};

// Serves the fixture under /o15/, `fault` applied to the file named `target`, and runs check.
CheckOutcome check_with(const std::string& target, const std::function<void(ScriptedResponse&)>& fault) {
  oitscan::test::ScratchDir dir("truncated-check");
  TestServer server(oitscan::testing::make_test_certificate((dir / "tls").string()));
  std::vector<Route> routes;
  for (const auto& e : fs::directory_iterator(kFixture)) {
    if (e.path().extension() == ".yaml") continue;
    ScriptedResponse r;
    r.body = oitscan::test::read_file(e.path());
    r.headers.emplace_back("Content-Type", e.path().extension() == ".csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8");
    r.encoding = "gzip";
    if (e.path().filename() == target) fault(r);
    routes.push_back(Route{"", "/o15/" + e.path().filename().string(), {r}});
  }
  server.set_routes(std::move(routes));
  const std::string host = "www.bangna-demo.test";
  const std::string base = "http://" + host + ":" + std::to_string(server.http_port());
  oitscan::test::write_file(dir / "sub.yaml",
                            "unit: {id: bangna, name_th: สำนักงานเขตบางนา, website: '" + base + "/o15/'}\n"
                            "framework: bma-district-2568\nitems:\n  O15: ['" + base + "/o15/index.html']\n");
  const std::string cmd = oitscan::test::shell_quote(OITSCAN_BINARY) + " check " + oitscan::test::shell_quote((dir / "sub.yaml").string()) +
                          " --json --out " + oitscan::test::shell_quote((dir / "out").string()) + " --allow-private --timeout 5" +
                          " --resolve " + host + ":" + std::to_string(server.http_port()) + ":127.0.0.1";
  const auto run = oitscan::test::run_command(cmd);
  CheckOutcome out;
  out.exit_code = run.exit_code;
  out.raw = run.out;
  const auto results = nlohmann::json::parse(run.out);
  for (const auto& item : results["items"]) {
    if (item["id"] != "O15") continue;
    out.item_verdict = item["verdict"];
    for (const auto& req : item["requirements"]) {
      out.requirement_verdicts.push_back(req["verdict"]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("whole bodies in any content coding: the O15 fixture passes (the control)") {
  for (const char* coding : {"gzip", "deflate", "br", ""}) {
    INFO("coding " << coding);
    const auto r = check_with(kLastMonth, [&](ScriptedResponse& s) { s.encoding = coding; });
    INFO(r.raw.substr(0, 3000));
    CHECK(r.item_verdict == "pass");
  }
}

TEST_CASE("a document cut short makes the item unverified, never fail") {
  const std::vector<std::pair<std::string, std::function<void(ScriptedResponse&)>>> faults = {
      {"gzip stream cut, Content-Length matching", [](ScriptedResponse& s) { s.encoding = "gzip"; s.cut_encoded = 60; }},
      {"deflate stream cut", [](ScriptedResponse& s) { s.encoding = "deflate"; s.cut_encoded = 60; }},
      {"raw deflate stream cut", [](ScriptedResponse& s) { s.encoding = "deflate-raw"; s.cut_encoded = 60; }},
      {"brotli stream cut", [](ScriptedResponse& s) { s.encoding = "br"; s.cut_encoded = 60; }},
      {"gzip data corrupt", [](ScriptedResponse& s) { s.encoding = ""; s.headers.emplace_back("Content-Encoding", "gzip"); }},
      {"body shorter than Content-Length", [](ScriptedResponse& s) { s.encoding = ""; s.close_after = s.body.size() / 2; }},
      {"chunked body without its last chunk", [](ScriptedResponse& s) { s.encoding = ""; s.chunked = true; s.close_after = s.body.size() / 2; }},
      {"gzip, chunked, without its last chunk", [](ScriptedResponse& s) { s.chunked = true; s.close_after = 60; }},
  };
  for (const auto& [name, fault] : faults) {
    SECTION(name + " (the last month's CSV)") {
      const auto r = check_with(kLastMonth, fault);
      INFO(r.raw.substr(0, 3000));
      CHECK(r.exit_code == 1);  // the other items were not submitted, so 1 in any case: the verdict tells
      CHECK(r.item_verdict == "unverified");
      for (const auto& v : r.requirement_verdicts) CHECK(v != "fail");
    }
    SECTION(name + " (the submitted page)") {
      const auto r = check_with("index.html", fault);
      INFO(r.raw.substr(0, 3000));
      CHECK(r.exit_code == 1);  // the other items were not submitted, so 1 in any case: the verdict tells
      CHECK(r.item_verdict == "unverified");
      for (const auto& v : r.requirement_verdicts) CHECK(v != "fail");
    }
  }
}
