#include "gather/source.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace oitscan::gather {

BodyHold BodyLedger::hold(const FetchedPtr& f) {
  const std::size_t bytes = f->body.size();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held_ += bytes;
    peak_ = std::max(peak_, held_);
  }
  // The deleter runs on whichever stage lets go last; every other stage is done reading by then.
  return BodyHold(static_cast<void*>(f.get()), [this, f, bytes](void*) {
    std::string().swap(f->body);  // the memory goes, not only the length
    release(bytes);
  });
}

void BodyLedger::release(std::size_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held_ -= std::min(held_, bytes);
  }
  released_.notify_all();
}

std::size_t BodyLedger::held_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return held_;
}

std::size_t BodyLedger::peak_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return peak_;
}

void BodyLedger::wait_until_at_most(std::size_t bytes) {
  std::unique_lock<std::mutex> lock(mutex_);
  released_.wait(lock, [&] { return held_ <= bytes; });
}

bool body_obtained(const fetch::Response& f) {
  static const std::string kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  if (f.outcome == fetch::Outcome::ok || f.outcome == fetch::Outcome::not_modified) return true;
  if (!f.body.empty()) return true;
  return !f.sha256.empty() && f.sha256 != kEmptySha256;
}

void DocumentSource::fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched) {
  std::vector<std::string> round = urls;
  while (!round.empty()) {
    std::vector<std::string> next;
    for (auto& f : fetch_all(round)) {
      BodyHold hold = ledger.hold(f);
      for (auto& u : on_fetched(f, hold)) next.push_back(std::move(u));
    }
    round = std::move(next);
  }
}

FetchedPtr unfetched(const std::string& url, fetch::Outcome outcome, std::string detail) {
  auto r = std::make_shared<fetch::Response>();
  r->url = r->final_url = url;
  r->outcome = outcome;
  r->error = std::move(detail);
  r->fetched_at = iso8601_utc_now();
  return r;
}

}  // namespace oitscan::gather
