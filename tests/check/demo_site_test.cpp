// Acceptance over real HTTP: the rule fixtures served by nginx on 127.0.0.1 as the demo district
// site. The whole demo submission passes every item; every planted defect (each failing fixture
// case) makes its item fail with the expected reason; network-class faults (timeout, DNS,
// connection, 429) are real faults here, and give `unverified`.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "archive/warc_reader.hpp"
#include "check/evidence_archive.hpp"
#include "check/http_source.hpp"
#include "check/offline_source.hpp"
#include "check/pipeline.hpp"
#include "evaluate/fixtures.hpp"
#include "score/framework_loader.hpp"

namespace fs = std::filesystem;
using namespace oitscan;

namespace {

const fs::path kSource = OITSCAN_TEST_SOURCE_DIR;

int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

// A socket that accepts connections (the kernel does, from the backlog) and never answers.
struct SilentServer {
  int fd = -1;
  int port = 0;
  SilentServer() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~SilentServer() { ::close(fd); }
};

struct DemoSite {
  fs::path work = fs::temp_directory_path() / ("oitscan-demo-" + std::to_string(::getpid()));
  int port = free_port();
  std::unique_ptr<evaluate::RuleSet> rules = evaluate::load_rule_set(kSource / "rules" / "bma-district-2568");
  score::Framework framework = score::load_framework(rules->framework, kSource / "rules" / "frameworks");
  std::vector<evaluate::FixtureCase> cases;
  SilentServer silent;

  DemoSite() {
    fs::remove_all(work);
    std::vector<InputError> problems;
    cases = evaluate::load_fixtures(*rules, problems);
    fs::create_directories(work / "nginx" / "faults");
    std::ofstream faults(work / "nginx" / "faults" / "fixtures.conf");
    for (const auto& c : cases) {
      const fs::path dir = work / "site" / c.item / c.name;
      fs::create_directories(dir);
      evaluate::materialize_case(c, cases, dir);
      for (const auto& [path, outcome] : c.fetch) {
        const bool submitted = std::find(c.submitted.begin(), c.submitted.end(), path) != c.submitted.end();
        const std::string location = "location = /demo/" + c.item + "/" + c.name + "/" + path;
        if (outcome == "http-error") fs::remove(dir / path);  // a real 404
        else if (submitted) continue;                           // the submitted URL itself is redirected to a fault (url_for)
        else if (outcome == "timeout") faults << location << " { proxy_pass http://127.0.0.1:" << silent.port << "; proxy_read_timeout 300s; }\n";
        else if (outcome == "rate-limited") faults << location << " { add_header Retry-After 3600 always; return 429; }\n";
        else faults << location << " { return 502; }\n";  // connect/TLS/DNS trouble upstream
      }
    }
    faults.close();
    const std::string cmd = "bash '" + (kSource / "scripts/demo-site/serve.sh").string() + "' start '" + (work / "nginx").string() +
                            "' " + std::to_string(port) + " '" + (work / "site").string() + "'";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("nginx did not start: " + cmd);
  }
  ~DemoSite() {
    const std::string cmd = "bash '" + (kSource / "scripts/demo-site/serve.sh").string() + "' stop '" + (work / "nginx").string() + "'";
    [[maybe_unused]] int rc = std::system(cmd.c_str());
    fs::remove_all(work);
  }

  std::string host_url(const std::string& host) const { return "http://" + host + ":" + std::to_string(port); }
  std::string website() const { return host_url("www.bangna-demo.test") + "/demo/"; }

  fetch::FetchOptions fetch_options() const {
    fetch::FetchOptions o;
    o.allow_private = true;
    for (const char* h : {"www.bangna-demo.test", "files.bangna-demo.test", "soft404.bangna-demo.test", "login.bangna-demo.test"}) {
      o.resolve.push_back(std::string(h) + ":" + std::to_string(port) + ":127.0.0.1");
    }
    o.total_timeout = std::chrono::milliseconds(3000);
    o.connect_timeout = std::chrono::milliseconds(2000);
    o.max_retries = 0;
    return o;
  }

  // The URL a fixture's submitted path stands for, with a simulated fetch turned into a real fault.
  std::string url_for(const evaluate::FixtureCase& c, const std::string& submitted) const {
    const bool offsite = submitted.rfind("offsite:", 0) == 0;
    const std::string path = offsite ? submitted.substr(8) : submitted;
    const std::string tail = c.item + "/" + c.name + "/" + path;
    auto fault = c.fetch.find(path);
    if (fault != c.fetch.end()) {
      const std::string& o = fault->second;
      if (o == "timeout") return "http://127.0.0.1:" + std::to_string(silent.port) + "/" + tail;
      if (o == "dns-error") return "http://www.bangna-demo.invalid/" + tail;
      if (o == "connect-error") return "http://127.0.0.1:1/" + tail;
      if (o == "rate-limited") return host_url("www.bangna-demo.test") + "/status/429/" + tail;
      // TLS to a port that speaks plain HTTP: the handshake fails as with a broken certificate chain.
      if (o == "tls-error") return "https://www.bangna-demo.test:" + std::to_string(port) + "/demo/" + tail;
      if (o == "soft-404") return host_url("soft404.bangna-demo.test") + "/demo/" + tail;
      if (o == "interstitial") return host_url("login.bangna-demo.test") + "/demo/" + tail;
      // http-error: the file was removed from the served copy.
    }
    return host_url(offsite ? "files.bangna-demo.test" : "www.bangna-demo.test") + "/demo/" + tail;
  }
};

DemoSite& site() {
  static DemoSite s;
  return s;
}

}  // namespace

TEST_CASE("the demo site: every item of the demo submission passes over HTTP", "[demo][http]") {
  DemoSite& s = site();
  check::Submission sub;
  sub.unit_id = "bangna-demo";
  sub.name_th = "สำนักงานเขตบางนา (ตัวอย่าง)";
  sub.website = s.website();
  sub.framework = s.rules->framework;
  for (const auto& c : s.cases) {
    if (c.name == "pass") sub.items[c.item].push_back(s.url_for(c, "index.html"));
  }
  check::HttpSource source(s.fetch_options());
  const auto run = check::run_check(sub, source, *s.rules, s.framework, {});
  for (const auto& item : run->items) {
    INFO(item.item);
    for (const auto& r : item.requirements) {
      INFO(r.id << ": " << r.message.en << " (" << r.reason << ")");
      CHECK(r.verdict == evaluate::Verdict::Pass);
    }
    CHECK(item.verdict == evaluate::Verdict::Pass);
  }
  CHECK(run->items.size() == 22);
  CHECK(run->score["oit"].get<double>() == 100.0);
}

TEST_CASE("the demo site: every planted defect fails its item with the expected reason", "[demo][http]") {
  DemoSite& s = site();
  check::HttpSource source(s.fetch_options());
  int defects = 0, network = 0;
  for (const auto& c : s.cases) {
    if (c.name == "pass") continue;
    check::Submission sub;
    sub.unit_id = "bangna-demo";
    sub.website = s.website();
    sub.framework = s.rules->framework;
    for (const auto& p : c.submitted) sub.items[c.item].push_back(s.url_for(c, p));
    const auto run = check::run_check(sub, source, *s.rules, s.framework, {});
    const auto& item = *std::find_if(run->items.begin(), run->items.end(), [&](const auto& i) { return i.item == c.item; });
    bool any_unverified = false;
    for (const auto& [req_id, expected] : c.expect) {
      const auto& r = *std::find_if(item.requirements.begin(), item.requirements.end(), [&](const auto& x) { return x.id == req_id; });
      INFO(c.item << "/" << c.name << " " << req_id << ": " << r.message.en << " (" << r.reason << ")");
      CHECK(r.verdict == expected.verdict);
      if (!expected.reason.empty()) CHECK(r.reason == expected.reason);
      any_unverified = any_unverified || expected.verdict == evaluate::Verdict::Unverified;
    }
    INFO(c.item << "/" << c.name);
    CHECK(item.verdict != evaluate::Verdict::Pass);
    ++defects;
    network += any_unverified ? 1 : 0;
  }
  INFO("planted defects: " << defects << ", network-class: " << network);
  CHECK(defects >= 40);
  CHECK(network >= 3);
}

TEST_CASE("the demo site: evidence archived online is re-judged offline to the same verdicts", "[demo][http][offline]") {
  DemoSite& s = site();
  check::Submission sub;
  sub.unit_id = "bangna-demo";
  sub.website = s.website();
  sub.framework = s.rules->framework;
  for (const auto& c : s.cases) {
    if (c.name == "pass" || c.name == "missing-month") sub.items[c.item].push_back(s.url_for(c, "index.html"));
  }
  const fs::path warc = s.work / "evidence.warc.gz";
  std::unique_ptr<check::CheckRun> online;
  {
    check::EvidenceArchive archive(warc, "oitscan-test");
    check::HttpSource network(s.fetch_options());
    check::ArchivingSource source(network, archive);
    online = check::run_check(sub, source, *s.rules, s.framework, {});
    archive.record_conversions(online->records);
    archive.record_verdicts(*online);
  }
  // Every response the verdicts cite is in the archive, under the id results.json names.
  std::set<std::string> ids;
  archive::WarcReader reader(warc);
  while (auto rec = reader.next()) {
    ids.insert(rec->record_id());
    if (rec->type() == "response") CHECK(archive::verify_digests(*rec).ok());
  }
  std::size_t cited = 0;
  for (const auto& item : online->items) {
    for (const auto& r : item.requirements) {
      for (const auto& e : r.evidence) {
        if (e.doc->http_status <= 0) continue;
        INFO(e.doc->url);
        CHECK(ids.count(e.doc->warc_record_id) == 1);
        ++cited;
      }
    }
  }
  CHECK(cited > 20);
  // Offline: no request, same verdicts.
  check::OfflineSource offline_source({warc});
  const auto offline = check::run_check(sub, offline_source, *s.rules, s.framework, {});
  REQUIRE(offline->items.size() == online->items.size());
  for (std::size_t i = 0; i < online->items.size(); ++i) {
    INFO(online->items[i].item);
    CHECK(offline->items[i].verdict == online->items[i].verdict);
    for (std::size_t k = 0; k < online->items[i].requirements.size(); ++k) {
      CHECK(offline->items[i].requirements[k].reason == online->items[i].requirements[k].reason);
    }
  }
  // A URL never captured is unverified offline, not failed.
  check::Submission other = sub;
  other.items = {{"O15", {s.host_url("www.bangna-demo.test") + "/demo/O15/never-captured.html"}}};
  const auto unseen = check::run_check(other, offline_source, *s.rules, s.framework, {});
  for (const auto& item : unseen->items) {
    if (item.item == "O15") CHECK(item.verdict == evaluate::Verdict::Unverified);
  }
}
