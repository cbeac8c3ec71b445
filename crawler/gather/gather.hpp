#pragma once
// Builds each item's evidence graph: the submitted URLs and the documents they link to, to the
// depth the item's rule file allows. Every URL is fetched and read once per run, whichever items
// share it. Gathering streams: each body goes to the process's CPU pool (common/cpu_pool.hpp) as
// it arrives, a page whose links are followed is read at once and its links enter the fetch
// frontier while slower fetches are still running (no level barrier), and a body is dropped as
// soon as it is read and archived. The graph itself is built in discovery order (breadth first,
// the submitted URLs first), whatever order the fetches complete in.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extract/document.hpp"
#include "gather/evidence.hpp"
#include "gather/source.hpp"

namespace oitscan::gather {

struct Record {  // one URL of the run
  FetchedPtr fetched;  // its body is dropped once read and archived
  std::size_t body_bytes = 0;  // the body's size as fetched
  extract::Document document;
  bool read = false;  // document holds the extraction
};

class ExtractionCache;

struct GatherOptions {
  // Bytes of bodies fetched but not yet read and archived; over it, fetching waits. One body
  // larger than this still passes (alone).
  std::size_t body_budget = 64u << 20;
  int context_fiscal_year_be = 0;
  // Where readings of earlier runs are kept (gather/extraction_cache.hpp); null = read everything.
  // Shared by every unit of a scan.
  std::shared_ptr<ExtractionCache> extraction_cache;
  // Called on the reading thread when a document's reading starts (progress displays, tests).
  std::function<void(const std::string& url)> on_reading;
  // Called on the reading thread once a document is read, while its body is still held: the
  // last look at the bytes (captures/ of a check).
  std::function<void(const fetch::Response&, const extract::Document&)> on_read;
  // Asked on the reading thread just before a document is read. An outcome skips the reading: the
  // document counts as fetched with that outcome instead (scaleout/worker.cpp answers
  // extraction_crashed for a document whose reading crashed two earlier attempts of the job).
  std::function<std::optional<fetch::Outcome>(const fetch::Response&)> before_reading;
  // Set: readings in flight stop (OCR ends at the next word) and their results are not kept in
  // the extraction cache (scaleout/worker.cpp sets it when the job's lease is lost).
  std::shared_ptr<const std::atomic<bool>> cancel;
};

// Which links of a page belong to an item's evidence, and how many: data of the rule set
// (ruleset.yaml `follow:`), so next year's policy needs no code change.
struct FollowPolicy {
  std::size_t max_links_per_page = 60;
  std::size_t max_documents_per_item = 80;
  // Words in a link's anchor, title or surrounding row that say it leads to a document even when
  // its URL has no file extension ("ดาวน์โหลด", "ไฟล์แนบ", "download.php?id=17").
  std::vector<std::string> document_cues;
};

// What to gather: per item the submitted URLs, how deep to follow links and what the item's
// documents are called, the unit's website and the follow policy.
struct GatherPlan {
  std::map<std::string, std::vector<std::string>> items;       // O1 -> submitted URLs, in order
  std::map<std::string, int> follow_depth;                     // O1 -> link depth (absent: 0)
  std::map<std::string, std::vector<std::string>> item_cues;  // O1 -> phrases naming its documents
  std::string website;                                          // the unit's main website
  FollowPolicy follow;
};

class EvidenceGatherer {
 public:
  EvidenceGatherer(DocumentSource& source, GatherOptions options) : source_(source), options_(options) {}

  // Item id -> the documents of its evidence graph (submitted first), including failed fetches.
  std::map<std::string, std::vector<EvidenceDoc>> gather(const GatherPlan& plan);

  const std::map<std::string, Record>& records() const { return records_; }
  std::map<std::string, Record> take_records() { return std::move(records_); }
  // The most body bytes held at once during the last gather (memory bounded by body_budget).
  std::size_t peak_body_bytes() const { return peak_body_bytes_; }

 private:
  DocumentSource& source_;
  GatherOptions options_;
  std::map<std::string, Record> records_;
  std::size_t peak_body_bytes_ = 0;
};

// Whether a link found on `page_url` belongs to the evidence: documents (by extension or viewer)
// anywhere; pages of the same site in the same folder or below; and a link of the same site
// without a file extension when its context (`cue_keys`, thai::cue_key form) says it is a document.
// Never the site's home page. Links in site chrome are never asked about.
bool should_follow(const std::string& page_url, const std::string& link_url, const std::string& website,
                   const std::string& link_context = {}, const std::vector<std::string>& cue_keys = {});

// The evidence view of a fetched, read document. The text of links to `dead_urls` is blanked out:
// "No Gift Policy" as the label of a dead link is not the policy.
EvidenceDoc to_evidence(const Record& record, const std::set<std::string>& dead_urls = {});

}  // namespace oitscan::gather
