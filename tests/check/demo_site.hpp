#pragma once
// The demo district site for tests: every rule fixture materialized and served by nginx on
// 127.0.0.1 (scripts/demo-site/), with real network faults where a fixture simulates one.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "check/pipeline.hpp"
#include "ruletools/fixtures.hpp"
#include "fetch/fetch_options.hpp"
#include "score/framework_loader.hpp"

namespace oitscan::test {

namespace fs = std::filesystem;


const fs::path kSource = OITSCAN_TEST_SOURCE_DIR;

inline int free_port() {
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
  std::vector<ruletools::FixtureCase> cases;
  SilentServer silent;

  DemoSite() {
    fs::remove_all(work);
    std::vector<InputError> problems;
    cases = ruletools::load_fixtures(*rules, problems);
    fs::create_directories(work / "nginx" / "faults");
    std::ofstream faults(work / "nginx" / "faults" / "fixtures.conf");
    for (const auto& c : cases) {
      const fs::path dir = work / "site" / c.item / c.name;
      fs::create_directories(dir);
      ruletools::materialize_case(c, cases, dir);
      for (const auto& [path, fault] : c.fetch) {
        const std::string outcome(fetch::to_string(fault));
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
    // nginx removes its pid file as it quits, possibly while we walk the folder: never throw here.
    std::error_code ec;
    for (int attempt = 0; attempt < 5 && fs::exists(work, ec); ++attempt) fs::remove_all(work, ec);
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
  std::string url_for(const ruletools::FixtureCase& c, const std::string& submitted) const {
    const bool offsite = submitted.rfind("offsite:", 0) == 0;
    const std::string path = offsite ? submitted.substr(8) : submitted;
    const std::string tail = c.item + "/" + c.name + "/" + path;
    auto fault = c.fetch.find(path);
    if (fault != c.fetch.end()) {
      const std::string o(fetch::to_string(fault->second));
      if (o == "timeout") return "http://127.0.0.1:" + std::to_string(silent.port) + "/" + tail;
      // A 64-character label: the C library refuses the name before asking any DNS server.
      if (o == "dns-error") return "http://" + std::string(64, 'x') + ".invalid/" + tail;
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

}  // namespace oitscan::test
