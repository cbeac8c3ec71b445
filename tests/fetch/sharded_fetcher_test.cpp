// Several event loops behind one Fetcher (FetchOptions::event_loops > 1), against the scripted
// server under six host names: what one engine promises must still hold when hosts are split
// over engines on threads of their own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "fetch/fetcher.hpp"
#include "fetch/engine_test_support.hpp"
#include "fetch/test_server.hpp"

using namespace oitscan::fetch;
using namespace oitscan::testing;

namespace {

const TlsFiles& sharded_tls() { return engine_test_tls(); }

constexpr int kHosts = 6;

std::string host_name(int i) { return "h" + std::to_string(i) + ".shard.test"; }

// Two loops, six host names all resolving to the test server.
FetchOptions sharded_options(unsigned short port) {
  FetchOptions o;
  o.allow_private = true;
  o.soft404_probe = false;
  o.retry_base = std::chrono::milliseconds(20);
  o.event_loops = 2;
  o.global_concurrency = 8;
  for (int i = 0; i < kHosts; ++i) o.resolve.push_back(host_name(i) + ":" + std::to_string(port) + ":127.0.0.1");
  return o;
}

std::string url(unsigned short port, int host, const std::string& path) {
  return "http://" + host_name(host) + ":" + std::to_string(port) + path;
}

ScriptedResponse reply(std::string body, int delay_ms = 0) {
  ScriptedResponse r;
  r.body = std::move(body);
  r.headers = {{"Content-Type", "text/plain"}};
  r.delay_ms = delay_ms;
  return r;
}

ScriptedResponse stalling() { return stalling_response(); }

}  // namespace

TEST_CASE("sharded: every response on the caller's thread, each URL fetched once, per-host limits kept", "[fetch][sharded]") {
  TestServer server(sharded_tls());
  const auto port = server.http_port();
  server.set_routes({{"", "/page/*", {reply("page", 30)}}, {"", "/doc/*", {reply("document", 10)}}});
  FetchOptions o = sharded_options(port);
  o.per_host_connections = 2;
  auto fetcher = make_fetcher(o);
  std::uint64_t next_tag = 0;
  std::map<std::uint64_t, std::string> asked;
  const auto ask = [&](const std::string& u) {
    asked[next_tag] = u;
    fetcher->submit({u, next_tag++});
  };
  for (int h = 0; h < kHosts; ++h) {
    for (int p = 0; p < 5; ++p) ask(url(port, h, "/page/" + std::to_string(p)));
  }
  const auto caller = std::this_thread::get_id();
  std::size_t off_thread = 0;
  std::map<std::uint64_t, Response> got;
  fetcher->run([&](Response&& r) {
    if (std::this_thread::get_id() != caller) ++off_thread;
    // Link following from the callback, across hosts (so across loops), with duplicates.
    if (r.body == "page" && !r.duplicate) {
      const int h = r.url[std::string("http://h").size()] - '0';
      ask(url(port, (h + 1) % kHosts, "/doc/" + std::to_string(h)));
      ask(url(port, (h + 1) % kHosts, "/doc/" + std::to_string(h)));  // in flight: its own full copy
    }
    got.emplace(r.tag, std::move(r));
  });
  CHECK(off_thread == 0);
  REQUIRE(got.size() == asked.size());
  REQUIRE(asked.size() == kHosts * 5 + kHosts * 5 * 2);
  for (const auto& [tag, r] : got) {
    CHECK(r.url == asked[tag]);
    CHECK(r.outcome == Outcome::ok);
    CHECK(r.sha256.size() == 64);
    if (r.duplicate) CHECK(r.body.empty());  // asked again after the first was delivered: metadata only
    else CHECK(r.body == (r.url.find("/page/") != std::string::npos ? "page" : "document"));
  }
  for (int h = 0; h < kHosts; ++h) {
    for (int p = 0; p < 5; ++p) CHECK(server.hits("/page/" + std::to_string(p)) == kHosts);  // once per host
    CHECK(server.max_in_flight(host_name(h)) <= 2);
  }
  CHECK(server.requests().size() == kHosts * 5 + kHosts);  // each /doc/<h> once, on its one host

  // A later run of the same fetcher: a URL delivered before comes back as a duplicate, unfetched.
  const auto again = fetcher->fetch_all({{url(port, 3, "/page/1"), 0}, {url(port, 4, "/page/9"), 1}});
  REQUIRE(again.size() == 2);
  CHECK(again[0].duplicate);
  CHECK(again[0].outcome == Outcome::ok);
  CHECK_FALSE(again[1].duplicate);
  CHECK(again[1].body == "page");
  CHECK(server.hits("/page/1") == kHosts);
}

TEST_CASE("sharded: hosts are spread over the loops, and both loops work at once", "[fetch][sharded]") {
  TestServer server(sharded_tls());
  const auto port = server.http_port();
  server.set_routes({{"", "*", {reply("slow", 400)}}});
  FetchOptions o = sharded_options(port);
  o.per_host_connections = 1;
  o.global_concurrency = 2;  // one transfer per loop: were both hosts on one loop, 4 × 400 ms
  o.adaptive_delay = false;
  auto fetcher = make_fetcher(o);
  std::vector<Request> requests;
  for (std::uint64_t i = 0; i < 4; ++i) requests.push_back({url(port, static_cast<int>(i % 2), "/x" + std::to_string(i)), i});
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = fetcher->fetch_all(requests);
  const long took = ms_since(t0);
  for (const auto& r : out) CHECK(r.outcome == Outcome::ok);
  CHECK(took >= 750);   // two after two on each host
  CHECK(took < 1500);   // not four in a row
}

TEST_CASE("sharded: a spent run budget and a cancel flag end every loop's requests", "[fetch][sharded][budget]") {
  TestServer server(sharded_tls());
  const auto port = server.http_port();
  server.set_routes({{"", "/fast", {reply("fast")}}, {"", "*", {stalling()}}});
  std::vector<Request> requests;
  for (std::uint64_t i = 0; i < 8; ++i) requests.push_back({url(port, static_cast<int>(i % kHosts), "/stall/" + std::to_string(i)), i});

  FetchOptions o = sharded_options(port);
  o.total_timeout = std::chrono::milliseconds(15'000);
  o.run_budget = std::chrono::milliseconds(800);
  auto fetcher = make_fetcher(o);
  auto t0 = std::chrono::steady_clock::now();
  auto out = fetcher->fetch_all(requests);
  CHECK(ms_since(t0) >= 700);
  CHECK(ms_since(t0) < 3000);
  for (const auto& r : out) {
    CHECK(r.outcome == Outcome::timeout);
    CHECK(r.error == kRunBudgetSpent);
  }
  CHECK(fetcher->fetch_all({{url(port, 0, "/fast"), 0}})[0].outcome == Outcome::ok);  // a fresh budget

  auto cancel = std::make_shared<std::atomic<bool>>(false);
  o.run_budget = std::chrono::milliseconds{0};
  o.cancel = cancel;
  fetcher = make_fetcher(o);
  for (auto& r : requests) r.url += "?cancel";
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    *cancel = true;
  });
  t0 = std::chrono::steady_clock::now();
  out = fetcher->fetch_all(requests);
  canceller.join();
  CHECK(ms_since(t0) < 3000);
  for (const auto& r : out) {
    CHECK(r.outcome == Outcome::timeout);
    CHECK(r.error == kRunCancelled);
  }
  *cancel = false;
  CHECK(fetcher->fetch_all({{url(port, 1, "/fast"), 0}})[0].outcome == Outcome::ok);
}

TEST_CASE("sharded: a callback that throws ends the run with its error, promptly and cleanly", "[fetch][sharded]") {
  TestServer server(sharded_tls());
  const auto port = server.http_port();
  server.set_routes({{"", "/quick", {reply("q")}}, {"", "*", {stalling()}}});
  FetchOptions o = sharded_options(port);
  o.total_timeout = std::chrono::milliseconds(15'000);
  auto fetcher = make_fetcher(o);
  fetcher->submit({url(port, 0, "/quick"), 0});
  for (std::uint64_t i = 1; i <= 6; ++i) fetcher->submit({url(port, static_cast<int>(i % kHosts), "/slow/" + std::to_string(i)), i});
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(fetcher->run([](Response&&) { throw std::runtime_error("consumer failed"); }), "consumer failed");
  CHECK(ms_since(t0) < 3000);  // the stalled transfers were ended, not waited for
  fetcher.reset();  // must not crash, leak or hang (the ASan build checks leaks)
}

TEST_CASE("sharded: a bad URL is refused at submit, as by one engine", "[fetch][sharded]") {
  FetchOptions o = sharded_options(1);
  auto fetcher = make_fetcher(o);
  CHECK_THROWS_AS(fetcher->submit({"mailto:x@y", 0}), std::invalid_argument);
  o.resolve = {"not-an-entry"};
  CHECK_THROWS_AS(make_fetcher(o), std::invalid_argument);
}

// Responses wait in their engine's outbox only until the loop has handled its current round of
// events: a fast response must not wait for a slow one of the same engine (or the pass's end).
TEST_CASE("sharded: a response reaches the callback while a slow one of its engine is still running", "[fetch][sharded]") {
  TestServer server(sharded_tls());
  const auto port = server.http_port();
  server.set_routes({{"", "/fast", {reply("fast")}}, {"", "/slow", {reply("slow", 1500)}}});
  FetchOptions o = sharded_options(port);
  auto fetcher = make_fetcher(o);
  // One host, so both go to the same engine.
  fetcher->submit({url(port, 0, "/slow"), 1});
  fetcher->submit({url(port, 0, "/fast"), 2});
  const auto t0 = std::chrono::steady_clock::now();
  std::map<std::uint64_t, long> arrived_ms;
  fetcher->run([&](Response&& r) { arrived_ms[r.tag] = ms_since(t0); });
  REQUIRE(arrived_ms.size() == 2);
  CHECK(arrived_ms.at(1) >= 1400);
  CHECK(arrived_ms.at(2) < 1000);  // not held back until the slow one (1.5 s) is done
}
