#pragma once
// evidence.warc.gz of a check: every HTTP exchange as request/response records, the text read from
// each document as a `conversion` record, and each item's verdicts as a `metadata` record that
// points at the responses it judged — so an auditor can verify later exactly what was seen.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archive/warc_writer.hpp"
#include "fetch/response_cache.hpp"
#include "gather/gather.hpp"
#include "gather/source.hpp"

namespace oitscan::gather {

// What a metadata record says of one judged item (verdicts spelt as in results.json).
struct JudgedItem {
  struct Requirement {
    std::string id;
    std::string verdict;
    std::string reason;
  };
  std::string item;
  std::string verdict;
  std::vector<Requirement> requirements;
  std::vector<std::string> judged_records;  // WARC-Record-IDs of the responses the verdicts rest on
};

// What a run's archive wrote, by kind: how faithful and how cheap a rescan was.
struct ArchiveCounts {
  std::size_t responses = 0;          // full response records (a body the archive had not seen)
  std::size_t not_modified = 0;       // server-not-modified revisits (a 304)
  std::size_t identical_payload = 0;  // identical-payload-digest revisits (a 200 with the same body)
  std::size_t unknown_original = 0;   // 304s whose original capture is unknown: a bodiless response record
};

class EvidenceArchive {
 public:
  // `cache_dir`: the conditional-GET cache of the fetch engine ("" = none). Through it the archive
  // remembers where each cached body was captured, so a 304 on a later run is written as a
  // revisit of that capture and never as a response holding a body the server did not send.
  EvidenceArchive(const std::filesystem::path& file, std::string user_agent, const std::filesystem::path& cache_dir = {});
  // Writes the exchange and sets f.warc_record_id to the record that holds its payload: the
  // response written now, or for a revisit the original capture it refers to. A fetch that got
  // no HTTP answer has no record.
  void record_exchange(fetch::Response& f);
  const ArchiveCounts& counts() const { return counts_; }
  void record_conversions(const std::map<std::string, Record>& records);
  void record_verdicts(const std::string& unit_id, const std::string& rules_version, const std::vector<JudgedItem>& items);
  void sync() { writer_.sync(); }

 private:
  // The earlier capture of this response's body, if the cache knows one.
  std::optional<fetch::CaptureRef> prior_capture(const fetch::Response& f) const;
  void remember_capture(const fetch::Response& f, const archive::RecordRef& response, const std::string& target_uri);

  archive::WarcWriter writer_;
  std::string user_agent_;
  std::optional<fetch::ResponseCache> cache_;
  ArchiveCounts counts_;
  std::map<std::string, std::string> response_ids_;  // url -> id of the record holding its payload
  // normalised url -> (record holding the payload, revisit written or ""), for late duplicates
  std::map<std::string, std::pair<std::string, std::string>> by_key_;
};

// DocumentSource decorator: whatever the inner source fetched is archived. Streaming, the archive
// is written on a thread of its own, in arrival order, while the bodies are read: gzip and the
// WARC digests stay off the path from one fetch to the next.
class ArchivingSource : public DocumentSource {
 public:
  // `archived`: called on the archive's thread with each response once it is archived (its
  // warc_record_id set), in arrival order.
  ArchivingSource(DocumentSource& inner, EvidenceArchive& archive, std::function<void(const fetch::Response&)> archived = {})
      : inner_(inner), archive_(archive), archived_(std::move(archived)) {}
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;
  void fetch_stream(const std::vector<std::string>& urls, BodyLedger& ledger, const OnFetched& on_fetched) override;

 private:
  DocumentSource& inner_;
  EvidenceArchive& archive_;
  std::function<void(const fetch::Response&)> archived_;
};

}  // namespace oitscan::gather
