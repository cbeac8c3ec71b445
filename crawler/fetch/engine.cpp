// The fetch engine, scheduling side: submission and de-duplication, the frontier pump, starting
// transfers, and what happens when one ends (retry, insecure re-fetch, or completion).
#include "fetch/engine.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/asio/post.hpp>

#include "common/digest.hpp"
#include "common/time.hpp"
#include "fetch/page_signals.hpp"
#include "fetch/resolve_entry.hpp"
#include "fetch/url_guard.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {

Engine::Engine(const FetchOptions& options)
    : options_(options),
      frontier_({options.per_host_connections, options.global_concurrency, options.min_host_delay,
                 options.max_host_delay, options.adaptive_delay}),
      wake_(io_),
      budget_timer_(io_),
      cancel_timer_(io_),
      rng_(std::random_device{}()) {
  if (options_.per_host_connections == 0 || options_.global_concurrency == 0)
    throw std::invalid_argument("connection limits must be at least 1");
  for (const auto& entry : options_.resolve) {
    validate_resolve_entry(entry);
    resolve_ = curl_slist_append(resolve_, entry.c_str());
  }
  if (!options_.cache_dir.empty()) cache_.emplace(options_.cache_dir);
  if (options_.worker_threads > 0) pool_.emplace(options_.worker_threads);
  // Loaded here, not on a worker, so that a broken rules file fails make_fetcher() itself.
  if (options_.detect_not_found_text) not_found_rules_ = &NotFoundRules::default_rules();
  loop_ = std::make_unique<CurlAsioLoop>(io_, [this](CURL* easy, CURLcode rc) { on_done(easy, rc); });
  loop_->set_connection_limits(static_cast<long>(options_.per_host_connections),
                               static_cast<long>(options_.global_concurrency));
}

Engine::~Engine() {
  if (pool_) pool_->join();
  running_.clear();
  for (auto& job : jobs_) job.transfer.reset();  // before the multi handle goes
  loop_.reset();
  curl_slist_free_all(resolve_);
}

void Engine::submit(Request request) {
  auto parsed = parse_http_url(request.url);
  if (!parsed) throw std::invalid_argument("not an absolute http(s) URL: " + request.url);
  if (auto it = by_url_.find(parsed->normalized); it != by_url_.end()) {
    Job& first = jobs_[it->second];
    if (!first.delivered) {
      first.requesters.push_back({request.tag, request.url});
    } else {
      Response copy = first.summary;
      copy.tag = request.tag;
      copy.url = request.url;
      copy.duplicate = true;
      late_duplicates_.push_back(std::move(copy));
      arm_wake(Clock::now());
    }
    return;
  }
  if (jobs_.size() >= options_.max_queued_urls) {
    Response refused;
    refused.tag = request.tag;
    refused.url = request.url;
    refused.final_url = request.url;
    refused.outcome = Outcome::too_large;
    refused.error = "queue limit: more than " + std::to_string(options_.max_queued_urls) + " URLs in this run";
    refused.sha256 = sha256_hex("");
    refused.fetched_at = iso8601_utc(std::chrono::system_clock::now());
    late_duplicates_.push_back(std::move(refused));  // delivered from run(), like a late duplicate
    if (on_response_ != nullptr) arm_wake(Clock::now());
    return;
  }
  Job job;
  if (options_.soft404_probe) job.probe_keys = plan_probes(parsed->normalized, parsed->host_key, parsed->origin);
  job.url = parsed->normalized;
  job.host = parsed->host_key;
  job.requesters.push_back({request.tag, request.url});
  by_url_.emplace(parsed->normalized, jobs_.size());
  add_job(std::move(job), false);
}

void Engine::run(const OnResponse& on_response) {
  on_response_ = &on_response;
  struct Reset {  // also when the callback throws
    Engine& engine;
    ~Reset() {
      engine.on_response_ = nullptr;
      engine.budget_timer_.cancel();  // its aborted handler runs (and does nothing) in a later run
      engine.cancel_timer_.cancel();
    }
  } reset{*this};
  io_.restart();
  budget_spent_ = false;
  arm_run_budget();
  pump();
  while (outstanding_ > 0 || !late_duplicates_.empty()) {
    flush_late_duplicates();
    if (outstanding_ == 0) break;
    if (io_.run_one() == 0) throw std::logic_error("fetch engine stalled with requests outstanding");
  }
}

void Engine::after_this_round(std::function<void()> fn) { boost::asio::post(io_, std::move(fn)); }

// The probes a page of `url` will be compared with. The site root is always probed (one request per
// host, as it has always been, and the fallback for every folder). The page's own folder is probed
// too while the host has probes left; past the bound the nearest probed ancestor folder stands in,
// so a site with hundreds of folders costs at most soft404_probes_per_host extra requests.
std::vector<std::string> Engine::plan_probes(const std::string& url, const std::string& host, const std::string& origin) {
  ensure_probe(host, origin, "/");
  std::vector<std::string> keys;
  for (std::string folder = probe_folder(url); folder != "/"; folder = folder.substr(0, folder.rfind('/', folder.size() - 2) + 1)) {
    if (ensure_probe(host, origin, folder)) {  // true for a folder probed before
      keys.push_back(host + folder);
      break;
    }
  }
  keys.push_back(host + "/");
  return keys;
}

// Queues the probe of one folder unless it exists; false when the host's bound forbids a new one.
bool Engine::ensure_probe(const std::string& host, const std::string& origin, const std::string& folder) {
  const std::string key = host + folder;
  if (probes_.count(key) > 0) return true;
  std::size_t& started = probes_per_host_[host];
  if (started >= std::max<std::size_t>(options_.soft404_probes_per_host, 1)) return false;
  ++started;
  probes_.emplace(key, ProbeState{});
  Job probe;
  probe.url = origin + random_probe_path(folder);
  probe.host = host;
  probe.kind = Job::Kind::probe;
  probe.probe_keys = {key};
  add_job(std::move(probe), true);
  return true;
}

void Engine::add_job(Job job, bool front) {
  const std::size_t index = jobs_.size();
  const std::string host = job.host;
  const bool gated = options_.respect_robots && job.kind != Job::Kind::robots;
  const std::string origin = job.kind == Job::Kind::request ? parse_http_url(job.url)->origin : std::string();
  jobs_.push_back(std::move(job));
  ++outstanding_;
  if (gated) {
    auto [it, fresh] = robots_.try_emplace(host);
    if (fresh) {
      // The host's robots.txt is fetched first; its jobs wait (unstarted) for the verdict.
      Job robots;
      robots.url = (origin.empty() ? parse_http_url(jobs_[index].url)->origin : origin) + "/robots.txt";
      robots.host = host;
      robots.kind = Job::Kind::robots;
      add_job(std::move(robots), true);
    }
    RobotsState& rs = robots_[host];
    if (!rs.done) {
      rs.waiting.push_back(index);
      return;
    }
  }
  frontier_.push(host, index, front);
  if (on_response_ != nullptr) arm_wake(Clock::now());  // submitted from a callback: start soon
}

void Engine::arm_wake(Clock::time_point when) {
  if (wake_armed_ && wake_at_ <= when) return;
  wake_armed_ = true;
  wake_at_ = when;
  wake_.expires_at(when);
  wake_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    wake_armed_ = false;
    pump();
  });
}

void Engine::pump() {
  if (budget_spent_) {
    // Ending a robots.txt job releases the jobs parked behind it into the frontier: drain again.
    for (auto queued = frontier_.drain(); !queued.empty(); queued = frontier_.drain()) {
      for (std::size_t index : queued) end_unstarted(index);
    }
    return;
  }
  // Resumes when the pool catches up. A share of the memory budget, so that the engines of a
  // sharded fetcher (each with its share of the budget) hold no more together than one would.
  if (pipeline_bytes_ > std::min(kMaxPipelineBytes, options_.memory_budget / 16)) return;
  if (live_body_bytes_ + pipeline_bytes_ > options_.memory_budget) return;  // resumes as transfers end
  const auto now = Clock::now();
  while (auto ready = frontier_.take_ready(now)) start(ready->job);
  if (auto when = frontier_.next_wakeup(now)) arm_wake(*when);
}

void Engine::start(std::size_t index) {
  Job& job = jobs_[index];
  if (!job.first_start) {
    job.first_start = Clock::now();
    job.deadline = *job.first_start + options_.total_timeout;
  }
  if (options_.respect_robots && job.kind != Job::Kind::robots) {
    const std::string path = path_and_query(job.url);
    if (!robots_[job.host].rules.allows(path)) {
      frontier_.release(job.host);
      Response r;
      r.url = job.url;
      r.final_url = job.url;
      r.outcome = Outcome::robots_disallowed;
      r.error = "robots.txt of the host disallows " + path;
      complete(index, std::move(r));
      return;
    }
  }
  // A literal forbidden address in any spelling (127.0.0.1., 0x7f.1, 2130706433) is refused here,
  // before libcurl could hand it to a resolver as a name. Final: never retried.
  if (std::string why = url_refusal(job.url, options_); !why.empty()) {
    frontier_.release(job.host);
    Response r;
    r.url = job.url;
    r.final_url = job.url;
    r.outcome = Outcome::blocked_address;
    r.error = "refused by the address policy: " + why;
    complete(index, std::move(r));
    return;
  }
  AttemptSettings settings;
  settings.verify_tls = !job.insecure;
  settings.live_body_bytes = &live_body_bytes_;
  settings.time_left = std::chrono::duration_cast<milliseconds>(job.deadline - Clock::now());
  if (cache_ && job.kind == Job::Kind::request && job.attempt == 0 && !job.cached) job.cached = cache_->lookup(job.url);
  if (job.cached) {
    settings.if_none_match = job.cached->etag;
    settings.if_modified_since = job.cached->last_modified;
  }
  job.transfer = std::make_unique<Transfer>(options_, resolve_, *loop_, job.url, settings);
  running_[job.transfer->easy()] = index;
  loop_->add(job.transfer->easy());
}

Engine::milliseconds Engine::backoff(int attempt) {
  const auto base = options_.retry_base.count() << std::min(attempt, 10);
  const auto capped = std::min<long long>(base, 30'000);
  std::uniform_int_distribution<long long> jitter(capped / 2, capped);  // "equal jitter"
  return milliseconds(jitter(rng_));
}

void Engine::on_done(CURL* easy, CURLcode rc) {
  const auto it = running_.find(easy);
  if (it == running_.end()) return;
  const std::size_t index = it->second;
  running_.erase(it);
  Job& job = jobs_[index];
  const auto now = Clock::now();
  Response r;
  live_body_bytes_ -= job.transfer->body_size();  // the bytes now move on with the response
  job.transfer->finish(rc, r);
  frontier_.finished(job.host, std::chrono::duration_cast<milliseconds>(now - job.transfer->started()));
  const bool retryable = job.transfer->retryable();
  const bool has_retry_after = job.transfer->has_retry_after();
  const milliseconds retry_after = job.transfer->retry_after();
  job.transfer.reset();

  const bool throttled = r.outcome == Outcome::rate_limited;
  if (r.outcome == Outcome::tls_error && options_.insecure_tls && !job.insecure) {
    // Record the certificate problem, then fetch again without verification (not a retry).
    job.tls_error = r.tls_error;
    job.insecure = true;
    frontier_.push(job.host, index, true);
  } else if (const milliseconds wait = has_retry_after ? std::max(retry_after, milliseconds(0)) : backoff(job.attempt);
             retryable && job.kind == Job::Kind::request && job.attempt < options_.max_retries &&
             !(has_retry_after && retry_after > options_.max_retry_after) &&
             now + wait + kLeastUsefulAttempt < job.deadline) {
    // (A retry that could not finish inside the URL's time budget is not started.)
    ++job.attempt;
    frontier_.back_off(job.host, now + wait, throttled);
    frontier_.push(job.host, index, true);
  } else {
    if (throttled) frontier_.back_off(job.host, now, true);
    complete(index, std::move(r));
  }
  pump();
}

// The run's time budget starts with run() itself: a unit's whole self-check is bounded, however
// many of its links lead to stalling hosts (each host being limited to a few connections, 30
// stalled links would otherwise cost 15 rounds of --timeout).
void Engine::arm_run_budget() {
  ++run_serial_;
  if (options_.cancel) watch_cancel(run_serial_);
  if (options_.run_budget <= milliseconds(0)) return;
  budget_timer_.expires_after(options_.run_budget);
  // A timer that expired just as its run ended has its handler queued already (cancel() comes
  // too late for it); it runs in the next run() and must not end that one.
  budget_timer_.async_wait([this, serial = run_serial_](const boost::system::error_code& ec) {
    if (!ec && serial == run_serial_ && !budget_spent_) spend_run_budget(kRunBudgetSpent);
  });
}

// A cancel flag is another thread's to set; the loop looks at it every kCancelPoll (a timer, so an
// idle loop waiting on slow servers still sees it) and ends the run as a spent budget would.
void Engine::watch_cancel(std::uint64_t serial) {
  cancel_timer_.expires_after(kCancelPoll);
  cancel_timer_.async_wait([this, serial](const boost::system::error_code& ec) {
    if (ec || serial != run_serial_ || budget_spent_) return;
    if (options_.cancel->load()) {
      spend_run_budget(kRunCancelled);
    } else {
      watch_cancel(serial);
    }
  });
}

void Engine::spend_run_budget(std::string_view why) {
  budget_spent_ = true;
  budget_error_ = why;
  // Take every transfer out of libcurl first (closing its connection), then report: reporting
  // may run the callback, which must find no half-removed transfer.
  std::vector<std::size_t> in_flight;
  in_flight.reserve(running_.size());
  for (const auto& [easy, index] : running_) in_flight.push_back(index);
  running_.clear();
  std::sort(in_flight.begin(), in_flight.end());  // submission order, not hash order
  for (std::size_t index : in_flight) loop_->remove(jobs_[index].transfer->easy());
  for (std::size_t index : in_flight) end_in_flight(index);
  pump();  // ends everything still queued
}

// A transfer cut short by the run budget: what arrived so far (status, headers, partial body,
// timings) is kept, as for any timeout.
void Engine::end_in_flight(std::size_t index) {
  Job& job = jobs_[index];
  Response r;
  live_body_bytes_ -= job.transfer->body_size();
  job.transfer->finish(CURLE_OPERATION_TIMEDOUT, r);
  job.transfer.reset();
  frontier_.release(job.host);  // not finished(): a cut transfer says nothing about the host's latency
  r.outcome = Outcome::timeout;
  r.error = std::string(budget_error_);
  complete(index, std::move(r));
}

void Engine::end_unstarted(std::size_t index) {
  Job& job = jobs_[index];
  Response r;
  r.url = job.url;
  r.final_url = job.url;
  r.outcome = Outcome::timeout;
  r.error = std::string(budget_error_);
  complete(index, std::move(r));
}

}  // namespace oitscan::fetch
