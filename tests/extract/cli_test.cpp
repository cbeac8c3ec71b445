// `oitscan extract` end to end: the binary, its JSON, its exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "extract/fixtures.hpp"

namespace {

std::pair<int, std::string> run(const std::string& args) {
  const std::string cmd = std::string(OITSCAN_BINARY) + " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p.get())) out.append(buf, n);
  const int status = pclose(p.release());
  return {WEXITSTATUS(status), out};
}

}  // namespace

TEST_CASE("oitscan extract FILE --json prints the contract fields", "[extract][cli]") {
  const auto [code, out] = run("extract --json --no-ocr " + oitscan::test::fixture_path("budget.xlsx"));
  CHECK(code == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["schema"] == "oitscan.extract/1");
  CHECK(j["format"] == "xlsx");
  CHECK(j["machine_readable"] == true);
  CHECK(j["text_source"] == "markup");
  CHECK(j["declared_type"] == "");
  CHECK(j["pages"].size() == 1);
  CHECK(j["text"].get<std::string>().find("ผ่านดีเยี่ยม") != std::string::npos);
  CHECK(j["links"].is_array());
  REQUIRE(j["dates"].size() == 10);
  CHECK(j["dates"][0]["kind"] == "day");
  CHECK(j["dates"][0]["iso"] == "2025-03-31");
  CHECK(j["dates"][0]["matched"] == "2025-03-31");
}

TEST_CASE("oitscan extract: declared type, bounded failure exit 1, unusable input exit 2", "[extract][cli]") {
  const auto [code, out] =
      run("extract --json --declared-type 'text/html; charset=utf-8' " + oitscan::test::fixture_path("thai-order.docx"));
  CHECK(code == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["format"] == "docx");
  CHECK(j["declared_format"] == "html");
  CHECK(j["format_mismatch"] == true);
  CHECK(j["links"][0]["anchor_text"] == "คำสั่งสำนักงานเขตลาดกระบัง");
  CHECK(run("extract " + oitscan::test::fixture_path("bomb.docx")).first == 1);
  CHECK(run("extract /no/such/file.pdf").first == 2);
  // A URL goes through the fetch engine: here the address guard refuses loopback (exit 1: the
  // document could not be read). --resolve keeps any DNS server out of it.
  CHECK(run("extract https://www.example.go.th/a.pdf --resolve www.example.go.th:443:127.0.0.1").first == 1);
  CHECK(run("extract ftp://www.example.go.th/a.pdf").first == 2);
}

TEST_CASE("oitscan extract with several files prints one JSON object per line", "[extract][cli]") {
  const auto [code, out] = run("extract --json --no-ocr " + oitscan::test::fixture_path("budget.csv") + " " +
                               oitscan::test::fixture_path("bomb.docx"));
  CHECK(code == 1);  // one of them hit a limit
  const auto nl = out.find('\n');
  REQUIRE(nl != std::string::npos);
  const auto first = nlohmann::json::parse(out.substr(0, nl));
  const auto second = nlohmann::json::parse(out.substr(nl + 1));
  CHECK(first["format"] == "csv");
  CHECK(first["file"].get<std::string>().find("budget.csv") != std::string::npos);
  CHECK(second["outcome"] == "limit-exceeded");
}
