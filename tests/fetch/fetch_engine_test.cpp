// Integration tests of the engine's interface against the scripted server: submitting from the
// callback (link following), duplicates after delivery, and the `oitscan fetch` command's
// output and exit codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "fetch/fetcher.hpp"
#include "fetch/engine_test_support.hpp"
#include "fetch/test_server.hpp"

using namespace oitscan::fetch;
using namespace oitscan::testing;

namespace {

const TlsFiles& test_tls() { return engine_test_tls(); }

FetchOptions local_options() {
  FetchOptions o;
  o.allow_private = true;
  o.soft404_probe = false;
  o.retry_base = std::chrono::milliseconds(20);
  return o;
}

ScriptedResponse reply(std::string body, std::vector<std::pair<std::string, std::string>> headers = {}, int delay_ms = 0) {
  ScriptedResponse r;
  r.body = std::move(body);
  r.headers = std::move(headers);
  r.delay_ms = delay_ms;
  return r;
}

struct CommandResult {
  int exit_code;
  std::string out;
};

CommandResult run_oitscan(const std::string& args) {
  const std::string cmd = std::string(OITSCAN_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("responses can submit follow-up requests (link following) in the same run", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/index", {reply("<a href=/doc1>1</a><a href=/doc2>2</a>", {{"Content-Type", "text/html"}})}},
                     {"", "/doc1", {reply("one")}},
                     {"", "/doc2", {reply("two")}}});
  auto fetcher = make_fetcher(local_options());
  fetcher->submit({base + "/index", 0});
  std::vector<std::string> bodies;
  fetcher->run([&](Response&& r) {
    REQUIRE(r.outcome == Outcome::ok);
    bodies.push_back(r.body);
    if (r.tag == 0) {
      fetcher->submit({base + "/doc1", 1});
      fetcher->submit({base + "/doc2", 2});
      fetcher->submit({base + "/index", 3});  // already delivered: metadata only, not fetched again
    }
  });
  REQUIRE(bodies.size() == 4);
  CHECK(std::count(bodies.begin(), bodies.end(), "one") == 1);
  CHECK(std::count(bodies.begin(), bodies.end(), "two") == 1);
  CHECK(server.hits("/index") == 1);
}

TEST_CASE("a duplicate submitted after delivery is reported without a second fetch", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.http_port()) + "/x";
  server.set_routes({{"", "/x", {reply("body")}}});
  auto fetcher = make_fetcher(local_options());
  fetcher->submit({url, 1});
  std::vector<Response> got;
  fetcher->run([&](Response&& r) {
    if (r.tag == 1) fetcher->submit({url, 2});
    got.push_back(std::move(r));
  });
  REQUIRE(got.size() == 2);
  CHECK(got[1].tag == 2);
  CHECK(got[1].duplicate);
  CHECK(got[1].outcome == Outcome::ok);
  CHECK(got[1].sha256 == got[0].sha256);
  CHECK(server.hits("/x") == 1);
}

TEST_CASE("digests and page checks give the same results on the loop thread and on the worker pool", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/doc", {reply("<html><body>เอกสาร</body></html>", {{"Content-Type", "text/html"}})}},
                     {"", "/wall", {reply("<html><input type=password></html>", {{"Content-Type", "text/html"}})}}});
  std::vector<std::vector<Response>> results;
  for (std::size_t workers : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
    FetchOptions o = local_options();
    o.worker_threads = workers;
    results.push_back(make_fetcher(o)->fetch_all({{base + "/doc", 0}, {base + "/wall", 1}}));
  }
  for (const auto& r : results) {
    REQUIRE(r.size() == 2);
    CHECK(r[0].outcome == Outcome::ok);
    CHECK(r[0].sha256 == results[0][0].sha256);
    CHECK(r[0].sha256.size() == 64);
    CHECK(r[1].outcome == Outcome::interstitial);
  }
}

TEST_CASE("proxy variables in the environment are ignored (the guard judges the site itself)", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.http_port()) + "/direct";
  server.set_routes({{"", "/direct", {reply("direct")}}});
  ::setenv("http_proxy", "http://127.0.0.1:1", 1);  // a dead proxy: using it would fail the fetch
  ::setenv("HTTPS_PROXY", "http://127.0.0.1:1", 1);
  auto out = make_fetcher(local_options())->fetch_all({{url, 0}});
  ::unsetenv("http_proxy");
  ::unsetenv("HTTPS_PROXY");
  REQUIRE(out.size() == 1);
  CHECK(out[0].outcome == Outcome::ok);
  CHECK(out[0].body == "direct");
}

TEST_CASE("a callback that throws leaves the engine destructible with transfers in flight", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/quick", {reply("q")}}, {"", "/slow", {reply("s", {}, 2000)}}});
  auto fetcher = make_fetcher(local_options());
  fetcher->submit({base + "/quick", 0});
  for (std::uint64_t i = 1; i <= 3; ++i) fetcher->submit({base + "/slow?i=" + std::to_string(i), i});
  CHECK_THROWS_AS(fetcher->run([](Response&&) { throw std::runtime_error("consumer failed"); }), std::runtime_error);
  fetcher.reset();  // must not crash, leak or hang (ASan build checks leaks)
  SUCCEED();
}

TEST_CASE("over the memory budget, no new transfer starts until bodies are released", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  ScriptedResponse big;  // 400 KB: 300 KB at once, then a pause, then the rest
  big.body = std::string(400'000, 'x');
  big.drip_bytes = 300'000;
  big.drip_interval_ms = 1200;
  ScriptedResponse small = reply("small", {}, 300);  // arrives once the big body is streaming
  server.set_routes({{"", "/big", {big}}, {"", "/small", {small}}, {"", "/next", {reply("next")}}});

  for (const std::size_t budget : {std::size_t{100'000}, std::size_t{64} << 20}) {
    FetchOptions o = local_options();
    o.memory_budget = budget;
    auto fetcher = make_fetcher(o);
    fetcher->submit({base + "/big", 1});
    fetcher->submit({base + "/small", 2});
    std::vector<std::uint64_t> order;
    fetcher->run([&](Response&& r) {
      REQUIRE(r.outcome == Outcome::ok);
      order.push_back(r.tag);
      if (r.tag == 2) fetcher->submit({base + "/next?b=" + std::to_string(budget), 3});
    });
    REQUIRE(order.size() == 3);
    CHECK(order[0] == 2);
    if (budget == 100'000) {
      CHECK(order[1] == 1);  // /next had to wait for the big body to finish
    } else {
      CHECK(order[1] == 3);  // with room to spare it overtakes the slow big body
    }
  }
}

ScriptedResponse stalling() { return stalling_response(); }

TEST_CASE("a spent run budget ends every queued and in-flight request at once", "[fetch][engine][budget]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/fast", {reply("fast")}}, {"", "*", {stalling()}}});
  for (std::size_t workers : {std::size_t{0}, std::size_t{1}}) {
    FetchOptions o = local_options();
    o.worker_threads = workers;
    o.total_timeout = std::chrono::milliseconds(10'000);
    o.run_budget = std::chrono::milliseconds(1500);
    auto fetcher = make_fetcher(o);
    std::vector<Request> requests;
    for (std::uint64_t i = 0; i < 10; ++i) requests.push_back({base + "/stall/" + std::to_string(i), i});
    const auto t0 = std::chrono::steady_clock::now();
    const auto out = fetcher->fetch_all(requests);
    const long took = ms_since(t0);
    CHECK(took >= 1400);
    CHECK(took < 3000);  // not 5 rounds of 10 s on two connections
    REQUIRE(out.size() == 10);
    for (const auto& r : out) {
      CHECK(r.outcome == Outcome::timeout);
      CHECK(r.error == kRunBudgetSpent);
      CHECK(r.url == requests[r.tag].url);
    }
    CHECK(server.requests().size() == 2);  // two connections per host: the queued eight never started

    // The next run of the same fetcher has its own budget.
    const auto again = fetcher->fetch_all({{base + "/fast", 0}});
    REQUIRE(again.size() == 1);
    CHECK(again[0].outcome == Outcome::ok);
    server.set_routes({{"", "/fast", {reply("fast")}}, {"", "*", {stalling()}}});
  }
}

TEST_CASE("a spent run budget also ends probes, robots.txt and what waits behind them", "[fetch][engine][budget]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "*", {stalling()}}});
  FetchOptions o = local_options();
  o.respect_robots = true;  // every request parked behind a robots.txt that never comes
  o.soft404_probe = true;
  o.total_timeout = std::chrono::milliseconds(10'000);
  o.run_budget = std::chrono::milliseconds(800);
  auto fetcher = make_fetcher(o);
  for (std::uint64_t i = 0; i < 4; ++i) fetcher->submit({base + "/ita/O" + std::to_string(i) + "/page.html", i});
  std::vector<Response> got;
  const auto t0 = std::chrono::steady_clock::now();
  fetcher->run([&](Response&& r) {
    // Submitted after the budget is spent: ends at once, without a request.
    if (r.tag == 0) fetcher->submit({base + "/late.html", 100});
    got.push_back(std::move(r));
  });
  CHECK(ms_since(t0) < 2500);
  REQUIRE(got.size() == 5);
  for (const auto& r : got) {
    CHECK(r.outcome == Outcome::timeout);
    CHECK(r.error == kRunBudgetSpent);
  }
  CHECK(server.hits("/late.html") == 0);
  CHECK(server.hits("/ita/O0/page.html") == 0);  // never got past robots.txt
}

TEST_CASE("a cancel flag set by another thread ends the run at once; the next run is not affected", "[fetch][engine][budget]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/fast", {reply("fast")}}, {"", "*", {stalling()}}});
  FetchOptions o = local_options();
  o.total_timeout = std::chrono::milliseconds(20'000);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  o.cancel = cancel;
  auto fetcher = make_fetcher(o);
  for (std::uint64_t i = 0; i < 4; ++i) fetcher->submit({base + "/stall/" + std::to_string(i), i});
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    *cancel = true;  // what a scale-out worker's heartbeat does when its lease is lost
  });
  std::vector<Response> got;
  const auto t0 = std::chrono::steady_clock::now();
  fetcher->run([&](Response&& r) { got.push_back(std::move(r)); });
  const auto took = ms_since(t0);
  canceller.join();
  CHECK(took >= 250);
  CHECK(took < 3000);  // not the 20 s the stalled transfers would take
  REQUIRE(got.size() == 4);
  for (const auto& r : got) {
    CHECK(r.outcome == Outcome::timeout);
    CHECK(r.error == kRunCancelled);
  }
  *cancel = false;
  const auto again = fetcher->fetch_all({{base + "/fast", 0}});
  REQUIRE(again.size() == 1);
  CHECK(again[0].outcome == Outcome::ok);
}

TEST_CASE("a run that ends inside its budget is not affected by it", "[fetch][engine][budget]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "*", {reply("page", {}, 50)}}});
  FetchOptions o = local_options();
  o.run_budget = std::chrono::milliseconds(300);
  auto fetcher = make_fetcher(o);
  for (int round = 0; round < 3; ++round) {  // a stale budget timer must not end a later run
    const auto out = fetcher->fetch_all({{base + "/a" + std::to_string(round), 0}, {base + "/b" + std::to_string(round), 1}});
    for (const auto& r : out) CHECK(r.outcome == Outcome::ok);
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
  }
}

TEST_CASE("fetch_all returns responses in request order", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/slow", {reply("slow", {}, 300)}}, {"", "/fast", {reply("fast")}}});
  auto fetcher = make_fetcher(local_options());
  auto out = fetcher->fetch_all({{base + "/slow", 70}, {base + "/fast", 71}});
  REQUIRE(out.size() == 2);
  CHECK(out[0].body == "slow");
  CHECK(out[0].tag == 70);
  CHECK(out[1].body == "fast");
}

TEST_CASE("fetch_all refuses a batch with a bad URL without queueing the rest", "[fetch][engine]") {
  TestServer server(test_tls());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.http_port());
  server.set_routes({{"", "/first", {reply("first")}}, {"", "/second", {reply("second")}}});
  auto fetcher = make_fetcher(local_options());
  CHECK_THROWS_AS(fetcher->fetch_all({{base + "/first", 0}, {"mailto:x@y", 1}}), std::invalid_argument);
  // The same fetcher is still clean: nothing of the refused batch is fetched later.
  auto out = fetcher->fetch_all({{base + "/second", 7}});
  REQUIRE(out.size() == 1);
  CHECK(out[0].tag == 7);
  CHECK(out[0].body == "second");
  CHECK(server.hits("/first") == 0);
}

TEST_CASE("invalid URLs and --resolve entries are rejected", "[fetch][engine]") {
  auto fetcher = make_fetcher(local_options());
  CHECK_THROWS_AS(fetcher->submit({"ftp://x/", 0}), std::invalid_argument);
  FetchOptions bad = local_options();
  bad.resolve = {"host-without-port"};
  CHECK_THROWS_AS(make_fetcher(bad), std::invalid_argument);
  bad.resolve = {"h:80:not-an-ip"};
  CHECK_THROWS_AS(make_fetcher(bad), std::invalid_argument);
  bad.resolve = {"h:80:[::1]", "h2:443:127.0.0.1,::1"};
  CHECK_NOTHROW(make_fetcher(bad));
}

TEST_CASE("oitscan fetch prints one JSON line per URL and exits 0 / 1 / 2", "[fetch][cli]") {
  TestServer server(test_tls());
  const std::string port = std::to_string(server.http_port());
  server.set_routes({{"", "/ok", {reply("fine", {{"Content-Type", "text/plain; charset=utf-8"}})}}});
  const std::string base = "http://127.0.0.1:" + port;

  auto all_ok = run_oitscan("fetch --json --allow-private " + base + "/ok");
  CHECK(all_ok.exit_code == 0);
  const auto line = nlohmann::json::parse(all_ok.out);
  for (const char* key : {"url", "final_url", "outcome", "http_status", "redirects", "bytes", "content_type", "elapsed_ms", "sha256"})
    CHECK(line.contains(key));
  CHECK(line["outcome"] == "ok");
  CHECK(line["bytes"] == 4);
  CHECK(line["content_type"] == "text/plain; charset=utf-8");

  auto mixed = run_oitscan("fetch --json --allow-private --retries 0 " + base + "/ok " + base + "/missing");
  CHECK(mixed.exit_code == 1);
  std::istringstream lines(mixed.out);
  std::string l;
  int n = 0;
  while (std::getline(lines, l)) {
    ++n;
    CHECK(nlohmann::json::parse(l).contains("outcome"));
  }
  CHECK(n == 2);

  // Default policy: loopback refused (exit 1, blocked-address), with nothing sent to the server.
  auto blocked = run_oitscan("fetch --json " + base + "/ok");
  CHECK(blocked.exit_code == 1);
  CHECK(nlohmann::json::parse(blocked.out)["outcome"] == "blocked-address");

  // --resolve maps a name onto the server.
  auto resolved = run_oitscan("fetch --json --allow-private --resolve district.test:" + port + ":127.0.0.1 http://district.test:" + port + "/ok");
  CHECK(resolved.exit_code == 0);

  CHECK(run_oitscan("fetch --json not-a-url").exit_code == 2);
  CHECK(run_oitscan("fetch --resolve nonsense http://a.test/").exit_code == 2);
  CHECK(run_oitscan("fetch --timeout -1 http://a.test/").exit_code == 2);
  CHECK(run_oitscan("fetch").exit_code == 2);
  CHECK(server.hits("/ok") == 3);
}
