#include "gather/evidence_archive.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "common/data_dir.hpp"
#include "common/text.hpp"
#include "archive/warc_fields.hpp"
#include "fetch/url_key.hpp"

namespace oitscan::gather {
namespace {

// The request as the fetch engine sends it (libcurl does not hand back the exact bytes).
std::string request_head(const std::string& url, const std::string& user_agent) {
  auto u = boost::urls::parse_uri(url);
  std::string target = "/", host;
  if (u) {
    target = std::string(u->encoded_path());
    if (target.empty()) target = "/";
    if (u->has_query()) target += "?" + std::string(u->encoded_query());
    host = std::string(u->encoded_host_and_port());
  }
  return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + user_agent + "\r\nAccept: */*\r\n\r\n";
}

// The fetch engine hands over the body after content decoding, so the stored head must not claim
// an encoding or length the stored body no longer has: those headers are renamed, not dropped.
std::string response_head(const fetch::Response& f) {
  std::string head = "HTTP/1.1 " + std::to_string(f.http_status) + "\r\n";
  for (const auto& [name, value] : f.headers) {
    if (iequals(name, "content-encoding") || iequals(name, "content-length") ||
        iequals(name, "transfer-encoding")) {
      head += "X-Oitscan-Original-" + name + ": " + value + "\r\n";
    } else {
      head += name + ": " + value + "\r\n";
    }
  }
  head += "Content-Length: " + std::to_string(f.body.size()) + "\r\n\r\n";
  return head;
}

// A 304 exactly as it came: its status and headers, no body (the body the engine hands on is the
// cached copy, which the server did not send).
std::string not_modified_head(const fetch::Response& f) {
  std::string head = "HTTP/1.1 304 Not Modified\r\n";
  for (const auto& [name, value] : f.headers) head += name + ": " + value + "\r\n";
  return head + "\r\n";
}

bool is_not_modified(const fetch::Response& f) { return f.http_status == 304; }

// The key the fetch engine files a URL under in its cache.
std::optional<std::string> cache_key(const std::string& url) {
  auto parsed = fetch::parse_http_url(url);
  if (!parsed) return std::nullopt;
  return parsed->normalized;
}

archive::PriorCapture prior_of(const fetch::CaptureRef& c) {
  return archive::PriorCapture{c.record_id, c.target_uri, c.date, c.payload_sha1, c.payload_sha256};
}

}  // namespace

EvidenceArchive::EvidenceArchive(const std::filesystem::path& file, std::string user_agent, const std::filesystem::path& cache_dir)
    : writer_(file, archive::WarcInfo{"", "", "oitscan check evidence", ""}), user_agent_(std::move(user_agent)) {
  if (!cache_dir.empty()) cache_.emplace(cache_dir, fetch::CacheLimits{}, false);  // the engine prunes it
}

std::optional<fetch::CaptureRef> EvidenceArchive::prior_capture(const fetch::Response& f) const {
  if (!cache_ || f.truncated) return std::nullopt;
  const auto key = cache_key(f.url);
  if (!key) return std::nullopt;
  auto capture = cache_->capture_of(*key);
  // Only a capture of exactly this body: the payload a revisit stands for must be the one we read.
  if (!capture || capture->payload_sha256 != f.sha256 || capture->target_uri.empty() || !archive::is_warc_date(capture->date)) {
    return std::nullopt;
  }
  return capture;
}

void EvidenceArchive::remember_capture(const fetch::Response& f, const archive::RecordRef& response, const std::string& target_uri) {
  if (!cache_ || f.truncated || f.outcome != fetch::Outcome::ok) return;
  const auto key = cache_key(f.url);
  if (!key) return;
  cache_->remember_capture(*key, fetch::CaptureRef{response.record_id, target_uri, f.fetched_at, response.payload_sha1, response.payload_sha256});
}

void EvidenceArchive::record_exchange(fetch::Response& f) {
  if (f.http_status <= 0) return;
  const std::string key = cache_key(f.url).value_or(f.url);
  if (f.duplicate) {
    // The engine fetched this URL once and hands later requests its metadata only, without the
    // body or headers: nothing new was exchanged, so nothing is written; it shares the record.
    if (auto known = by_key_.find(key); known != by_key_.end()) {
      f.warc_record_id = known->second.first;
      f.warc_revisit_record_id = known->second.second;
      response_ids_[f.url] = f.warc_record_id;
    }
    return;
  }
  archive::HttpExchange ex;
  ex.target_uri = f.final_url.empty() ? f.url : f.final_url;
  ex.ip_address = f.remote_ip;
  ex.fetched_at = f.fetched_at;
  ex.request_head = request_head(ex.target_uri, user_agent_);
  ex.status = static_cast<int>(f.http_status);
  ex.truncated = f.truncated;
  if (f.url != ex.target_uri) ex.extra_fields.emplace_back("X-Oitscan-Requested-URI", f.url);
  ex.extra_fields.emplace_back("X-Oitscan-Fetch-Outcome", std::string(fetch::to_string(f.outcome)));
  const auto prior = prior_capture(f);
  archive::ExchangeRefs refs;
  if (is_not_modified(f)) {
    // The server said "not modified": what it sent is a head, and the body we judge is the one
    // captured earlier. A revisit says exactly that and points at the capture.
    ex.response_head = not_modified_head(f);
    if (prior) {
      refs = writer_.write_not_modified(ex, prior_of(*prior));
      ++counts_.not_modified;
    } else {
      // No known capture (a cache filled before captures were remembered): the 304 as it came,
      // bodiless; the run still judges the cached body. The cache entry is dropped, so the next
      // run fetches the body in full, archives it and remembers that capture.
      refs = writer_.write_exchange(ex);
      ++counts_.unknown_original;
      if (cache_) cache_->forget(key);
    }
  } else if (prior && f.outcome == fetch::Outcome::ok && f.sha256 == prior->payload_sha256) {
    // The engine's digest of exactly these bytes (prior_capture compared it already); the writer
    // checks the SHA-1 it computes anyway against the prior's, so a revisit never stands for a
    // body that differs from the one it refers to.
    ex.response_head = response_head(f);
    ex.body_view = f.body;  // archived from the response itself, never copied
    ex.payload_sha256 = f.sha256;  // the engine's digest of exactly these bytes: not hashed again
    refs = writer_.write_identical_payload(ex, prior_of(*prior));
    ++counts_.identical_payload;
  } else {
    ex.response_head = response_head(f);
    ex.body_view = f.body;  // archived from the response itself, never copied
    ex.payload_sha256 = f.sha256;  // the engine's digest of exactly these bytes: not hashed again
    refs = writer_.write_exchange(ex);
    ++counts_.responses;
    remember_capture(f, refs.response, ex.target_uri);
  }
  // Evidence points at the record that holds the payload: for a revisit, the original capture.
  const bool revisit = refs.response.type == "revisit";
  f.warc_record_id = revisit ? prior->record_id : refs.response.record_id;
  if (revisit) f.warc_revisit_record_id = refs.response.record_id;
  response_ids_[f.url] = f.warc_record_id;
  by_key_[key] = {f.warc_record_id, f.warc_revisit_record_id};
}

void EvidenceArchive::record_conversions(const std::map<std::string, Record>& records) {
  for (const auto& [url, r] : records) {
    auto id = response_ids_.find(url);
    if (!r.read || id == response_ids_.end()) continue;
    archive::Conversion c;
    c.target_uri = r.fetched->final_url.empty() ? url : r.fetched->final_url;
    c.refers_to = id->second;
    c.text = r.document.full_text();
    c.extra_fields.emplace_back("X-Oitscan-Format", std::string(extract::to_string(r.document.format)));
    c.extra_fields.emplace_back("X-Oitscan-Text-Source", r.document.text_source());
    writer_.write_conversion(c);
  }
}

void EvidenceArchive::record_verdicts(const std::string& unit_id, const std::string& rules_version,
                                      const std::vector<JudgedItem>& items) {
  for (const auto& item : items) {
    nlohmann::ordered_json j = {{"unit", unit_id}, {"item", item.item}, {"verdict", item.verdict}, {"rules_version", rules_version}};
    nlohmann::ordered_json reqs = nlohmann::ordered_json::array();
    for (const auto& r : item.requirements) reqs.push_back({{"id", r.id}, {"verdict", r.verdict}, {"reason", r.reason}});
    j["requirements"] = reqs;
    archive::Metadata m;
    m.target_uri = "urn:oitscan:" + unit_id + ":" + item.item;
    m.concurrent_to = item.judged_records;
    m.json = j.dump();
    writer_.write_metadata(m);
  }
}

std::vector<FetchedPtr> ArchivingSource::fetch_all(const std::vector<std::string>& urls) {
  auto fetched = inner_.fetch_all(urls);
  for (auto& f : fetched) {
    archive_.record_exchange(*f);
    if (archived_) archived_(*f);
  }
  return fetched;
}

void ArchivingSource::fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched) {
  // The queue holds each response with a hold on its body: the body stays until it is written
  // (and read), and the ledger counts it, so the fetching side waits when the archive falls behind.
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::pair<FetchedPtr, BodyHold>> queue;
  bool finished = false;
  std::exception_ptr failure;
  std::thread writer([&] {
    for (;;) {
      std::pair<FetchedPtr, BodyHold> next;
      {
        std::unique_lock<std::mutex> lock(mutex);
        ready.wait(lock, [&] { return finished || !queue.empty(); });
        if (queue.empty()) return;
        next = std::move(queue.front());
        queue.pop_front();
      }
      if (failure) continue;  // the archive is broken: drain, the caller gets the first error
      try {
        archive_.record_exchange(*next.first);
        if (archived_) archived_(*next.first);
      } catch (...) {
        failure = std::current_exception();
      }
    }
  });
  auto stop_writer = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      finished = true;
    }
    ready.notify_all();
    writer.join();
  };
  try {
    inner_.fetch_stream(urls, ledger, [&](const FetchedPtr& f, const BodyHold& hold) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        queue.emplace_back(f, hold);
      }
      ready.notify_one();
      return on_fetched(f, hold);
    });
  } catch (...) {
    stop_writer();
    throw;
  }
  stop_writer();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace oitscan::gather
