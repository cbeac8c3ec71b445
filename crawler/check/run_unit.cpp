#include "check/run_unit.hpp"

#include "check/outputs.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/extraction_cache.hpp"
#include "gather/http_source.hpp"
#include "gather/offline_source.hpp"

namespace oitscan::check {
namespace {

// Hands every response the inner source produced to an observer, then passes it on.
class ObservedSource : public gather::DocumentSource {
 public:
  ObservedSource(gather::DocumentSource& inner, const std::function<void(const fetch::Response&)>& observer,
                 const std::function<void(std::size_t)>& on_batch)
      : inner_(inner), observer_(observer), on_batch_(on_batch) {}
  std::vector<gather::FetchedPtr> fetch_all(const std::vector<std::string>& urls) override {
    if (on_batch_) on_batch_(urls.size());
    auto fetched = inner_.fetch_all(urls);
    if (observer_) {
      for (const auto& f : fetched) observer_(*f);
    }
    return fetched;
  }

 private:
  gather::DocumentSource& inner_;
  const std::function<void(const fetch::Response&)>& observer_;
  const std::function<void(std::size_t)>& on_batch_;
};

}  // namespace

std::filesystem::path evidence_file(const std::filesystem::path& out_dir) { return out_dir / "evidence.warc.gz"; }

UnitResult run_unit(const Submission& submission, const RuleBook& book, const UnitRunOptions& options) {
  UnitResult result;
  std::filesystem::create_directories(options.out_dir);
  check_output_targets(options.out_dir);  // before any fetch: refuse a linked output early
  if (options.offline) {
    // Re-judge what earlier runs captured, with today's rules; nothing is fetched or archived.
    gather::OfflineSource source(gather::archived_evidence(options.out_dir));
    result.offline_captures = source.captures();
    result.run = run_check(submission, source, *book.rules, book.framework, options.check);
  } else {
    keep_previous_evidence(options.out_dir);
    result.evidence = evidence_file(options.out_dir);
    gather::EvidenceArchive archive(result.evidence, options.fetch.user_agent, options.fetch.cache_dir);
    gather::HttpSource network(options.fetch, options.unit_budget);
    gather::ArchivingSource archived(network, archive);
    ObservedSource source(archived, options.on_fetched, options.on_batch);
    CheckOptions check = options.check;
    // With a fetch cache, readings are cached beside it: an unchanged document is read once.
    if (!check.gather.extraction_cache && !options.fetch.cache_dir.empty()) {
      check.gather.extraction_cache = std::make_shared<gather::ExtractionCache>(std::filesystem::path(options.fetch.cache_dir) / "extracted");
    }
    result.run = run_check(submission, source, *book.rules, book.framework, check);
    archive.record_conversions(result.run->records);
    archive.record_verdicts(submission.unit_id, result.run->rules_version, judged_items(*result.run));
    archive.sync();  // nothing may point at bytes the disk lost
  }
  result.results = write_outputs(*result.run, book.framework, options.out_dir);
  return result;
}

}  // namespace oitscan::check
