#include "gather/http_source.hpp"

#include <deque>

#include "fetch/url_key.hpp"

namespace oitscan::gather {

HttpSource::HttpSource(const fetch::FetchOptions& options, std::chrono::milliseconds unit_budget)
    : fetcher_(fetch::make_fetcher(options)), unit_budget_(unit_budget), started_(std::chrono::steady_clock::now()) {}

bool HttpSource::budget_left() {
  if (unit_budget_.count() <= 0) return true;
  const auto left = unit_budget_ - std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  if (left.count() <= 0) return false;
  fetcher_->set_run_budget(left);
  return true;
}

std::vector<FetchedPtr> HttpSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchedPtr> out;
  out.reserve(urls.size());
  if (!budget_left()) {
    for (const auto& u : urls) out.push_back(unfetched(u, fetch::Outcome::timeout, std::string(fetch::kRunBudgetSpent)));
    return out;
  }
  for (auto& r : fetcher_->fetch_urls(urls)) {
    if (r.final_url.empty()) r.final_url = r.url;
    out.push_back(std::make_shared<fetch::Response>(std::move(r)));
  }
  return out;
}

void HttpSource::fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched) {
  const bool can_fetch = budget_left();
  // Answers that need no server (a malformed URL, the budget spent) are handed on from here, in
  // order, as the links that produce them come in.
  std::deque<FetchedPtr> local;
  auto ask = [&](const std::vector<std::string>& wanted) {
    for (const auto& u : wanted) {
      if (!can_fetch) {
        local.push_back(unfetched(u, fetch::Outcome::timeout, std::string(fetch::kRunBudgetSpent)));
      } else if (!fetch::parse_http_url(u)) {
        local.push_back(unfetched(u, fetch::Outcome::invalid_url, "not an absolute http(s) URL: " + u));
      } else {
        fetcher_->submit(fetch::Request{u, 0});
      }
    }
  };
  auto hand_on = [&](const FetchedPtr& f) {
    ask(on_fetched(f, ledger.hold(f)));
    while (!local.empty()) {
      FetchedPtr next = std::move(local.front());
      local.pop_front();
      ask(on_fetched(next, ledger.hold(next)));
    }
  };
  ask(urls);
  while (!local.empty()) {
    FetchedPtr next = std::move(local.front());
    local.pop_front();
    ask(on_fetched(next, ledger.hold(next)));
  }
  if (!can_fetch) return;
  // The engine's callback may submit more requests: links enter its frontier as soon as found.
  fetcher_->run([&](fetch::Response&& r) {
    if (r.final_url.empty()) r.final_url = r.url;
    hand_on(std::make_shared<fetch::Response>(std::move(r)));
  });
}

}  // namespace oitscan::gather
