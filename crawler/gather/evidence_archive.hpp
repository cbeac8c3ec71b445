#pragma once
// evidence.warc.gz of a check: every HTTP exchange as request/response records, the text read from
// each document as a `conversion` record, and each item's verdicts as a `metadata` record that
// points at the responses it judged — so an auditor can verify later exactly what was seen.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "archive/warc_writer.hpp"
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

class EvidenceArchive {
 public:
  EvidenceArchive(const std::filesystem::path& file, std::string user_agent);
  // Writes the exchange and sets f.warc_record_id. A fetch that got no HTTP answer has no record.
  void record_exchange(fetch::Response& f);
  void record_conversions(const std::map<std::string, Record>& records);
  void record_verdicts(const std::string& unit_id, const std::string& rules_version, const std::vector<JudgedItem>& items);
  void sync() { writer_.sync(); }

 private:
  archive::WarcWriter writer_;
  std::string user_agent_;
  std::map<std::string, std::string> response_ids_;  // url -> response record id
};

// DocumentSource decorator: whatever the inner source fetched is archived before it is read.
class ArchivingSource : public DocumentSource {
 public:
  ArchivingSource(DocumentSource& inner, EvidenceArchive& archive) : inner_(inner), archive_(archive) {}
  std::vector<FetchedPtr> fetch_all(const std::vector<std::string>& urls) override;

 private:
  DocumentSource& inner_;
  EvidenceArchive& archive_;
};

}  // namespace oitscan::gather
