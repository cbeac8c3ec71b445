#include "scan/retention.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>

#include "archive/warc_reader.hpp"
#include "report/thai_time.hpp"

namespace oitscan::scan {
namespace {

namespace fs = std::filesystem;

struct WarcRefs {
  std::set<std::string> records;    // WARC-Record-IDs of the records it holds
  std::set<std::string> refers_to;  // WARC-Refers-To of its revisit records
};

WarcRefs read_refs(const fs::path& file) {
  WarcRefs refs;
  try {
    archive::WarcReader reader(file);
    while (auto rec = reader.next(false)) {
      refs.records.insert(rec->record_id());
      if (rec->type() == "revisit") {
        if (auto to = rec->fields.get("WARC-Refers-To")) refs.refers_to.insert(*to);
      }
    }
  } catch (const std::exception&) {
    // A damaged WARC may still hold records someone needs: treat what was read so far as all.
  }
  return refs;
}

// The run id of a dated run folder "20261201T010000Z-r000042", or 0.
std::int64_t run_id_of_folder(const std::string& name) {
  const auto pos = name.rfind("-r");
  if (pos == std::string::npos) return 0;
  try {
    return std::stoll(name.substr(pos + 2));
  } catch (const std::exception&) {
    return 0;
  }
}

struct FileKey {
  dev_t dev;
  ino_t ino;
  bool operator<(const FileKey& o) const { return dev != o.dev ? dev < o.dev : ino < o.ino; }
};

std::optional<FileKey> key_of(const fs::path& p, std::uintmax_t* size = nullptr, std::time_t* mtime = nullptr) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  if (size) *size = static_cast<std::uintmax_t>(st.st_size);
  if (mtime) *mtime = st.st_mtime;
  return FileKey{st.st_dev, st.st_ino};
}

std::vector<fs::path> warcs_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".warc.gz" && e.is_regular_file()) out.push_back(e.path());
  }
  return out;
}

// What retention decides for one unit's output folder.
struct UnitFiles {
  std::vector<fs::path> doomed_folders;  // dated folders of removed runs
  std::vector<fs::path> candidates;      // WARCs that may go (of removed runs, or old archive files)
  std::vector<fs::path> kept;            // WARCs that stay
};

UnitFiles plan_files(const fs::path& out_dir, const std::set<std::int64_t>& removed, std::time_t cutoff) {
  UnitFiles plan;
  std::set<FileKey> removed_keys;
  std::set<FileKey> kept_keys;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out_dir / "runs", ec)) {
    if (!e.is_directory()) continue;
    const std::int64_t id = run_id_of_folder(e.path().filename().string());
    const auto warc = e.path() / "evidence.warc.gz";
    const auto key = key_of(warc);
    if (removed.count(id) != 0) {
      plan.doomed_folders.push_back(e.path());
      if (key) {
        removed_keys.insert(*key);
        plan.candidates.push_back(warc);
      }
    } else if (key) {
      kept_keys.insert(*key);
      plan.kept.push_back(warc);
    }
  }
  if (const auto current = key_of(out_dir / "evidence.warc.gz")) {
    kept_keys.insert(*current);
    plan.kept.push_back(out_dir / "evidence.warc.gz");
  }
  for (const auto& file : warcs_in(out_dir / "archive")) {
    std::time_t mtime = 0;
    const auto key = key_of(file, nullptr, &mtime);
    if (!key) continue;
    const bool of_removed_run = removed_keys.count(*key) != 0;
    const bool of_kept_run = kept_keys.count(*key) != 0;
    // An archive file of no dated run (written by `check`, or before runs were kept apart) goes
    // by its age alone.
    const bool old_orphan = !of_removed_run && !of_kept_run && cutoff > 0 && mtime < cutoff;
    if ((of_removed_run && !of_kept_run) || old_orphan) plan.candidates.push_back(file);
    else plan.kept.push_back(file);
  }
  return plan;
}

}  // namespace

PruneResult prune(store::HistoryStore& store, const RetentionPolicy& policy) {
  const std::time_t now = policy.now ? policy.now : std::time(nullptr);
  const std::time_t cutoff = policy.keep_days > 0 ? now - static_cast<std::time_t>(policy.keep_days) * 86400 : 0;
  PruneResult result;
  std::vector<std::int64_t> removed_runs;
  std::map<fs::path, UnitFiles> plans;

  for (const auto& unit : store.units()) {
    const auto runs = store.runs_of_unit(unit);
    std::set<std::int64_t> removed;
    bool newest_done_seen = false;
    int kept_count = 0;
    for (const auto& r : runs) {
      const auto started = report::parse_iso8601(r.started_at);
      const bool too_old = cutoff > 0 && started && *started < cutoff;
      const bool over_count = policy.keep_runs > 0 && kept_count >= policy.keep_runs;
      const bool newest_done = r.status == "done" && !newest_done_seen;
      newest_done_seen = newest_done_seen || r.status == "done";
      if (r.status == "running" || newest_done || (!too_old && !over_count)) {
        ++kept_count;
      } else {
        removed.insert(r.id);
        removed_runs.push_back(r.id);
      }
    }
    if (runs.empty() || runs.front().out_dir.empty()) continue;
    plans[fs::path(runs.front().out_dir)] = plan_files(runs.front().out_dir, removed, cutoff);
  }

  // Which candidate WARCs a kept revisit still needs, to a fixed point: a WARC kept for that
  // reason may itself hold revisits pointing further back.
  std::map<fs::path, WarcRefs> refs;
  std::set<std::string> needed;
  for (const auto& [dir, plan] : plans) {
    for (const auto& f : plan.kept) {
      auto r = read_refs(f);
      needed.insert(r.refers_to.begin(), r.refers_to.end());
    }
    for (const auto& f : plan.candidates) refs[f] = read_refs(f);
  }
  std::set<fs::path> protected_files;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [file, r] : refs) {
      if (protected_files.count(file) != 0) continue;
      const bool needed_here = std::any_of(r.records.begin(), r.records.end(), [&](const std::string& id) { return needed.count(id) != 0; });
      if (!needed_here) continue;
      protected_files.insert(file);
      needed.insert(r.refers_to.begin(), r.refers_to.end());
      grew = true;
    }
  }

  std::set<FileKey> freed;
  auto remove_file = [&](const fs::path& f) {
    std::uintmax_t size = 0;
    struct stat st {};
    const auto key = key_of(f, &size);
    const bool last_link = ::lstat(f.c_str(), &st) == 0 && st.st_nlink == 1;
    std::error_code ec;
    if (fs::remove(f, ec) && key && last_link && freed.insert(*key).second) result.bytes_freed += size;
  };
  for (auto& [dir, plan] : plans) {
    for (const auto& f : plan.candidates) {
      if (protected_files.count(f) != 0) {
        // Needed: if this is its only name (a dated folder about to go), keep it in archive/.
        struct stat st {};
        if (f.parent_path().parent_path().filename() == "runs" && ::lstat(f.c_str(), &st) == 0 && st.st_nlink == 1) {
          fs::create_directories(dir / "archive");
          fs::rename(f, dir / "archive" / ("evidence-" + f.parent_path().filename().string() + ".warc.gz"));
        }
        result.warcs_kept_for_revisits++;
        result.kept_for_revisits.push_back(f.string());
        continue;
      }
      remove_file(f);
      result.warcs_removed++;
    }
    for (const auto& folder : plan.doomed_folders) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(folder, ec)) remove_file(e.path());
      fs::remove_all(folder, ec);
      result.run_folders_removed++;
    }
  }

  std::set<std::string> keep_records;
  for (const auto& f : protected_files) keep_records.insert(refs[f].records.begin(), refs[f].records.end());
  result.fetch_rows_removed = store.delete_runs(removed_runs, keep_records);
  result.runs_removed = static_cast<int>(removed_runs.size());
  if (!removed_runs.empty()) store.compact();
  return result;
}

}  // namespace oitscan::scan
