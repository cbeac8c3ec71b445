#include "serve/express_lane.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "common/atomic_file.hpp"
#include "queue/job_queue.hpp"
#include "queue/pg_connection.hpp"
#include "queue/queue_schema.hpp"
#include "report/check_report.hpp"

namespace oitscan::serve {
namespace {

using queue::PgConnection;
using queue::PgError;

// How often a waiting check looks at its job row. A person is waiting, the row is one index
// lookup: a fifth of a second costs the database nothing and the page little.
constexpr auto kPoll = std::chrono::milliseconds(200);

std::string run_name(const std::string& job_id) { return "self-check-" + job_id; }

// The queue job of a service job, enqueued at most once: a restarted service finds it again.
std::int64_t enqueue_once(PgConnection& db, const std::string& job_id, const check::Submission& submission,
                          const std::string& rules_digest) {
  const std::string name = run_name(job_id);
  const char* find = "SELECT j.id FROM jobs j JOIN queue_runs r ON r.id = j.run_id WHERE r.name = $1";
  if (auto found = db.exec(find, {name}); found.rows() > 0) return found.integer(0, 0);
  scaleout::JobInputs inputs{submission, rules_digest};
  queue::JobQueue(db).enqueue(name, {queue::NewJob{submission.unit_id, scaleout::to_json(inputs), queue::kExpressLane}});
  return db.exec(find, {name}).integer(0, 0);
}

}  // namespace

ExpressLane::ExpressLane(std::string db_url, const std::filesystem::path& rules_root)
    : db_url_(std::move(db_url)), digests_(rules_root) {}

QueuedCheck ExpressLane::run(const std::string& job_id, const check::Submission& submission,
                             const std::function<void(std::int64_t, std::int64_t)>& on_items,
                             const std::function<bool()>& stopping) {
  PgConnection db(db_url_);
  // The queue's tables are checked (and migrated) once per service, not once per check; a failed
  // attempt leaves the flag unset, so the next check tries again.
  std::call_once(schema_checked_, [&db] { queue::prepare_queue_schema(db); });
  const std::string job = std::to_string(enqueue_once(db, job_id, submission, digests_.of(submission.framework)));
  const auto total = static_cast<std::int64_t>(submission.items.size());
  std::int64_t reported = -1;
  auto pause = kPoll;
  QueuedCheck out;
  while (!stopping()) {
    try {
      auto row = db.exec("SELECT state, coalesce(last_error, ''), coalesce(results::text, ''), coalesce(history_run, 0), "
                         "(SELECT count(*) FROM job_items i WHERE i.job_id = j.id) FROM jobs j WHERE id = $1::bigint",
                         {job});
      if (row.rows() == 0) throw PgError("the queued job " + job + " of self-check " + job_id + " is gone from the queue", "P0002");
      pause = kPoll;
      const std::int64_t done = row.integer(0, 4);
      if (done != reported) {
        on_items(done, total);
        reported = done;
      }
      const std::string state = row.text(0, 0);
      if (state == "failed") {
        out.state = QueuedCheck::State::Failed;
        out.error = row.text(0, 1).empty() ? "the queue gave up on the check" : row.text(0, 1);
        return out;
      }
      if (state == "done") {
        out.state = QueuedCheck::State::Done;
        out.results = row.text(0, 2);
        out.history_run = row.integer(0, 3);
        // The files of the attempts whose results stand, not of attempts that lost their lease.
        auto files = db.exec("SELECT DISTINCT w.warc_file FROM job_warc_refs w JOIN job_items i ON i.job_id = w.job_id "
                             "AND i.item_id = w.item_id AND i.attempt = w.attempt WHERE w.job_id = $1::bigint ORDER BY 1",
                             {job});
        for (int r = 0; r < files.rows(); ++r) out.warc_files.push_back(files.text(r, 0));
        return out;
      }
    } catch (const PgError& e) {
      if (!e.connection_lost()) throw;
      // The server restarted: wait it out (the job goes on in the queue meanwhile).
      std::cerr << "oitscan serve: self-check " << job_id << ": database: " << e.what() << "; retrying\n";
      pause = std::min(pause * 2, std::chrono::milliseconds(5'000));
      try {
        db.reconnect();
      } catch (const PgError&) {
      }
    }
    std::this_thread::sleep_for(pause);
  }
  return out;  // Stopped
}

std::size_t write_queued_outputs(const std::filesystem::path& job_dir, const QueuedCheck& check,
                                 const std::filesystem::path& reports_dir) {
  std::filesystem::create_directories(job_dir);
  const auto results = nlohmann::ordered_json::parse(check.results);
  write_file_atomically(job_dir / "results.json", results.dump(2) + "\n");
  write_file_atomically(job_dir / "report.html", report::render_check_report(results, reports_dir));
  // Every record of a .warc.gz is a gzip member of its own, so the workers' files one after the
  // other are one valid WARC file (each keeps its warcinfo record).
  const auto warc = job_dir / "evidence.warc.gz";
  const auto partial = job_dir / "evidence.warc.gz.partial";
  std::size_t elsewhere = 0;
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    for (const auto& file : check.warc_files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        ++elsewhere;
        continue;
      }
      out << in.rdbuf();
    }
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  std::filesystem::rename(partial, warc);
  return elsewhere;
}

}  // namespace oitscan::serve
