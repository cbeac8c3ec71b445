// Runs one data-driven fetch case (tests/fetch/cases/*.yaml, in the spirit of curl's test suite):
// starts the scripted server with the case's routes, fetches the case's URLs with the real engine,
// and checks every expectation. Exit 0 when all hold; otherwise prints each failed check.
//
// Usage: fetch_case_runner CASE.yaml
// Placeholders in strings: {http} {https} {http6} = base URLs of the three listeners,
// {port} {tls_port} {port6} = their ports.
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "fetch/fetcher.hpp"
#include "common/digest.hpp"
#include "fetch/test_server.hpp"

namespace fs = std::filesystem;
using oitscan::fetch::Response;
using namespace oitscan::testing;

namespace {

struct Context {
  std::map<std::string, std::string> vars;
  std::string expand(std::string s) const {
    for (const auto& [k, v] : vars) {
      const std::string key = "{" + k + "}";
      for (auto pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + v.size())) s.replace(pos, key.size(), v);
    }
    return s;
  }
};

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    if (hex[i] == ' ') { --i; continue; }
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

std::string body_of(const YAML::Node& n, const Context& ctx) {
  std::string body;
  if (n["body"]) body += ctx.expand(n["body"].as<std::string>());
  if (n["body_hex"]) body += from_hex(n["body_hex"].as<std::string>());
  if (n["body_repeat"]) {
    const auto text = n["body_repeat"]["text"].as<std::string>();
    const auto count = n["body_repeat"]["count"].as<std::size_t>();
    for (std::size_t i = 0; i < count; ++i) body += text;
  }
  if (n["body_suffix"]) body += ctx.expand(n["body_suffix"].as<std::string>());
  return body;
}

ScriptedResponse parse_response(const YAML::Node& n, const Context& ctx) {
  ScriptedResponse r;
  r.status = n["status"].as<int>(200);
  if (n["headers"]) {
    for (const auto& h : n["headers"]) r.headers.emplace_back(h.first.as<std::string>(), ctx.expand(h.second.as<std::string>()));
  }
  r.body = body_of(n, ctx);
  r.gzip = n["gzip"].as<bool>(false);
  r.chunked = n["chunked"].as<bool>(false);
  r.chunk_size = n["chunk_size"].as<std::size_t>(1000);
  r.delay_ms = n["delay_ms"].as<int>(0);
  r.stall_ms = n["stall_ms"].as<int>(0);
  if (n["drip"]) {
    r.drip_bytes = n["drip"]["bytes"].as<std::size_t>();
    r.drip_interval_ms = n["drip"]["interval_ms"].as<int>();
  }
  if (n["reset_after"]) r.reset_after = n["reset_after"].as<std::size_t>();
  r.encoding = n["encoding"].as<std::string>("");
  if (n["cut_encoded"]) r.cut_encoded = n["cut_encoded"].as<std::size_t>();
  if (n["close_after"]) r.close_after = n["close_after"].as<std::size_t>();
  return r;
}

oitscan::fetch::FetchOptions parse_options(const YAML::Node& n, const Context& ctx, const TlsFiles& tls,
                                           const std::string& cache_dir) {
  oitscan::fetch::FetchOptions o;
  o.allow_private = true;  // the server is on loopback; cases that test the guard turn this off
  o.retry_base = std::chrono::milliseconds(50);
  o.total_timeout = std::chrono::milliseconds(5000);
  if (!n) return o;
  o.allow_private = n["allow_private"].as<bool>(true);
  if (n["allowed_addresses"]) o.allowed_addresses = n["allowed_addresses"].as<std::vector<std::string>>();
  for (const auto& r : n["resolve"]) o.resolve.push_back(ctx.expand(r.as<std::string>()));
  if (n["cacert"].as<bool>(false)) o.cacert = tls.cert;
  o.insecure_tls = n["insecure_tls"].as<bool>(false);
  if (n["cache"].as<bool>(false)) o.cache_dir = cache_dir;
  if (n["timeout_ms"]) o.total_timeout = std::chrono::milliseconds(n["timeout_ms"].as<long>());
  if (n["connect_timeout_ms"]) o.connect_timeout = std::chrono::milliseconds(n["connect_timeout_ms"].as<long>());
  if (n["low_speed"]) {
    o.low_speed_bytes_per_s = n["low_speed"]["bytes_per_s"].as<long>();
    o.low_speed_time = std::chrono::seconds(n["low_speed"]["seconds"].as<long>());
  }
  o.max_body_bytes = n["max_bytes"].as<std::size_t>(o.max_body_bytes);
  o.max_redirects = n["max_redirects"].as<long>(o.max_redirects);
  o.max_queued_urls = n["max_queued_urls"].as<std::size_t>(o.max_queued_urls);
  o.per_host_connections = n["per_host"].as<std::size_t>(o.per_host_connections);
  o.global_concurrency = n["concurrency"].as<std::size_t>(o.global_concurrency);
  o.max_retries = n["max_retries"].as<int>(o.max_retries);
  if (n["max_retry_after_ms"]) o.max_retry_after = std::chrono::milliseconds(n["max_retry_after_ms"].as<long>());
  o.soft404_probe = n["soft404_probe"].as<bool>(true);
  o.soft404_probes_per_host = n["soft404_probes_per_host"].as<std::size_t>(o.soft404_probes_per_host);
  o.detect_not_found_text = n["detect_not_found_text"].as<bool>(true);
  if (n["run_budget_ms"]) o.run_budget = std::chrono::milliseconds(n["run_budget_ms"].as<long>());
  o.respect_robots = n["robots"].as<bool>(false);
  if (n["user_agent"]) o.user_agent = n["user_agent"].as<std::string>();
  return o;
}

struct Checker {
  std::string where;
  int failures = 0;
  void fail(const std::string& what) {
    ++failures;
    std::cerr << "FAIL " << where << ": " << what << "\n";
  }
  template <typename A, typename B>
  void eq(const std::string& what, const A& actual, const B& expected) {
    if (!(actual == expected)) {
      std::ostringstream os;
      os << what << ": got `" << actual << "`, expected `" << expected << "`";
      fail(os.str());
    }
  }
};

struct Delivered {
  Response response;
  long done_ms;  // since the run started
};

void check_response(Checker& c, const YAML::Node& e, const Delivered& d, const Context& ctx) {
  const Response& r = d.response;
  if (e["outcome"]) c.eq("outcome", std::string(oitscan::fetch::to_string(r.outcome)), e["outcome"].as<std::string>());
  if (e["http_status"]) c.eq("http_status", r.http_status, e["http_status"].as<long>());
  if (e["redirects"]) c.eq("redirects", r.redirects.size(), e["redirects"].as<std::size_t>());
  if (e["redirect_statuses"]) {
    std::string got;
    for (const auto& h : r.redirects) got += std::to_string(h.status) + " ";
    std::string want;
    for (const auto& s : e["redirect_statuses"]) want += s.as<std::string>() + " ";
    c.eq("redirect_statuses", got, want);
  }
  if (e["redirect_urls"]) {
    std::string got, want;
    for (const auto& h : r.redirects) got += h.url + " ";
    for (const auto& s : e["redirect_urls"]) want += ctx.expand(s.as<std::string>()) + " ";
    c.eq("redirect_urls", got, want);
  }
  if (e["final_url"]) c.eq("final_url", r.final_url, ctx.expand(e["final_url"].as<std::string>()));
  if (e["bytes"]) c.eq("bytes", r.body.size(), e["bytes"].as<std::size_t>());
  if (e["body"]) c.eq("body", r.body, body_of(e, ctx));
  if (e["body_hex"] && !e["body"]) c.eq("body (hex)", r.body, body_of(e, ctx));
  if (e["truncated"]) c.eq("truncated", r.truncated, e["truncated"].as<bool>());
  if (e["retries"]) c.eq("retries", r.retries, e["retries"].as<int>());
  if (e["content_type"]) c.eq("content_type", r.content_type, e["content_type"].as<std::string>());
  if (e["charset"]) c.eq("charset", r.charset, e["charset"].as<std::string>());
  if (e["from_cache"]) c.eq("from_cache", r.from_cache, e["from_cache"].as<bool>());
  if (e["duplicate"]) c.eq("duplicate", r.duplicate, e["duplicate"].as<bool>());
  if (e["remote_ip"]) c.eq("remote_ip", r.remote_ip, e["remote_ip"].as<std::string>());
  if (e["tls_error"]) {
    const bool want = e["tls_error"].as<bool>();
    if (want != !r.tls_error.empty()) c.fail("tls_error: got `" + r.tls_error + "`, expected " + (want ? "a TLS error" : "none"));
  }
  if (e["error_contains"] && r.error.find(ctx.expand(e["error_contains"].as<std::string>())) == std::string::npos)
    c.fail("error `" + r.error + "` does not contain `" + ctx.expand(e["error_contains"].as<std::string>()) + "`");
  if (e["error"]) c.eq("error", r.error, e["error"].as<std::string>());
  if (e["attachment_filename"]) c.eq("attachment_filename", r.attachment_filename, e["attachment_filename"].as<std::string>());
  if (e["elapsed_ms_at_least"] && r.elapsed_ms < e["elapsed_ms_at_least"].as<long>())
    c.fail("elapsed_ms " + std::to_string(r.elapsed_ms) + " < " + e["elapsed_ms_at_least"].as<std::string>());
  if (e["done_within_ms"] && d.done_ms > e["done_within_ms"].as<long>())
    c.fail("delivered after " + std::to_string(d.done_ms) + " ms, limit " + e["done_within_ms"].as<std::string>());
  if (e["done_after_ms"] && d.done_ms < e["done_after_ms"].as<long>())
    c.fail("delivered after only " + std::to_string(d.done_ms) + " ms, expected >= " + e["done_after_ms"].as<std::string>());
  if (e["tls_handshake"]) {
    const bool want = e["tls_handshake"].as<bool>();
    if (want != (r.timings.tls_ms > 0)) c.fail("tls_ms " + std::to_string(r.timings.tls_ms));
  }
  // Always: a response that arrived has ordered phase timings; the digest is the body's; the
  // timestamp is ISO-8601 UTC.
  if (r.http_status > 0) {
    const auto& t = r.timings;
    if (!(t.first_byte_ms > 0 && t.total_ms >= t.first_byte_ms && t.first_byte_ms >= t.connect_ms))
      c.fail("timings out of order: connect " + std::to_string(t.connect_ms) + " first byte " +
             std::to_string(t.first_byte_ms) + " total " + std::to_string(t.total_ms));
  }
  c.eq("sha256", r.sha256, oitscan::sha256_hex(r.body));
  if (r.fetched_at.size() != 20 || r.fetched_at.back() != 'Z') c.fail("fetched_at not ISO-8601 UTC: " + r.fetched_at);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fetch_case_runner CASE.yaml\n";
    return 2;
  }
  const fs::path case_file = argv[1];
  const fs::path work = fs::temp_directory_path() / ("oitscan-fetch-case-" + std::to_string(::getpid()));
  fs::remove_all(work);
  const TlsFiles tls = make_test_certificate((work / "tls").string());
  int failures = 0;
  {
    TestServer server(tls);
    Context ctx;
    ctx.vars["port"] = std::to_string(server.http_port());
    ctx.vars["tls_port"] = std::to_string(server.https_port());
    ctx.vars["port6"] = std::to_string(server.http6_port());
    ctx.vars["legacy_tls_port"] = std::to_string(server.legacy_https_port());
    ctx.vars["https_legacy"] = "https://localhost:" + ctx.vars["legacy_tls_port"];
    ctx.vars["http"] = "http://127.0.0.1:" + ctx.vars["port"];
    ctx.vars["https"] = "https://localhost:" + ctx.vars["tls_port"];
    ctx.vars["http6"] = "http://[::1]:" + ctx.vars["port6"];

    const YAML::Node doc = YAML::LoadFile(case_file.string());
    if (doc["needs_ipv6"].as<bool>(false) && server.http6_port() == 0) {
      std::cout << "SKIP " << case_file.filename().string() << ": no IPv6 loopback\n";
      fs::remove_all(work);
      return 0;
    }
    std::vector<Route> routes;
    for (const auto& rn : doc["routes"]) {
      Route r;
      r.host = rn["host"].as<std::string>("");
      r.path = rn["path"].as<std::string>();
      if (rn["responses"]) {
        for (const auto& resp : rn["responses"]) r.responses.push_back(parse_response(resp, ctx));
      } else {
        r.responses.push_back(parse_response(rn, ctx));
      }
      routes.push_back(std::move(r));
    }
    server.set_routes(routes);

    // A case is one run, or several `runs` sharing the server (and the cache folder).
    std::vector<YAML::Node> runs;
    if (doc["runs"]) {
      for (const auto& r : doc["runs"]) runs.push_back(r);
    } else {
      runs.push_back(doc);
    }
    for (std::size_t run_no = 0; run_no < runs.size(); ++run_no) {
      const YAML::Node& run = runs[run_no];
      const YAML::Node opts = run["options"] ? run["options"] : doc["options"];
      auto fetcher = oitscan::fetch::make_fetcher(parse_options(opts, ctx, tls, (work / "cache").string()));
      std::vector<std::string> urls;
      for (const auto& u : run["fetch"]) urls.push_back(ctx.expand(u.as<std::string>()));
      for (std::size_t i = 0; i < urls.size(); ++i) fetcher->submit({urls[i], i});
      std::vector<std::vector<Delivered>> got(urls.size());
      const auto t0 = std::chrono::steady_clock::now();
      fetcher->run([&](Response&& r) {
        const long ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
        got.at(r.tag).push_back({std::move(r), ms});
      });
      const long run_ms = static_cast<long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
      Checker c{case_file.filename().string() + " run " + std::to_string(run_no + 1)};
      for (std::size_t i = 0; i < urls.size(); ++i) {
        c.eq("responses for " + urls[i], got[i].size(), std::size_t{1});
      }
      const YAML::Node expect = run["expect"];
      for (std::size_t i = 0; i < expect.size(); ++i) {
        const auto index = expect[i]["index"].as<std::size_t>(i);
        if (index >= got.size() || got[index].empty()) {
          c.fail("no response for expectation " + std::to_string(i));
          continue;
        }
        Checker sub{c.where + " url[" + std::to_string(index) + "] " + urls[index]};
        check_response(sub, expect[i], got[index].front(), ctx);
        c.failures += sub.failures;
      }
      for (const auto& h : run["expect_hits"]) c.eq("hits of " + h.first.as<std::string>(), server.hits(h.first.as<std::string>()), h.second.as<std::size_t>());
      // Requests whose path starts with / contains a string: probes have random names.
      for (const auto& h : run["expect_hits_prefix"]) {
        std::size_t n = 0;
        for (const auto& r : server.requests()) n += r.target.rfind(h.first.as<std::string>(), 0) == 0 ? 1u : 0u;
        c.eq("requests starting " + h.first.as<std::string>(), n, h.second.as<std::size_t>());
      }
      for (const auto& h : run["expect_hits_containing"]) {
        std::size_t n = 0;
        for (const auto& r : server.requests()) n += r.target.find(h.first.as<std::string>()) != std::string::npos ? 1u : 0u;
        c.eq("requests containing " + h.first.as<std::string>(), n, h.second.as<std::size_t>());
      }
      if (run["run_done_within_ms"] && run_ms > run["run_done_within_ms"].as<long>())
        c.fail("the run took " + std::to_string(run_ms) + " ms, limit " + run["run_done_within_ms"].as<std::string>());
      for (const auto& h : run["expect_max_in_flight"])
        c.eq("max in flight on " + h.first.as<std::string>(), server.max_in_flight(h.first.as<std::string>()), h.second.as<std::size_t>());
      if (run["expect_conditional_requests"]) {
        std::size_t conditional = 0;
        for (const auto& r : server.requests()) if (!r.if_none_match.empty() || !r.if_modified_since.empty()) ++conditional;
        c.eq("conditional requests", conditional, run["expect_conditional_requests"].as<std::size_t>());
      }
      for (const auto& coding : run["expect_accept_encoding"]) {
        for (const auto& r : server.requests()) {
          if (r.accept_encoding.find(coding.as<std::string>()) == std::string::npos)
            c.fail("Accept-Encoding `" + r.accept_encoding + "` lacks " + coding.as<std::string>());
        }
      }
      if (run["expect_ascii_targets"].as<bool>(false)) {
        for (const auto& r : server.requests()) {
          for (char ch : r.target) {
            if (static_cast<unsigned char>(ch) >= 0x80 || ch == ' ') {
              c.fail("request target not percent-encoded: " + r.target);
              break;
            }
          }
        }
      }
      if (run["expect_user_agent_prefix"]) {
        for (const auto& r : server.requests()) {
          if (r.user_agent.rfind(run["expect_user_agent_prefix"].as<std::string>(), 0) != 0) c.fail("User-Agent " + r.user_agent);
        }
      }
      failures += c.failures;
      if (run_no + 1 < runs.size()) server.set_routes(routes);  // fresh hit counters for the next run
    }
  }
  fs::remove_all(work);
  if (failures == 0) std::cout << "PASS " << case_file.filename().string() << "\n";
  return failures == 0 ? 0 : 1;
}
