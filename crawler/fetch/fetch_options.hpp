#pragma once
// Everything that tunes the fetch engine. Defaults are the polite production defaults.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace oitscan::fetch {

std::string default_user_agent();

// The error of every request a spent FetchOptions::run_budget ended.
inline constexpr std::string_view kRunBudgetSpent = "unit time budget spent";
// The error of every request a FetchOptions::cancel ended, and how often the flag is looked at.
inline constexpr std::string_view kRunCancelled = "run cancelled";
inline constexpr std::chrono::milliseconds kCancelPoll{100};

struct FetchOptions {
  std::string user_agent = default_user_agent();
  std::vector<std::string> resolve;  // curl-style HOST:PORT:ADDR entries
  bool allow_private = false;        // permit loopback/private/link-local targets (tests, intranet)
  std::vector<std::string> allowed_addresses;  // exact addresses exempt from the guard (e.g. one intranet host)
  std::string cacert;                // extra CA bundle (PEM) trusted in addition to the system store
  bool insecure_tls = false;         // on a certificate error, fetch again unverified and record the error
  std::string cache_dir;             // conditional-GET cache; empty = no cache

  std::chrono::milliseconds connect_timeout{10'000};
  // The most time one URL may take, retries and back-off included (--timeout): a stalled site
  // costs a self-check this long and no more. Each attempt gets what is left of it.
  std::chrono::milliseconds total_timeout{30'000};
  long low_speed_bytes_per_s = 64;   // abort when slower than this ...
  std::chrono::seconds low_speed_time{10};  // ... for this long
  std::size_t max_body_bytes = 64u << 20;
  // Bodies held in memory (arriving, or waiting for the worker pool). Over this, no new transfer
  // starts until some complete: many large scanned PDFs at once must not exhaust the machine.
  std::size_t memory_budget = 256u << 20;
  long max_redirects = 10;
  // Distinct URLs one engine takes in (submitted ones, robots.txt and soft-404 probes included).
  // Past this, a new URL is answered at once with too-large ("queue limit") and never fetched:
  // whatever a page links to, a run's queue and memory stay bounded.
  std::size_t max_queued_urls = 20'000;

  std::size_t per_host_connections = 2;
  std::size_t global_concurrency = 64;
  std::chrono::milliseconds min_host_delay{0};      // floor of the adaptive per-host delay
  std::chrono::milliseconds max_host_delay{10'000}; // ceiling of it
  bool adaptive_delay = true;                       // AutoThrottle-style: delay follows response latency

  int max_retries = 2;                              // for transient failures only
  std::chrono::milliseconds retry_base{500};        // back-off base, doubled per attempt, full jitter
  std::chrono::milliseconds max_retry_after{30'000};// a longer Retry-After gives up (rate-limited)

  // robots.txt: off for the URLs a unit submits itself for its assessment (submitting them is the
  // consent); the check pipeline turns it on for links it discovers on its own.
  bool respect_robots = false;
  std::string robots_product = "oitscan";  // the token matched against User-agent lines

  // Soft 404 by comparison: a random path is probed in the site root and in the folder of each
  // requested page ("/ita/O13/oitscan-probe-<hex>" for /ita/O13/x.html), each (host, folder) once
  // per engine; a page that matches its folder's or the root's answer is a soft 404.
  bool soft404_probe = true;
  // The most probe requests one host gets, the root's included (at least 1). A page in a folder
  // that could not be probed any more is compared with its nearest probed ancestor folder.
  std::size_t soft404_probes_per_host = 8;
  // Soft 404 by content: a 2xx HTML page whose title, h1 (or, on a short page, h2 or first
  // lines) says it is a not-found page (phrases in rules/not-found.yaml).
  bool detect_not_found_text = true;
  bool detect_interstitials = true; // login walls, Google Drive warning pages

  // The most time one Fetcher::run may take, counted from the moment run() is called; 0 = no
  // limit. When it is spent, every request still queued, waiting or in flight ends at once with
  // outcome timeout and the error "unit time budget spent", and no transfer starts any more in
  // that run (requests submitted from the callback after that end the same way). Responses
  // already received are still delivered as they are.
  std::chrono::milliseconds run_budget{0};
  // Set (by another thread) to end the current run at once, as a spent run budget does, with the
  // error kRunCancelled: a scale-out worker whose lease was lost stops its fetches within
  // kCancelPoll instead of letting them run to their timeouts. Null = never.
  std::shared_ptr<const std::atomic<bool>> cancel;

  // Threads for the CPU work of a finished response (SHA-256, page inspection, cache write), so
  // the event loop only moves bytes. 0 = do it on the loop thread.
  std::size_t worker_threads = 1;
  // Event loops, each an engine on its own thread with its share of the hosts (every URL of a
  // host goes to the same one) and of global_concurrency and memory_budget. 1 = one engine, on
  // the thread that calls run(). More pays off only when fetching alone is bound by one core.
  std::size_t event_loops = 1;
};

}  // namespace oitscan::fetch
