// HistoryStore's read side for people: run summaries (history, the dashboard trend, exports),
// the units, and per-item verdicts over runs (how long an item has been failing).
#include <limits>

#include "store/history_store.hpp"

namespace oitscan::store {

namespace {

// Counts come from item_results, the effective verdicts (auditor decisions included).
constexpr const char* kSummarySelect =
    "SELECT r.id, r.unit_id, r.unit_name_th, r.framework, r.started_at, COALESCE(r.finished_at, ''), r.out_dir, "
    "s.oit, s.oit_max, "
    "(SELECT count(*) FROM item_results i WHERE i.run_id = r.id AND i.verdict = 'pass'), "
    "(SELECT count(*) FROM item_results i WHERE i.run_id = r.id AND i.verdict = 'fail'), "
    "(SELECT count(*) FROM item_results i WHERE i.run_id = r.id AND i.verdict = 'unverified') "
    "FROM runs r LEFT JOIN scores s ON s.run_id = r.id ";

RunSummary summary_from(const Statement& st) {
  RunSummary s;
  s.id = st.integer(0);
  s.unit_id = st.text(1);
  s.unit_name_th = st.text(2);
  s.framework = st.text(3);
  s.started_at = st.text(4);
  s.finished_at = st.text(5);
  s.out_dir = st.text(6);
  s.oit = st.optional_real(7);
  s.oit_max = st.optional_real(8);
  s.pass = static_cast<int>(st.integer(9));
  s.fail = static_cast<int>(st.integer(10));
  s.unverified = static_cast<int>(st.integer(11));
  return s;
}

}  // namespace

std::vector<RunSummary> HistoryStore::run_summaries(const std::string& unit_id, int limit) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string(kSummarySelect) +
                              "WHERE r.unit_id = ?1 AND r.status = 'done' ORDER BY r.id DESC LIMIT ?2");
  // No limit: the largest the column can count (SQLite's -1 for "none" is an error on PostgreSQL).
  st.bind(1, unit_id).bind(2, limit > 0 ? std::int64_t{limit} : std::numeric_limits<std::int64_t>::max());
  std::vector<RunSummary> out;
  while (st.step()) out.push_back(summary_from(st));
  return out;
}

std::optional<RunSummary> HistoryStore::run_summary(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare(std::string(kSummarySelect) + "WHERE r.id = ?1");
  st.bind(1, run_id);
  if (!st.step()) return std::nullopt;
  return summary_from(st);
}

std::vector<std::string> HistoryStore::units() {
  const std::lock_guard lock(mutex_);
  Statement st = db_->prepare("SELECT DISTINCT unit_id FROM runs WHERE status = 'done' ORDER BY unit_id");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::map<std::string, std::vector<std::string>> HistoryStore::item_verdicts(const std::vector<std::int64_t>& runs) {
  const std::lock_guard lock(mutex_);
  std::map<std::string, std::vector<std::string>> out;
  Statement st = db_->prepare("SELECT item_id, verdict FROM item_results WHERE run_id = ?1");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    st.reset();
    st.bind(1, runs[i]);
    while (st.step()) {
      auto& verdicts = out[st.text(0)];
      verdicts.resize(runs.size());
      verdicts[i] = st.text(1);
    }
  }
  return out;
}

}  // namespace oitscan::store
