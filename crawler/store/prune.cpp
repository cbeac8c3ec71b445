// HistoryStore's side of retention (`oitscan prune`): deleting old runs (their list is
// runs_of_unit, in history_store.cpp).
#include "store/history_store.hpp"

namespace oitscan::store {

std::int64_t HistoryStore::delete_runs(const std::vector<std::int64_t>& run_ids, const std::set<std::string>& keep_record_ids) {
  const std::lock_guard lock(mutex_);
  Transaction tx(*db_);
  std::int64_t fetches_removed = 0;
  Statement fetches = db_->prepare("SELECT id, warc_record_id FROM fetches WHERE run_id = ?1");
  Statement drop_fetch = db_->prepare("DELETE FROM fetches WHERE id = ?1");
  Statement drop_run = db_->prepare("DELETE FROM runs WHERE id = ?1");
  for (const auto id : run_ids) {
    std::vector<std::int64_t> doomed;
    fetches.reset();
    fetches.bind(1, id);
    while (fetches.step()) {
      const auto record = fetches.optional_text(1);
      if (!record || keep_record_ids.count(*record) == 0) doomed.push_back(fetches.integer(0));
    }
    for (const auto f : doomed) {
      drop_fetch.reset();
      drop_fetch.bind(1, f).run();
      ++fetches_removed;
    }
    // Verdicts, requirements, evidence rows and scores go with the run (ON DELETE CASCADE); kept
    // fetch rows lose their run (ON DELETE SET NULL) but keep their WARC reference.
    drop_run.reset();
    drop_run.bind(1, id).run();
  }
  tx.commit();
  return fetches_removed;
}

void HistoryStore::compact() {
  const std::lock_guard lock(mutex_);
  db_->exec("VACUUM");
}

}  // namespace oitscan::store
