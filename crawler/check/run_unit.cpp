#include "check/run_unit.hpp"

#include "check/outputs.hpp"
#include "common/atomic_file.hpp"
#include "gather/evidence_archive.hpp"
#include "gather/extraction_cache.hpp"
#include "gather/http_source.hpp"
#include "gather/offline_source.hpp"

namespace oitscan::check {
namespace {

// Tells progress displays how many URLs each request to the inner source asks for.
class CountedSource : public gather::DocumentSource {
 public:
  CountedSource(gather::DocumentSource& inner, const std::function<void(std::size_t)>& on_batch) : inner_(inner), on_batch_(on_batch) {}
  std::vector<gather::FetchedPtr> fetch_all(const std::vector<std::string>& urls) override {
    if (on_batch_) on_batch_(urls.size());
    return inner_.fetch_all(urls);
  }
  void fetch_stream(const std::vector<std::string>& urls, gather::BodyLedger& ledger, const OnFetched& on_fetched) override {
    if (on_batch_) on_batch_(urls.size());
    inner_.fetch_stream(urls, ledger, [&](const gather::FetchedPtr& f, const gather::BodyHold& hold) {
      auto more = on_fetched(f, hold);
      if (on_batch_ && !more.empty()) on_batch_(more.size());
      return more;
    });
  }

 private:
  gather::DocumentSource& inner_;
  const std::function<void(std::size_t)>& on_batch_;
};

// Bodies are dropped once read and archived, so captures/ is written while each is still held.
void keep_captures(CheckOptions& check, const std::filesystem::path& out_dir) {
  if (std::filesystem::is_symlink(out_dir / "captures")) {
    throw OutputError((out_dir / "captures").string() + ": is a symbolic link; refusing to write captures through it");
  }
  auto earlier = check.gather.on_read;
  check.gather.on_read = [out_dir, earlier](const fetch::Response& f, const extract::Document& doc) {
    write_capture(out_dir, f, doc.format);
    if (earlier) earlier(f, doc);
  };
}

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
    CheckOptions check = options.check;
    keep_captures(check, options.out_dir);
    result.run = run_check(submission, source, *book.rules, book.framework, check);
  } else {
    keep_previous_evidence(options.out_dir);
    result.evidence = evidence_file(options.out_dir);
    gather::EvidenceArchive archive(result.evidence, options.fetch.user_agent, options.fetch.cache_dir);
    gather::HttpSource network(options.fetch, options.unit_budget);
    gather::ArchivingSource archived(network, archive, options.on_fetched);
    CountedSource source(archived, options.on_batch);
    CheckOptions check = options.check;
    keep_captures(check, options.out_dir);
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
