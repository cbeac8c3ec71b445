// The public face of the fetch stage: the default User-Agent, fetch_all(), make_fetcher().
#include "fetch/fetcher.hpp"

#include <curl/curl.h>

#include <stdexcept>

#include "common/time.hpp"
#include "fetch/engine.hpp"
#include "fetch/sharded_fetcher.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::fetch {

std::string default_user_agent() {
  return "oitscan/0.1.0 (+https://github.com/oitscan/oitscan; ITA compliance checker)";
}

std::vector<Response> Fetcher::fetch_all(const std::vector<Request>& requests) {
  // Refuse the whole batch before queueing any of it, so a bad URL leaves nothing behind.
  for (const auto& r : requests) {
    if (!parse_http_url(r.url)) throw std::invalid_argument("not an absolute http(s) URL: " + r.url);
  }
  std::vector<Response> out(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) submit(Request{requests[i].url, i});
  run([&](Response&& r) {
    const auto i = static_cast<std::size_t>(r.tag);
    r.tag = requests[i].tag;
    out[i] = std::move(r);
  });
  return out;
}

std::vector<Response> Fetcher::fetch_urls(const std::vector<std::string>& urls) {
  std::vector<Request> valid;
  std::vector<Response> out(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (parse_http_url(urls[i])) {
      valid.push_back(Request{urls[i], i});
      continue;
    }
    out[i].url = out[i].final_url = urls[i];
    out[i].outcome = Outcome::invalid_url;
    out[i].error = "not an absolute http(s) URL: " + urls[i];
    out[i].fetched_at = iso8601_utc_now();
  }
  for (auto& r : fetch_all(valid)) {
    const auto i = static_cast<std::size_t>(r.tag);
    out[i] = std::move(r);
  }
  return out;
}

std::unique_ptr<Fetcher> make_fetcher(const FetchOptions& options) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!curl_ready) throw std::runtime_error("curl_global_init failed");
  if (options.event_loops > 1) return std::make_unique<ShardedFetcher>(options);
  return std::make_unique<Engine>(options);
}

}  // namespace oitscan::fetch
