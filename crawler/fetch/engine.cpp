// The fetch engine, scheduling side: submission and de-duplication, the frontier pump, starting
// transfers, and what happens when one ends (retry, insecure re-fetch, or completion).
#include "fetch/engine.hpp"

#include <algorithm>
#include <stdexcept>

#include "fetch/page_signals.hpp"
#include "fetch/resolve_entry.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {

Engine::Engine(const FetchOptions& options)
    : options_(options),
      frontier_({options.per_host_connections, options.global_concurrency, options.min_host_delay,
                 options.max_host_delay, options.adaptive_delay}),
      wake_(io_),
      rng_(std::random_device{}()) {
  if (options_.per_host_connections == 0 || options_.global_concurrency == 0)
    throw std::invalid_argument("connection limits must be at least 1");
  for (const auto& entry : options_.resolve) {
    validate_resolve_entry(entry);
    resolve_ = curl_slist_append(resolve_, entry.c_str());
  }
  if (!options_.cache_dir.empty()) cache_.emplace(options_.cache_dir);
  if (options_.worker_threads > 0) pool_.emplace(options_.worker_threads);
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
  if (options_.soft404_probe && probed_hosts_.insert({parsed->host_key, {}}).second) {
    Job probe;
    probe.url = parsed->origin + random_probe_path();
    probe.host = parsed->host_key;
    probe.kind = Job::Kind::probe;
    add_job(std::move(probe), true);
  }
  Job job;
  job.url = parsed->normalized;
  job.host = parsed->host_key;
  job.requesters.push_back({request.tag, request.url});
  by_url_.emplace(parsed->normalized, jobs_.size());
  add_job(std::move(job), false);
}

void Engine::run(const OnResponse& on_response) {
  on_response_ = &on_response;
  struct Reset {  // also when the callback throws
    const OnResponse*& ref;
    ~Reset() { ref = nullptr; }
  } reset{on_response_};
  io_.restart();
  pump();
  while (outstanding_ > 0 || !late_duplicates_.empty()) {
    flush_late_duplicates();
    if (outstanding_ == 0) break;
    if (io_.run_one() == 0) throw std::logic_error("fetch engine stalled with requests outstanding");
  }
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
  if (pipeline_bytes_ > kMaxPipelineBytes) return;  // resumes when the pool catches up
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

}  // namespace oitscan::fetch
