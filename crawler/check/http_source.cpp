#include "check/http_source.hpp"

#include <algorithm>
#include <cctype>

#include "fetch/outcome.hpp"

namespace oitscan::check {

HttpSource::HttpSource(const fetch::FetchOptions& options) : fetcher_(fetch::make_fetcher(options)) {}

Fetched to_fetched(fetch::Response&& r) {
  Fetched f;
  f.url = r.url;
  f.final_url = r.final_url.empty() ? r.url : r.final_url;
  f.http_status = static_cast<int>(r.http_status);
  set_outcome(f, fetch::to_string(r.outcome));
  if (!r.error.empty()) f.message_en += " (" + r.error + ")";
  f.content_type = r.content_type;
  f.body = std::move(r.body);
  f.truncated = r.truncated;
  f.fetched_at = r.fetched_at;
  f.sha256 = r.sha256;
  f.remote_ip = r.remote_ip;
  f.elapsed_ms = r.elapsed_ms;
  for (const auto& hop : r.redirects) f.redirects.push_back(hop.url);
  f.headers = std::move(r.headers);
  for (const auto& [name, value] : f.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "last-modified") f.last_modified = value;
  }
  return f;
}

std::vector<Fetched> HttpSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<fetch::Request> requests;
  requests.reserve(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) requests.push_back(fetch::Request{urls[i], i});
  std::vector<Fetched> out(urls.size());
  std::vector<fetch::Response> responses;
  try {
    responses = fetcher_->fetch_all(requests);
  } catch (const std::invalid_argument& e) {
    // A URL the engine refuses outright; fetch one by one so the others still go through.
    for (std::size_t i = 0; i < urls.size(); ++i) {
      try {
        auto one = fetcher_->fetch_all({fetch::Request{urls[i], i}});
        out[i] = to_fetched(std::move(one.front()));
      } catch (const std::invalid_argument& bad) {
        out[i].url = out[i].final_url = urls[i];
        out[i].state = evaluate::FetchState::Missing;
        out[i].outcome = "invalid-url";
        out[i].message_th = "URL ไม่ถูกต้อง";
        out[i].message_en = std::string("invalid URL: ") + bad.what();
      }
    }
    return out;
  }
  for (std::size_t i = 0; i < responses.size() && i < out.size(); ++i) out[i] = to_fetched(std::move(responses[i]));
  return out;
}

}  // namespace oitscan::check
