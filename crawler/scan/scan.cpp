#include "scan/scan.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "check/outputs.hpp"
#include "check/rule_catalog.hpp"
#include "check/run_unit.hpp"
#include "common/atomic_file.hpp"
#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "gather/extraction_cache.hpp"
#include "report/scan_index.hpp"
#include "scan/run_outputs.hpp"
#include "scan/run_record.hpp"
#include "store/history_store.hpp"

namespace oitscan::scan {
namespace {

// Which units this scan has finished, so a rerun after an interruption skips them.
class ScanState {
 public:
  explicit ScanState(std::filesystem::path file) : file_(std::move(file)) {
    std::ifstream in(file_);
    if (!in) return;
    try {
      const auto j = nlohmann::json::parse(in);
      if (j.value("finished", true)) return;  // the last scan completed: start a new one
      resumed_ = true;
      for (const auto& u : j["done"]) done_.insert(u.get<std::string>());
    } catch (const nlohmann::json::exception&) {
      // A state file cut by a crash: start over; the fetch cache still saves the downloads.
    }
  }
  bool resumed() const { return resumed_; }
  bool done(const std::string& unit) {
    std::lock_guard<std::mutex> lock(mutex_);
    return done_.count(unit) != 0;
  }
  void mark_done(const std::string& unit) {
    std::lock_guard<std::mutex> lock(mutex_);
    done_.insert(unit);
    write(false);
  }
  void finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    write(true);
  }

 private:
  void write(bool finished) {
    // Atomic and checked: a crash or a full disk leaves the old state or the new, never half.
    write_file_atomically(file_, nlohmann::json{{"finished", finished}, {"done", done_}}.dump() + "\n");
  }
  std::filesystem::path file_;
  std::set<std::string> done_;
  bool resumed_ = false;
  std::mutex mutex_;
};

// A unit's fetch log rows not yet in the store. Whatever is still here when the unit ends without
// finishing (an exception) is written on the way out, so a failed unit keeps its log.
class PendingFetches {
 public:
  explicit PendingFetches(store::HistoryStore& store) : store_(store) {}
  ~PendingFetches() {
    try {
      store_.record_fetches(rows_);
    } catch (const std::exception& e) {
      std::cerr << "oitscan scan: could not log " << rows_.size() << " fetch(es): " << e.what() << "\n";
    }
  }
  PendingFetches(const PendingFetches&) = delete;
  PendingFetches& operator=(const PendingFetches&) = delete;

  // Called from the unit's fetch callback (one thread per unit).
  void add(store::FetchRecord row) {
    rows_.push_back(std::move(row));
    if (rows_.size() >= kBatch) {
      store_.record_fetches(rows_);
      rows_.clear();
    }
  }
  // The rows for finish_run, which writes them in its transaction; clear() once it succeeded (a
  // failed finish wrote nothing, and the rows are then logged on their own).
  const std::vector<store::FetchRecord>& rows() const { return rows_; }
  void clear() { rows_.clear(); }

 private:
  static constexpr std::size_t kBatch = 512;
  store::HistoryStore& store_;
  std::vector<store::FetchRecord> rows_;
};

// What a scan did, for its closing line: how much of a rescan was really new.
struct ScanCounts {
  std::atomic<std::size_t> fetched{0};
  std::atomic<std::size_t> not_modified{0};
  std::atomic<std::size_t> revisits{0};
};

bool all_items_pass(const nlohmann::ordered_json& results) {
  for (const auto& item : results["items"]) {
    if (item.value("verdict", "") != "pass") return false;
  }
  return true;
}

UnitOutcome check_unit(const check::Submission& unit, check::RuleCatalog& catalog, const ScanOptions& options,
                       store::HistoryStore& store, const std::shared_ptr<gather::ExtractionCache>& extraction_cache,
                       ScanCounts& counts) {
  UnitOutcome outcome;
  outcome.unit_id = unit.unit_id;
  const check::RuleBook& book = catalog.for_unit(unit);
  check::UnitRunOptions run_options;
  run_options.out_dir = options.out_dir / unit.unit_id;
  run_options.fetch = options.fetch;
  // Each unit keeps its own conditional-GET cache: a 304 becomes a revisit of a capture in this
  // unit's own WARCs, never of another unit's that submitted the same URL, so a unit's archive
  // stands alone (offline re-judging, retention, an auditor's copy). Readings are still shared.
  if (!options.fetch.cache_dir.empty()) {
    run_options.fetch.cache_dir = (std::filesystem::path(options.fetch.cache_dir) / "units" / unit.unit_id).string();
  }
  run_options.unit_budget = options.unit_budget;
  run_options.check.as_of = options.as_of;
  run_options.check.gather.extraction_cache = extraction_cache;
  outcome.run_id = store.begin_run(store::Unit{unit.unit_id, unit.name_th, unit.website}, unit.framework,
                                   book.rules->id + "@" + book.rules->version, run_options.out_dir.string());
  const std::string warc = check::evidence_file(run_options.out_dir).string();
  // The unit's fetch log rows wait here and go into the store with its results, in one
  // transaction; a unit with very many fetches writes them in batches on the way.
  PendingFetches pending(store);
  run_options.on_fetched = [&](const fetch::Response& f) {
    ++counts.fetched;
    if (f.outcome == fetch::Outcome::not_modified) ++counts.not_modified;
    if (!f.warc_revisit_record_id.empty()) ++counts.revisits;
    pending.add(fetch_record(f, outcome.run_id, warc));
    if (options.progress.fetched) options.progress.fetched(f);
  };
  run_options.on_batch = options.progress.batch_started;
  auto result = check::run_unit(unit, book, run_options);
  if (apply_run_overrides(store, outcome.run_id, result.results, book.framework) > 0) {
    // Auditor decisions hold for this run: its files and its stored verdicts show them.
    check::write_results_outputs(result.results, run_options.out_dir);
    store.finish_run(outcome.run_id, result.results.dump(), "results.json", pending.rows());
    pending.clear();
    outcome.all_passed = all_items_pass(result.results);
  } else {
    store.finish_run(outcome.run_id, run_record(*result.run, book.framework), result.results.dump(), "results.json",
                     pending.rows());
    pending.clear();
    outcome.all_passed = result.run->all_passed();
  }
  keep_run_outputs(store, outcome.run_id, result.results, run_options.out_dir);
  if (options.progress.unit_finished) options.progress.unit_finished(unit.unit_id, result.run.get(), "");
  if (options.on_unit_results) options.on_unit_results(result.results);
  return outcome;
}

}  // namespace

std::vector<UnitOutcome> run_scan(const std::vector<check::Submission>& units, const ScanOptions& options) {
  const std::string scanned_at = iso8601_utc_now();
  std::filesystem::create_directories(options.out_dir);
  // Refuse a linked or odd index or state file before hours of crawling, not after.
  check_output_target(options.out_dir / "index.html");
  check_output_target(options.out_dir / "scan-state.json");
  auto store = store::HistoryStore::open(options.db);
  std::vector<std::string> unit_ids;
  for (const auto& unit : units) unit_ids.push_back(unit.unit_id);
  const int interrupted = store.mark_interrupted_runs(unit_ids);
  ScanState state(options.out_dir / "scan-state.json");
  if (state.resumed()) std::cerr << "oitscan scan: resuming an interrupted scan (" << interrupted << " run(s) marked interrupted)\n";

  check::RuleCatalog catalog(options.rules_root);  // each framework's rules loaded once per scan
  // One extraction cache for every unit: a document two units link is read once.
  std::shared_ptr<gather::ExtractionCache> extraction_cache;
  if (!options.fetch.cache_dir.empty()) {
    extraction_cache = std::make_shared<gather::ExtractionCache>(std::filesystem::path(options.fetch.cache_dir) / "extracted");
  }
  ScanCounts counts;
  std::vector<UnitOutcome> outcomes(units.size());
  std::atomic<std::size_t> next{0};
  std::mutex log;
  auto worker = [&]() {
    for (std::size_t i = next++; i < units.size(); i = next++) {
      const auto& unit = units[i];
      if (state.done(unit.unit_id)) {
        outcomes[i].unit_id = unit.unit_id;
        outcomes[i].skipped = true;
        if (auto latest = store.latest_run(unit.unit_id)) outcomes[i].run_id = latest->id;
        if (options.progress.unit_finished) options.progress.unit_finished(unit.unit_id, nullptr, "");
        continue;
      }
      if (options.progress.unit_started) options.progress.unit_started(unit.unit_id);
      try {
        outcomes[i] = check_unit(unit, catalog, options, store, extraction_cache, counts);
        state.mark_done(unit.unit_id);
      } catch (const std::exception& e) {
        outcomes[i].unit_id = unit.unit_id;
        outcomes[i].error = e.what();
        if (options.progress.unit_finished) options.progress.unit_finished(unit.unit_id, nullptr, outcomes[i].error);
      }
      if (options.progress.unit_finished) continue;  // the display reports the unit
      std::lock_guard<std::mutex> lock(log);
      std::cerr << "oitscan scan: " << unit.unit_id << " "
                << (outcomes[i].error.empty() ? (outcomes[i].all_passed ? "all passed" : "done") : "error: " + outcomes[i].error) << "\n";
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::max<std::size_t>(1, std::min(options.jobs, units.size())); ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  state.finish();
  std::cerr << "oitscan scan: " << counts.fetched << " fetches, " << counts.not_modified << " not modified (" << counts.revisits
            << " archived as revisits)";
  if (extraction_cache) {
    std::cerr << "; documents read " << extraction_cache->extracted() << ", reused from the extraction cache "
              << extraction_cache->reused();
  }
  std::cerr << "\n";

  // The dashboard: every unit's latest results, what changed since its previous night, its trend.
  std::vector<report::ScanRow> rows;
  for (const auto& o : outcomes) rows.push_back(dashboard_row(store, o.unit_id, o.run_id, o.error));
  write_file_atomically(options.out_dir / "index.html", report::render_scan_index(rows, data_dir() / "reports", scanned_at));
  return outcomes;
}

}  // namespace oitscan::scan
