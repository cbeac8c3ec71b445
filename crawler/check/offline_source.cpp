#include "check/offline_source.hpp"

#include <algorithm>

#include "archive/warc_reader.hpp"
#include "fetch/digest_time.hpp"

namespace oitscan::check {
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
  for (const auto& file : files) {
    archive::WarcReader reader(file);
    while (auto rec = reader.next(false)) {
      if (rec->type() != "response") continue;
      const Where w{file, rec->offset, rec->date()};
      for (const std::string& uri : {rec->target_uri(), rec->fields.get("X-Oitscan-Requested-URI").value_or("")}) {
        if (uri.empty()) continue;
        auto it = index_.find(uri);
        if (it == index_.end() || it->second.date <= w.date) index_[uri] = w;
      }
    }
  }
}

std::vector<Fetched> OfflineSource::fetch_all(const std::vector<std::string>& urls) {
  std::vector<Fetched> out;
  for (const auto& url : urls) {
    Fetched f;
    f.url = f.final_url = url;
    auto it = index_.find(url);
    if (it == index_.end()) {
      f.state = evaluate::FetchState::Unverified;
      f.outcome = "not-archived";
      f.message_th = "ไม่มีหลักฐานที่เก็บไว้จากการตรวจครั้งก่อน (โหมดออฟไลน์ไม่ดึงข้อมูลใหม่)";
      f.message_en = "Never captured by an earlier run (offline mode makes no request).";
      out.push_back(std::move(f));
      continue;
    }
    const auto rec = archive::read_record_at(it->second.file, it->second.offset);
    f.final_url = rec.target_uri();
    f.fetched_at = rec.date();
    f.warc_record_id = rec.record_id();
    f.sha256 = rec.fields.get("X-Oitscan-Payload-SHA256").value_or("");
    f.outcome = rec.fields.get("X-Oitscan-Fetch-Outcome").value_or("ok");
    // HTTP head and body of the stored response.
    const std::string& block = rec.block;
    const auto split = block.find("\r\n\r\n");
    const std::string head = split == std::string::npos ? block : block.substr(0, split);
    f.body = split == std::string::npos ? std::string() : block.substr(split + 4);
    if (head.rfind("HTTP/", 0) == 0) {
      const auto sp = head.find(' ');
      f.http_status = sp == std::string::npos ? 0 : std::atoi(head.c_str() + sp + 1);
    }
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos + 2 < head.size()) {
      const auto end = head.find("\r\n", pos + 2);
      const std::string line = head.substr(pos + 2, end == std::string::npos ? std::string::npos : end - pos - 2);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        if (fetch::iequals(name, "content-type")) f.content_type = value;
        if (fetch::iequals(name, "last-modified")) f.last_modified = value;
        f.headers.emplace_back(name, value);
      }
      pos = end;
    }
    // The stored outcome decides, as it did when the capture was judged.
    set_outcome(f, f.outcome);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace oitscan::check
