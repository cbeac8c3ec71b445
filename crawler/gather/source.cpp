#include "gather/source.hpp"

#include "common/time.hpp"

namespace oitscan::gather {

FetchedPtr unfetched(const std::string& url, fetch::Outcome outcome, std::string detail) {
  auto r = std::make_shared<fetch::Response>();
  r->url = r->final_url = url;
  r->outcome = outcome;
  r->error = std::move(detail);
  r->fetched_at = iso8601_utc_now();
  return r;
}

}  // namespace oitscan::gather
