#include "gather/offline_source.hpp"

#include <algorithm>

#include "archive/http_message.hpp"
#include "archive/warc_reader.hpp"
#include "fetch/header_values.hpp"

namespace oitscan::gather {

std::vector<std::filesystem::path> archived_evidence(const std::filesystem::path& out_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(out_dir / "archive", ec)) {
    for (const auto& e : std::filesystem::directory_iterator(out_dir / "archive")) {
      if (e.path().string().ends_with(".warc.gz")) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());  // named by start time: oldest first
  if (std::filesystem::exists(out_dir / "evidence.warc.gz")) files.push_back(out_dir / "evidence.warc.gz");
  return files;
}

OfflineSource::OfflineSource(const std::vector<std::filesystem::path>& files) {
  std::map<std::string, Where> responses;  // record id -> response record holding a payload
  for (const auto& file : files) {
    archive::WarcReader reader(file);
    while (auto rec = reader.next(false)) {
      const std::string type = rec->type();
      if (type != "response" && type != "revisit") continue;
      // A 304 kept as a bodiless response (its original unknown) holds nothing to judge.
      if (type == "response" && rec->fields.get("X-Oitscan-Fetch-Outcome").value_or("") == "not-modified") continue;
      Where w{file, rec->offset, rec->date(), rec->fields.get("WARC-Refers-To").value_or("")};
      if (type == "response") {
        responses[rec->record_id()] = w;
      } else if (w.refers_to.empty()) {
        continue;
      }
      for (const std::string& uri : {rec->target_uri(), rec->fields.get("X-Oitscan-Requested-URI").value_or("")}) {
        if (uri.empty()) continue;
        auto it = index_.find(uri);
        if (it == index_.end() || it->second.date <= w.date) index_[uri] = w;
      }
    }
  }
  // A revisit stands for the payload of the capture it refers to; one whose original is not in
  // these files falls back to nothing (the URL is then not archived here).
  for (auto it = index_.begin(); it != index_.end();) {
    if (it->second.refers_to.empty()) {
      ++it;
      continue;
    }
    auto original = responses.find(it->second.refers_to);
    if (original == responses.end()) {
      it = index_.erase(it);
      continue;
    }
    const std::string date = it->second.date;
    it->second = original->second;
    it->second.date = date;  // when it was last confirmed
    ++it;
  }
}

std::vector<FetchedPtr> OfflineSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<FetchedPtr> out;
  for (const auto& url : urls) {
    auto it = index_.find(url);
    if (it == index_.end()) {
      out.push_back(unfetched(url, fetch::Outcome::not_archived));
      continue;
    }
    const auto rec = archive::read_record_at(it->second.file, it->second.offset);
    auto f = std::make_shared<fetch::Response>();
    f->url = url;
    f->final_url = rec.target_uri();
    f->fetched_at = it->second.date;
    f->warc_record_id = rec.record_id();
    f->sha256 = rec.fields.get("X-Oitscan-Payload-SHA256").value_or("");
    // The stored outcome decides, as it did when the capture was judged.
    const auto outcome = fetch::outcome_from_string(rec.fields.get("X-Oitscan-Fetch-Outcome").value_or("ok"));
    f->outcome = outcome.value_or(fetch::Outcome::http_error);
    // HTTP head and body of the stored response.
    const auto [head, body] = archive::split_http(rec.block);
    f->http_status = archive::status_code(head).value_or(0);
    f->headers = archive::header_fields(head);
    f->body = std::string(body);
    fetch::read_entity_headers(*f);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace oitscan::gather
