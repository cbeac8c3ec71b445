#pragma once
// Retention (`oitscan prune`): removes old runs from the history and their files (the dated run
// folders and the WARCs in archive/), but never a WARC holding a capture that a kept revisit
// record refers to: a night answered "304 not modified" stores only a revisit pointing at the
// night that has the bytes, and --offline, auditors and the reports need those bytes.
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "store/history_store.hpp"

namespace oitscan::scan {

struct RetentionPolicy {
  int keep_runs = 60;   // per unit, newest first (0 = no limit)
  int keep_days = 400;  // runs started longer ago go (0 = no limit)
  std::time_t now = 0;  // 0 = the current time
};

struct PruneResult {
  int runs_removed = 0;
  std::int64_t fetch_rows_removed = 0;
  int run_folders_removed = 0;
  int warcs_removed = 0;
  int warcs_kept_for_revisits = 0;  // would have gone, but a kept revisit refers to a record in them
  std::uintmax_t bytes_freed = 0;   // files removed (each inode counted once)
  std::vector<std::string> kept_for_revisits;  // those files
};

// The newest finished run of every unit is always kept, and runs still `running` are never touched.
PruneResult prune(store::HistoryStore& store, const RetentionPolicy& policy);

}  // namespace oitscan::scan
