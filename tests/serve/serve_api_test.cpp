// `oitscan serve` over real HTTP: a real server process checking the demo district site (nginx on
// 127.0.0.1). The API contract (202 + Location, polling, the event stream, 400 naming line and
// field, 429 + Retry-After), a restart in the middle of a check, and the security rules (CSRF,
// sessions, captures served inert, the SSRF guard for typed-in URLs, escaping).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <regex>

#include "check/demo_site.hpp"
#include "serve_process.hpp"

namespace fs = std::filesystem;
using namespace oitscan;
using oitscan::test::DemoSite;
using oitscan::test::HttpResult;
using oitscan::test::ServeProcess;
namespace http = boost::beast::http;

namespace {

DemoSite& site() {
  static DemoSite s;
  return s;
}

fs::path scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("oitscan-serve-test-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// The serve arguments that let it reach the demo site (loopback, names resolved to 127.0.0.1).
std::vector<std::string> demo_args(const std::string& name, bool allow_private = true) {
  std::vector<std::string> a = {"--db", (scratch() / (name + ".sqlite")).string(), "--out", (scratch() / (name + "-out")).string(),
                                "--timeout", "4", "--drain", "0"};
  if (allow_private) a.push_back("--allow-private");
  for (const char* h : {"www.bangna-demo.test", "files.bangna-demo.test", "soft404.bangna-demo.test", "login.bangna-demo.test"}) {
    a.push_back("--resolve");
    a.push_back(std::string(h) + ":" + std::to_string(site().port) + ":127.0.0.1");
  }
  return a;
}

// The demo submission (every item's passing fixture) as the JSON form of the YAML shape.
nlohmann::json demo_submission(const std::string& unit = "bangna-demo") {
  DemoSite& s = site();
  nlohmann::json j;
  j["unit"] = {{"id", unit}, {"name_th", "สำนักงานเขตบางนา (ตัวอย่าง)"}, {"website", s.website()}};
  j["framework"] = "bma-district-2568";
  for (const auto& c : s.cases) {
    if (c.name == "pass") j["items"][c.item].push_back(s.url_for(c, "index.html"));
  }
  return j;
}

HttpResult post_json(int port, const std::string& target, const nlohmann::json& body, std::map<std::string, std::string> headers = {}) {
  headers["Content-Type"] = "application/json";
  return test::http_request(port, http::verb::post, target, body.dump(), headers);
}

nlohmann::json wait_done(int port, const std::string& id, std::chrono::seconds limit = std::chrono::seconds(240)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto job = test::get(port, "/api/checks/" + id).json();
    if (job["status"] == "done" || job["status"] == "failed") return job;
    if (std::chrono::steady_clock::now() > until) FAIL("check " << id << " did not finish: " << job.dump());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

ServeProcess& main_server() {
  static ServeProcess p(demo_args("main"), test::free_port(), scratch() / "main.log");
  return p;
}

std::string cookie_pair(const HttpResult& r, const std::string& name) {
  std::smatch m;
  const std::string set = r.header("set-cookie");
  if (std::regex_search(set, m, std::regex(name + "=([0-9a-f]*)"))) return name + "=" + m[1].str();
  return "";
}

std::string multipart(const std::string& boundary, const std::map<std::string, std::string>& fields) {
  std::string b;
  for (const auto& [k, v] : fields) b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  return b + "--" + boundary + "--\r\n";
}

}  // namespace

TEST_CASE("serve: healthz, and a check of the demo site through the API passes every item", "[serve][http]") {
  const int port = main_server().port();
  const auto health = test::get(port, "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == "ok\n");

  const auto created = post_json(port, "/api/checks", demo_submission());
  REQUIRE(created.status == 202);
  const auto job = created.json();
  CHECK(job["schema"] == "oitscan.check-job/1");
  CHECK(job["status"] == "queued");
  CHECK(job["unit"] == "bangna-demo");
  const std::string id = job["id"];
  CHECK(created.header("location") == "/api/checks/" + id);

  // The event stream: progress events, then exactly one done.
  const auto events = test::get(port, "/api/checks/" + id + "/events");
  CHECK(events.status == 200);
  CHECK(events.header("content-type").rfind("text/event-stream", 0) == 0);
  CHECK(events.body.find("event: progress") != std::string::npos);
  CHECK(events.body.find("event: done") != std::string::npos);
  CHECK(events.body.find("event: done") > events.body.find("event: progress"));

  const auto done = wait_done(port, id);
  REQUIRE(done["status"] == "done");
  CHECK(done["progress"]["items_done"] == 22);
  CHECK(done["progress"]["items_total"] == 22);
  CHECK(done["progress"]["documents_done"].get<int>() >= 22);
  const auto& results = done["results"];
  CHECK(results["schema"] == "oitscan.results/1");
  REQUIRE(results["items"].size() == 22);
  for (const auto& item : results["items"]) {
    INFO(item["id"]);
    CHECK(item["verdict"] == "pass");
  }
  CHECK(results["score"]["oit"].get<double>() == 100.0);

  // The report page and the downloads.
  const auto page = test::get(port, "/checks/" + id);
  CHECK(page.status == 200);
  CHECK(page.body.find("ผ่าน") != std::string::npos);
  CHECK(page.body.find("id=\"oit-score\">100.00<") != std::string::npos);
  const auto results_file = test::get(port, "/checks/" + id + "/results.json");
  CHECK(results_file.status == 200);
  CHECK(nlohmann::json::parse(results_file.body)["unit"]["id"] == "bangna-demo");
  const auto warc = test::get(port, "/checks/" + id + "/evidence.warc.gz");
  CHECK(warc.status == 200);
  CHECK(warc.body.substr(0, 2) == std::string("\x1f\x8b"));
  CHECK(test::get(port, "/units/bangna-demo").body.find("/checks/" + id) != std::string::npos);
  CHECK(test::get(port, "/api/checks/0123456789abcdef0123456789abcdef").status == 404);
}

TEST_CASE("serve: bad submissions are answered 400 naming the line and the field", "[serve][http]") {
  const int port = main_server().port();
  const std::string yaml =
      "unit:\n  id: bangna\n  name_th: x\n  website: https://www.example.go.th/\nframework: bma-district-2568\nitems:\n"
      "  O1: [https://www.example.go.th/a]\n  O23: [https://www.example.go.th/b]\n";
  const auto r = test::http_request(port, http::verb::post, "/api/checks", yaml, {{"Content-Type", "application/yaml"}});
  REQUIRE(r.status == 400);
  const auto e = r.json();
  CHECK(e["schema"] == "oitscan.error/1");
  CHECK(e["error"]["field"] == "items.O23");
  CHECK(e["error"]["line"] == 8);
  CHECK_FALSE(e["error"]["message_th"].get<std::string>().empty());
  CHECK_FALSE(e["error"]["message_en"].get<std::string>().empty());

  const auto csv = test::http_request(port, http::verb::post, "/api/checks",
                                      "unit_id,unit_name_th,website,framework,item,url\nBad Id,x,https://a.example/,bma-district-2568,O1,https://a.example/x\n",
                                      {{"Content-Type", "text/csv"}});
  CHECK(csv.status == 400);
  CHECK(csv.json()["error"]["line"] == 2);
  const auto other = test::http_request(port, http::verb::post, "/api/checks", "x", {{"Content-Type", "text/plain"}});
  CHECK(other.status == 415);
}

TEST_CASE("serve: a private address typed into a submission is refused unless the service allows it", "[serve][http][security]") {
  ServeProcess guarded(demo_args("guarded", false), test::free_port(), scratch() / "guarded.log");
  auto sub = demo_submission();
  sub["items"]["O3"] = {"http://127.0.0.1:" + std::to_string(site().port) + "/demo/O3/pass/index.html"};
  const auto r = post_json(guarded.port(), "/api/checks", sub);
  REQUIRE(r.status == 400);
  CHECK(r.json()["error"]["field"] == "items.O3[0]");
  CHECK(r.json()["error"]["message_en"].get<std::string>().find("loopback") != std::string::npos);
  for (const char* url : {"http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data/"}) {
    sub["items"]["O3"] = {url};
    INFO(url);
    CHECK(post_json(guarded.port(), "/api/checks", sub).status == 400);
  }
  // The same submission is accepted by the test server, which was started with --allow-private.
  sub["items"]["O3"] = {"http://127.0.0.1:" + std::to_string(site().port) + "/demo/O3/pass/index.html"};
  CHECK(post_json(main_server().port(), "/api/checks", sub, {}).status == 202);
}

TEST_CASE("serve: a flood of submissions is answered 429 with Retry-After", "[serve][http][security]") {
  auto args = demo_args("flood");
  for (const char* a : {"--workers", "1", "--queue", "2", "--per-client", "100"}) args.push_back(a);
  ServeProcess flood(args, test::free_port(), scratch() / "flood.log");
  int accepted = 0, refused = 0;
  for (int i = 0; i < 8; ++i) {
    const auto r = post_json(flood.port(), "/api/checks", demo_submission("flood-" + std::to_string(i)));
    if (r.status == 202) ++accepted;
    if (r.status == 429) {
      ++refused;
      CHECK(std::stoi(r.header("retry-after")) > 0);
      CHECK(r.json()["schema"] == "oitscan.error/1");
    }
  }
  CHECK(accepted >= 2);
  CHECK(accepted <= 3);  // one running, two queued
  CHECK(refused == 8 - accepted);
}

TEST_CASE("serve: a restart in the middle of a check loses nothing and finishes it", "[serve][http]") {
  auto args = demo_args("restart");
  for (const char* a : {"--workers", "1"}) args.push_back(a);
  const int port = test::free_port();
  std::string id;
  auto sub = demo_submission("restart-demo");
  // A link that answers nothing keeps the check busy for the whole --timeout.
  sub["items"]["O1"].push_back("http://127.0.0.1:" + std::to_string(site().silent.port) + "/slow");
  {
    ServeProcess first(args, port, scratch() / "restart-1.log");
    const auto created = post_json(port, "/api/checks", sub);
    REQUIRE(created.status == 202);
    id = created.json()["id"];
    for (int i = 0; i < 100 && test::get(port, "/api/checks/" + id).json()["status"] != "running"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(test::get(port, "/api/checks/" + id).json()["status"] == "running");
    CHECK(first.stop(SIGTERM) == 0);  // clean exit, the running check handed back
  }
  std::ifstream log(scratch() / "restart-1.log");
  const std::string first_log((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK(first_log.find("1 running checks handed back") != std::string::npos);

  ServeProcess second(args, port, scratch() / "restart-2.log");
  const auto done = wait_done(port, id);
  REQUIRE(done["status"] == "done");
  REQUIRE(done["results"]["items"].size() == 22);
  for (const auto& item : done["results"]["items"]) {
    if (item["id"] != "O1") CHECK(item["verdict"] == "pass");
  }
  // The second process took it up from the database.
  std::ifstream log2(scratch() / "restart-2.log");
  const std::string second_log((std::istreambuf_iterator<char>(log2)), std::istreambuf_iterator<char>());
  CHECK(second_log.find("resuming 1 unfinished checks") != std::string::npos);
  CHECK(done["progress"]["items_done"] == 22);
}

TEST_CASE("serve: forms need their CSRF token, overrides a session, captures are served inert", "[serve][http][security]") {
  const int port = main_server().port();
  // Every page: a strict CSP (no inline script), nosniff, and the visitor's CSRF cookie.
  const auto home = test::get(port, "/");
  REQUIRE(home.status == 200);
  const std::string csp = home.header("content-security-policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(home.header("x-content-type-options") == "nosniff");
  CHECK(home.body.find("<script>") == std::string::npos);
  CHECK(home.body.find("O22") != std::string::npos);
  const std::string csrf_cookie = cookie_pair(home, "oitscan_csrf");
  REQUIRE_FALSE(csrf_cookie.empty());
  CHECK(home.header("set-cookie").find("HttpOnly") != std::string::npos);
  CHECK(home.header("set-cookie").find("SameSite=Strict") != std::string::npos);
  const std::string token = csrf_cookie.substr(csrf_cookie.find('=') + 1);

  // The self-check form: refused without the token, accepted with it.
  const std::string boundary = "b0undary";
  std::map<std::string, std::string> fields = {{"unit_id", "csrf-demo"},
                                               {"name_th", "<img src=x onerror=alert(1)>"},
                                               {"website", site().website()},
                                               {"O1", site().website() + "O1/pass/index.html"}};
  const std::map<std::string, std::string> form_headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                                                           {"Cookie", csrf_cookie}};
  CHECK(test::http_request(port, http::verb::post, "/checks", multipart(boundary, fields), form_headers).status == 403);
  fields["csrf"] = std::string(64, 'a');
  CHECK(test::http_request(port, http::verb::post, "/checks", multipart(boundary, fields), form_headers).status == 403);
  fields["csrf"] = token;
  const auto posted = test::http_request(port, http::verb::post, "/checks", multipart(boundary, fields), form_headers);
  REQUIRE(posted.status == 303);
  const std::string id = posted.header("location").substr(std::string("/checks/").size());
  wait_done(port, id);
  // Untrusted text (the typed unit name, shown in the results) comes out escaped.
  const auto report = test::get(port, "/checks/" + id);
  CHECK(report.body.find("<img src=x") == std::string::npos);

  // Overrides: 401 without a session.
  CHECK(post_json(port, "/api/overrides", {{"unit", "bangna-demo"}, {"item", "O1"}, {"verdict", "pass"}, {"why", "x"}}).status == 401);

  // An auditor, created by the CLI with the password on stdin, logs in.
  const std::string db = (scratch() / "main.sqlite").string();
  const std::string add = std::string("printf 'correct horse battery\\n' | '") + OITSCAN_BINARY + "' auditor add auditor-a --db '" + db + "'";
  REQUIRE(std::system(add.c_str()) == 0);
  const std::string login_body = "name=auditor-a&password=correct+horse+battery&csrf=" + token;
  const std::map<std::string, std::string> login_headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", csrf_cookie}};
  CHECK(test::http_request(port, http::verb::post, "/login", "name=auditor-a&password=wrong&csrf=" + token, login_headers).status == 401);
  CHECK(test::http_request(port, http::verb::post, "/login", "name=auditor-a&password=correct+horse+battery", login_headers).status != 303);
  const auto login = test::http_request(port, http::verb::post, "/login", login_body, login_headers);
  REQUIRE(login.status == 303);
  const std::string session = cookie_pair(login, "oitscan_session");
  REQUIRE(session.size() == std::string("oitscan_session=").size() + 64);
  CHECK(login.header("set-cookie").find("HttpOnly; SameSite=Strict") != std::string::npos);

  // A capture of a page that carries a script: served as captured, with a sandbox CSP and nosniff.
  const fs::path evil = site().work / "site" / "O1" / "evil";
  fs::create_directories(evil);
  std::ofstream(evil / "index.html") << "<html><head><title>ประกาศ</title></head><body><h1>ประกาศ</h1>"
                                        "<script>document.title='pwned'; fetch('/api/overrides', {method: 'POST'});</script></body></html>";
  auto sub = demo_submission("capture-demo");
  sub["items"]["O1"] = {site().website() + "O1/evil/index.html"};
  const auto created = post_json(port, "/api/checks", sub);
  REQUIRE(created.status == 202);
  const auto done = wait_done(port, created.json()["id"]);
  REQUIRE(done["status"] == "done");
  std::string record;
  for (const auto& item : done["results"]["items"]) {
    if (item["id"] != "O1") continue;
    for (const auto& r : item["requirements"]) {
      for (const auto& e : r["evidence"]) {
        if (e["url"].get<std::string>().find("evil") != std::string::npos && e["warc_record_id"].is_string()) record = e["warc_record_id"];
      }
    }
  }
  REQUIRE_FALSE(record.empty());
  std::string encoded;
  for (char c : record) encoded += c == '<' ? "%3C" : c == '>' ? "%3E" : std::string(1, c);
  const auto anonymous = test::get(port, "/captures/" + encoded);
  CHECK(anonymous.status == 303);
  CHECK(anonymous.header("location").rfind("/login", 0) == 0);
  const auto capture = test::get(port, "/captures/" + encoded, {{"Cookie", session}});
  REQUIRE(capture.status == 200);
  CHECK(capture.header("content-security-policy") == "sandbox");
  CHECK(capture.header("x-content-type-options") == "nosniff");
  CHECK(capture.body.find("<script>document.title='pwned'") != std::string::npos);  // as captured ...
  CHECK(capture.header("content-type").rfind("text/html", 0) == 0);                // ... and inert: sandboxed
  CHECK(test::get(port, "/captures/%3Curn:uuid:00000000-0000-0000-0000-000000000000%3E", {{"Cookie", session}}).status == 404);

  // An auditor's decision: 201, kept with who, when, why and the machine's verdict, and the score
  // of the check follows it.
  const std::string capture_job = created.json()["id"];
  const double before = done["results"]["score"]["oit"].get<double>();
  std::string o1_verdict;
  for (const auto& item : done["results"]["items"]) {
    if (item["id"] == "O1") o1_verdict = item["verdict"];
  }
  REQUIRE(o1_verdict != "pass");
  std::smatch m;
  const std::string session_page = test::get(port, "/", {{"Cookie", session}}).body;
  REQUIRE(std::regex_search(session_page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
  const std::string session_csrf = m[1];
  const auto decided = post_json(port, "/api/overrides",
                                 {{"unit", "capture-demo"}, {"item", "O1"}, {"verdict", "pass"}, {"why", "ตรวจด้วยตนเองแล้ว เอกสารครบ"}},
                                 {{"Cookie", session}, {"X-CSRF-Token", session_csrf}});
  REQUIRE(decided.status == 201);
  CHECK(decided.json()["by"] == "auditor-a");
  CHECK(decided.json()["machine_verdict"] == o1_verdict);
  const auto after = test::get(port, "/api/checks/" + capture_job).json()["results"];
  for (const auto& item : after["items"]) {
    if (item["id"] != "O1") continue;
    CHECK(item["verdict"] == "pass");
    CHECK(item["machine_verdict"] == o1_verdict);
    CHECK(item["override"]["by"] == "auditor-a");
    CHECK(item["override"]["why"] == "ตรวจด้วยตนเองแล้ว เอกสารครบ");
  }
  CHECK(after["score"]["oit"].get<double>() > before);
  CHECK(test::get(port, "/checks/" + capture_job, {{"Cookie", session}}).body.find("ตรวจด้วยตนเองแล้ว เอกสารครบ") != std::string::npos);
  // A decision without a reason is refused, naming the field.
  const auto no_reason = post_json(port, "/api/overrides", {{"unit", "capture-demo"}, {"item", "O1"}, {"verdict", "pass"}, {"why", ""}},
                                   {{"Cookie", session}, {"X-CSRF-Token", session_csrf}});
  CHECK(no_reason.status == 400);
  CHECK(no_reason.json()["error"]["field"] == "why");

  // With a session, a bad CSRF token is 403.
  CHECK(post_json(port, "/api/overrides", {{"unit", "bangna-demo"}, {"item", "O1"}, {"verdict", "pass"}, {"why", "x"}},
                  {{"Cookie", session}, {"X-CSRF-Token", std::string(64, 'b')}})
            .status == 403);
}

TEST_CASE("serve: the live dashboard, a unit's nightly runs, CSV and XLSX downloads", "[serve][http]") {
  // A nightly scan of the unit first, into the database the service then opens.
  const fs::path db = scratch() / "nightly.sqlite";
  const fs::path submission = scratch() / "nightly-demo.yaml";
  std::ofstream(submission) << demo_submission("nightly-demo").dump(2);  // JSON is YAML
  const auto args = demo_args("nightly");
  std::string scan = std::string("'") + OITSCAN_BINARY + "' scan '" + submission.string() + "' --db '" + db.string() + "' --out '" +
                     (scratch() / "nightly-scan").string() + "' --quiet --timeout 4 --allow-private";
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--resolve") scan += " --resolve " + args[i + 1];
  }
  scan += " > '" + (scratch() / "nightly-scan.log").string() + "' 2>&1";
  REQUIRE(std::system(scan.c_str()) == 0);

  ServeProcess server(args, test::free_port(), scratch() / "nightly.log");
  const int port = server.port();
  // Then a self-check of the same unit through the service.
  const auto created = post_json(port, "/api/checks", demo_submission("nightly-demo"));
  REQUIRE(created.status == 202);
  const std::string id = created.json()["id"];
  REQUIRE(wait_done(port, id)["status"] == "done");

  // An auditor overrules the machine on O2 (which passed) for the unit's latest run.
  const std::string add = std::string("printf 'correct horse battery\\n' | '") + OITSCAN_BINARY + "' auditor add auditor-n --db '" + db.string() + "'";
  REQUIRE(std::system(add.c_str()) == 0);
  const auto home = test::get(port, "/");
  const std::string csrf_cookie = cookie_pair(home, "oitscan_csrf");
  const std::string token = csrf_cookie.substr(csrf_cookie.find('=') + 1);
  const auto login = test::http_request(port, http::verb::post, "/login", "name=auditor-n&password=correct+horse+battery&csrf=" + token,
                                        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", csrf_cookie}});
  REQUIRE(login.status == 303);
  const std::string session = cookie_pair(login, "oitscan_session");
  std::smatch m;
  const std::string session_page = test::get(port, "/", {{"Cookie", session}}).body;
  REQUIRE(std::regex_search(session_page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
  const std::string session_csrf = m[1];
  const auto decided = post_json(port, "/api/overrides",
                                 {{"unit", "nightly-demo"}, {"item", "O2"}, {"verdict", "fail"}, {"why", "เอกสารหมดอายุ ตรวจแล้ว"}},
                                 {{"Cookie", session}, {"X-CSRF-Token", session_csrf}});
  REQUIRE(decided.status == 201);

  // The unit page lists the nightly run beside the self-check.
  const auto unit = test::get(port, "/units/nightly-demo");
  REQUIRE(unit.status == 200);
  CHECK(unit.body.find("/checks/" + id) != std::string::npos);
  REQUIRE(unit.body.find("id=\"nightly-runs\"") != std::string::npos);
  CHECK(unit.body.find("class=\"nightly-run\"") != std::string::npos);
  CHECK(test::get(port, "/units/no-such-unit").body.find("class=\"nightly-run\"") == std::string::npos);

  // The dashboard, live: the unit, its O2 cell marked as a human decision, links to the service's
  // pages, its own CSP allowing exactly the page's inline style and sort script by hash.
  const auto dashboard = test::get(port, "/dashboard");
  REQUIRE(dashboard.status == 200);
  CHECK(dashboard.header("content-type").rfind("text/html", 0) == 0);
  CHECK(dashboard.body.find("nightly-demo") != std::string::npos);
  CHECK(dashboard.body.find("href=\"/units/nightly-demo#O2\"") != std::string::npos);
  CHECK(dashboard.body.find("report.html") == std::string::npos);
  CHECK(std::regex_search(dashboard.body, std::regex("<td class=\"cell fail overridden\" data-value=\"fail\"><a href=\"/units/nightly-demo#O2\"")));
  const std::string csp = dashboard.header("content-security-policy");
  CHECK(csp.find("script-src 'sha256-") != std::string::npos);
  CHECK(csp.find("style-src 'sha256-") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  // Another page keeps the strict policy without the dashboard's hashes.
  CHECK(test::get(port, "/").header("content-security-policy").find("sha256") == std::string::npos);

  // Downloads of the finished check, through the export code.
  const auto csv = test::get(port, "/checks/" + id + "/results.csv");
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
  CHECK(csv.header("content-disposition") == "attachment; filename=\"nightly-demo-oit.csv\"");
  CHECK(csv.body.rfind("\xEF\xBB\xBF" "unit_id,unit_name_th,framework,run_id,checked_at,item,item_verdict,requirement,verdict,reason,"
                       "message_th,message_en,fix_th,fix_en,evidence_urls,override_verdict,override_by,override_why",
                       0) == 0);
  CHECK(csv.body.find("auditor-n") != std::string::npos);
  CHECK(csv.body.find("เอกสารหมดอายุ ตรวจแล้ว") != std::string::npos);
  const auto xlsx = test::get(port, "/checks/" + id + "/results.xlsx");
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(xlsx.header("content-disposition") == "attachment; filename=\"nightly-demo-oit.xlsx\"");
  REQUIRE(xlsx.body.substr(0, 2) == "PK");
  const fs::path workbook = scratch() / "download.xlsx";
  std::ofstream(workbook, std::ios::binary) << xlsx.body;
  const std::string open = "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                           "sys.exit(0 if wb['details'].max_row > 22 else 1)\" '" + workbook.string() + "'";
  CHECK(std::system(open.c_str()) == 0);
  CHECK(test::get(port, "/checks/0123456789abcdef0123456789abcdef/results.csv").status == 404);
  // The check page offers them.
  CHECK(test::get(port, "/checks/" + id).body.find("/checks/" + id + "/results.xlsx") != std::string::npos);
}
