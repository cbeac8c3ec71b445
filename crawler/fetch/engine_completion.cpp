// The fetch engine, completion side: a finished response is stamped on the loop thread, digested
// and inspected on the worker pool, then judged (soft-404, robots) and delivered on the loop thread.
#include "fetch/engine.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include "common/digest.hpp"
#include "common/time.hpp"
#include "fetch/header_values.hpp"
#include "fetch/page_signals.hpp"

namespace oitscan::fetch {

// Completion runs in three steps: bookkeeping on the loop thread, the CPU- and disk-heavy part
// (digest, page inspection, cache write) on the worker pool, then the verdicts that need engine
// state back on the loop thread. Without a pool the middle step runs inline.
void Engine::complete(std::size_t index, Response r) {
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
    if (r.attachment_filename.empty()) r.attachment_filename = job.cached->attachment_filename;
    r.charset = charset_label(r.content_type);
    if (!r.last_modified) r.last_modified = parse_http_date(job.cached->last_modified);
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
void Engine::inspect(Response& r, const std::string& url, Job::Kind kind) const {
  r.sha256 = sha256_hex(r.body);
  if (cache_ && kind == Job::Kind::request && r.outcome == Outcome::ok) cache_->store(url, r);
  if (r.outcome == Outcome::ok && options_.detect_interstitials) {
    if (auto why = interstitial_reason(r); !why.empty()) {
      r.outcome = Outcome::interstitial;
      r.error = why;
    }
  }
  // Probes are left alone: a probe that says "not found" is exactly what it should be.
  if (r.outcome == Outcome::ok && kind == Job::Kind::request && not_found_rules_ != nullptr) {
    if (auto why = not_found_statement(r, *not_found_rules_); !why.empty()) {
      r.outcome = Outcome::soft_404;
      r.error = "the page says it is not found: " + why;
    }
  }
}

void Engine::settle(std::size_t index, Response r) {
  Job& job = jobs_[index];
  if (job.kind == Job::Kind::probe) {
    finish_probe(index, std::move(r));
    return;
  }
  if (job.kind == Job::Kind::robots) {
    finish_robots(index, r);
    return;
  }
  if (r.outcome == Outcome::ok && !job.probe_keys.empty() && looks_like_html(r)) {
    await_probes(index, std::move(r));
    return;
  }
  deliver(index, std::move(r));
}

void Engine::finish_robots(std::size_t index, const Response& r) {
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

void Engine::finish_probe(std::size_t index, Response probe) {
  ProbeState& ps = probes_.at(jobs_[index].probe_keys.front());
  ps.done = true;
  if (probe.body.size() > 64 * 1024) probe.body.resize(64 * 1024);  // all the comparison reads
  ps.probe = std::move(probe);
  jobs_[index].delivered = true;
  --outstanding_;
  auto held = std::move(ps.held);
  ps.held.clear();
  // No reference into probes_ past this point: delivering may submit (and probe) new URLs.
  for (auto& [page_index, page] : held) await_probes(page_index, std::move(page));
}

// A page is judged once every probe it is compared with has answered; until then it waits in
// the first unfinished one. It is a soft 404 when it matches any of them.
void Engine::await_probes(std::size_t index, Response page) {
  const std::vector<std::string>& keys = jobs_[index].probe_keys;
  for (const auto& key : keys) {
    ProbeState& ps = probes_.at(key);
    if (!ps.done) {
      ps.held.emplace_back(index, std::move(page));
      return;
    }
  }
  for (const auto& key : keys) {
    if (judge_soft_404(page, probes_.at(key).probe)) break;
  }
  deliver(index, std::move(page));
}

bool Engine::judge_soft_404(Response& page, const Response& probe) {
  if (!is_soft_404(page, probe)) return false;
  page.outcome = Outcome::soft_404;
  page.error = "the page matches what the host serves for the random path " + probe.url;
  return true;
}

void Engine::deliver(std::size_t index, Response r) {
  Job& job = jobs_[index];
  job.delivered = true;
  --outstanding_;
  // Keep the metadata for late duplicates, never a second copy of the body (nor of the headers,
  // which late duplicates do not carry).
  std::string body = std::move(r.body);
  auto headers = std::move(r.headers);
  job.summary = r;
  job.summary.headers.clear();  // (a moved-from vector is only "valid")
  r.body = std::move(body);
  r.headers = std::move(headers);
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

void Engine::flush_late_duplicates() {
  auto pending = std::move(late_duplicates_);
  late_duplicates_.clear();
  for (auto& r : pending) (*on_response_)(std::move(r));
}

}  // namespace oitscan::fetch
