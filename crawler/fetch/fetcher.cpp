#include "fetch/fetcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <charconv>
#include <deque>
#include <optional>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "fetch/curl_asio_loop.hpp"
#include "fetch/digest_time.hpp"
#include "fetch/host_frontier.hpp"
#include "fetch/page_signals.hpp"
#include "fetch/response_cache.hpp"
#include "fetch/robots.hpp"
#include "fetch/transfer.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {

std::string default_user_agent() {
  return "oitscan/0.1.0 (+https://github.com/oitscan/oitscan; ITA compliance checker)";
}

std::vector<Response> Fetcher::fetch_all(const std::vector<Request>& requests) {
  std::vector<Response> out(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) submit(Request{requests[i].url, i});
  run([&](Response&& r) {
    const auto i = static_cast<std::size_t>(r.tag);
    r.tag = requests[i].tag;
    out[i] = std::move(r);
  });
  return out;
}

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// curl's --resolve syntax: HOST:PORT:ADDR[,ADDR]..., ADDR possibly [bracketed] IPv6.
void validate_resolve_entry(const std::string& entry) {
  const auto bad = [&](const char* why) { throw std::invalid_argument("--resolve " + entry + ": " + why); };
  const auto c1 = entry.find(':');
  const auto c2 = c1 == std::string::npos ? std::string::npos : entry.find(':', c1 + 1);
  if (c1 == 0 || c2 == std::string::npos) bad("expected HOST:PORT:ADDR");
  unsigned port = 0;
  const auto [p, ec] = std::from_chars(entry.data() + c1 + 1, entry.data() + c2, port);
  if (ec != std::errc() || p != entry.data() + c2 || port == 0 || port > 65535) bad("bad port");
  std::string_view addrs(entry);
  addrs.remove_prefix(c2 + 1);
  if (addrs.empty()) bad("missing address");
  while (!addrs.empty()) {
    std::string_view a = addrs.substr(0, addrs.find(','));
    addrs.remove_prefix(std::min(addrs.size(), a.size() + 1));
    if (a.size() >= 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
    boost::system::error_code aec;
    boost::asio::ip::make_address(std::string(a), aec);
    if (aec) bad("address is not an IP address");
  }
}

class Engine final : public Fetcher {
 public:
  explicit Engine(const FetchOptions& options)
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

  ~Engine() override {
    if (pool_) pool_->join();
    running_.clear();
    for (auto& job : jobs_) job.transfer.reset();  // before the multi handle goes
    loop_.reset();
    curl_slist_free_all(resolve_);
  }

  void submit(Request request) override {
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

  void run(const OnResponse& on_response) override {
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

 private:
  struct Requester {
    std::uint64_t tag;
    std::string url;
  };
  struct Job {
    std::string url;   // normalised
    std::string host;  // frontier key
    std::vector<Requester> requesters;
    enum class Kind { request, probe, robots } kind = Kind::request;  // probe/robots: internal
    int attempt = 0;
    bool insecure = false;
    std::string tls_error;
    std::optional<Clock::time_point> first_start;
    Clock::time_point deadline{};  // first start + total_timeout
    std::optional<CachedEntry> cached;
    bool delivered = false;
    Response summary;  // kept after delivery, without body, for late duplicates
    std::unique_ptr<Transfer> transfer;
  };
  struct RobotsState {
    bool done = false;
    RobotsRules rules;
    std::vector<std::size_t> waiting;  // jobs parked until the verdict
  };
  struct ProbeState {
    bool done = false;
    Response probe;
    std::vector<std::pair<std::size_t, Response>> held;  // pages waiting for the probe's verdict
  };

  void add_job(Job job, bool front) {
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

  void arm_wake(Clock::time_point when) {
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

  void pump() {
    if (pipeline_bytes_ > kMaxPipelineBytes) return;  // resumes when the pool catches up
    const auto now = Clock::now();
    while (auto ready = frontier_.take_ready(now)) start(ready->job);
    if (auto when = frontier_.next_wakeup(now)) arm_wake(*when);
  }

  void start(std::size_t index) {
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

  milliseconds backoff(int attempt) {
    const auto base = options_.retry_base.count() << std::min(attempt, 10);
    const auto capped = std::min<long long>(base, 30'000);
    std::uniform_int_distribution<long long> jitter(capped / 2, capped);  // "equal jitter"
    return milliseconds(jitter(rng_));
  }

  void on_done(CURL* easy, CURLcode rc) {
    const auto it = running_.find(easy);
    if (it == running_.end()) return;
    const std::size_t index = it->second;
    running_.erase(it);
    Job& job = jobs_[index];
    const auto now = Clock::now();
    Response r;
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

  // Completion runs in three steps: bookkeeping on the loop thread, the CPU- and disk-heavy part
  // (digest, page inspection, cache write) on the worker pool, then the verdicts that need engine
  // state back on the loop thread. Without a pool the middle step runs inline.
  void complete(std::size_t index, Response r) {
    Job& job = jobs_[index];
    const auto now = Clock::now();
    r.retries = job.attempt;
    if (!job.tls_error.empty()) r.tls_error = job.tls_error;
    r.elapsed_ms = static_cast<long>(
        std::chrono::duration_cast<milliseconds>(now - job.first_start.value_or(now)).count());
    r.fetched_at = iso8601_utc(std::chrono::system_clock::now());
    if (r.outcome == Outcome::not_modified && job.cached) {
      // The stored copy is the document; the 304 only confirmed it.
      r.body = job.cached->body;
      if (r.content_type.empty()) r.content_type = job.cached->content_type;
      r.charset = charset_label(r.content_type);
      r.from_cache = true;
    }
    job.cached.reset();  // its body now lives in the response (or is not needed)
    if (!pool_) {
      inspect(r, job.url, job.kind);
      settle(index, std::move(r));
      return;
    }
    // The work guard keeps run() waiting while the pool has our response. Bytes in the pool
    // are counted: over the limit, pump() starts no new transfer (back-pressure, flat memory).
    const std::size_t bytes = r.body.size();
    pipeline_bytes_ += bytes;
    boost::asio::post(*pool_, [this, index, bytes, url = job.url, kind = job.kind, r = std::move(r),
                               guard = boost::asio::make_work_guard(io_)]() mutable {
      inspect(r, url, kind);
      boost::asio::post(io_, [this, index, bytes, r = std::move(r)]() mutable {
        pipeline_bytes_ -= bytes;
        settle(index, std::move(r));
        pump();
      });
    });
  }

  // Worker side: touches only the response, the read-only options and the cache files (one
  // URL is fetched once per run, so no two workers write the same entry).
  void inspect(Response& r, const std::string& url, Job::Kind kind) const {
    r.sha256 = sha256_hex(r.body);
    if (cache_ && kind == Job::Kind::request && r.outcome == Outcome::ok) cache_->store(url, r);
    if (r.outcome == Outcome::ok && options_.detect_interstitials) {
      if (auto why = interstitial_reason(r); !why.empty()) {
        r.outcome = Outcome::interstitial;
        r.error = why;
      }
    }
  }

  void settle(std::size_t index, Response r) {
    Job& job = jobs_[index];
    if (job.kind == Job::Kind::probe) {
      finish_probe(index, std::move(r));
      return;
    }
    if (job.kind == Job::Kind::robots) {
      finish_robots(index, r);
      return;
    }
    if (r.outcome == Outcome::ok && options_.soft404_probe && looks_like_html(r)) {
      ProbeState& ps = probed_hosts_[job.host];
      if (!ps.done) {
        ps.held.emplace_back(index, std::move(r));
        return;
      }
      judge_soft_404(r, ps.probe);
    }
    deliver(index, std::move(r));
  }

  void finish_robots(std::size_t index, const Response& r) {
    RobotsState& rs = robots_[jobs_[index].host];
    rs.done = true;
    // Only a robots.txt that was actually served counts. A missing one (4xx) allows everything;
    // an unreachable one also lets the requests go ahead, so that they report their own network
    // outcome instead of a guessed "disallowed".
    if (r.outcome == Outcome::ok && r.http_status >= 200 && r.http_status < 300)
      rs.rules = RobotsRules::parse(r.body, options_.robots_product);
    jobs_[index].delivered = true;
    --outstanding_;
    for (std::size_t waiting : rs.waiting) frontier_.push(jobs_[waiting].host, waiting, jobs_[waiting].kind == Job::Kind::probe);
    rs.waiting.clear();
    pump();  // settle() may run from a posted handler, after on_done's own pump
  }

  void finish_probe(std::size_t index, Response probe) {
    ProbeState& ps = probed_hosts_[jobs_[index].host];
    ps.done = true;
    if (probe.body.size() > 64 * 1024) probe.body.resize(64 * 1024);  // all the comparison reads
    ps.probe = std::move(probe);
    jobs_[index].delivered = true;
    --outstanding_;
    auto held = std::move(ps.held);
    ps.held.clear();
    for (auto& [page_index, page] : held) {
      judge_soft_404(page, ps.probe);
      deliver(page_index, std::move(page));
    }
  }

  static void judge_soft_404(Response& page, const Response& probe) {
    if (is_soft_404(page, probe)) {
      page.outcome = Outcome::soft_404;
      page.error = "the page matches what the host serves for the random path " + probe.url;
    }
  }

  void deliver(std::size_t index, Response r) {
    Job& job = jobs_[index];
    job.delivered = true;
    --outstanding_;
    // Keep the metadata for late duplicates, never a second copy of the body.
    std::string body = std::move(r.body);
    job.summary = r;
    r.body = std::move(body);
    job.summary.headers.clear();
    auto requesters = std::move(job.requesters);
    job.requesters.clear();
    for (std::size_t i = 0; i + 1 < requesters.size(); ++i) {
      Response copy = r;  // only duplicates submitted while in flight pay for a copy
      copy.tag = requesters[i].tag;
      copy.url = requesters[i].url;
      (*on_response_)(std::move(copy));
    }
    r.tag = requesters.back().tag;
    r.url = requesters.back().url;
    (*on_response_)(std::move(r));
  }

  void flush_late_duplicates() {
    auto pending = std::move(late_duplicates_);
    late_duplicates_.clear();
    for (auto& r : pending) (*on_response_)(std::move(r));
  }

  FetchOptions options_;
  boost::asio::io_context io_;
  HostFrontier frontier_;
  boost::asio::steady_timer wake_;
  bool wake_armed_ = false;
  Clock::time_point wake_at_{};
  std::mt19937_64 rng_;
  curl_slist* resolve_ = nullptr;
  std::optional<ResponseCache> cache_;
  std::optional<boost::asio::thread_pool> pool_;  // digests and page inspection off the loop
  std::unique_ptr<CurlAsioLoop> loop_;
  std::deque<Job> jobs_;
  std::unordered_map<std::string, std::size_t> by_url_;
  std::unordered_map<CURL*, std::size_t> running_;
  std::unordered_map<std::string, ProbeState> probed_hosts_;
  std::unordered_map<std::string, RobotsState> robots_;
  std::vector<Response> late_duplicates_;
  std::size_t outstanding_ = 0;
  static constexpr milliseconds kLeastUsefulAttempt{250};
  static constexpr std::size_t kMaxPipelineBytes = 16u << 20;
  std::size_t pipeline_bytes_ = 0;  // response bodies handed to the pool, not yet settled
  const OnResponse* on_response_ = nullptr;
};

}  // namespace

std::unique_ptr<Fetcher> make_fetcher(const FetchOptions& options) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!curl_ready) throw std::runtime_error("curl_global_init failed");
  return std::make_unique<Engine>(options);
}

}  // namespace oitscan::fetch
