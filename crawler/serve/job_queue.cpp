#include "serve/job_queue.hpp"

#include <algorithm>
#include <iostream>

#include "serve/captures.hpp"
#include "serve/submission_body.hpp"

namespace oitscan::serve {

JobQueue::JobQueue(ServiceDb& db, HistoryLink& history, check::RuleCatalog& catalog, QueueOptions options)
    : db_(db), history_(history), catalog_(catalog), options_(std::move(options)) {
  if (!options_.express_queue_db.empty()) express_ = std::make_unique<ExpressLane>(options_.express_queue_db, options_.rules_root);
}

JobQueue::~JobQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  std::size_t busy = 0;
  {
    std::lock_guard lock(mutex_);
    busy = busy_;
  }
  for (auto& t : workers_) {
    // Idle workers end at once; one still inside run_unit cannot be interrupted (stop() re-queued
    // its job, and the process ends without waiting for it).
    if (!t.joinable()) continue;
    if (busy == 0) t.join();
    else t.detach();
  }
}

void JobQueue::start() {
  for (const auto& id : db_.requeue_unfinished()) {
    queue_.push_back(id);
    views_[id] = JobView{JobStatus::Queued, db_.job(id)->progress, 1};
  }
  if (!queue_.empty()) std::cerr << "oitscan serve: resuming " << queue_.size() << " unfinished checks\n";
  for (std::size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
}

std::size_t JobQueue::items_total(const check::Submission& s) {
  return catalog_.for_unit(s).rules->items.size();
}

JobQueue::Admit JobQueue::submit(Job job) {
  std::unique_lock lock(mutex_);
  if (stopping_) return Admit::Stopping;
  if (queue_.size() >= options_.capacity) return Admit::QueueFull;
  if (static_cast<std::size_t>(db_.count_unfinished_for(job.client)) >= options_.per_client) return Admit::ClientLimit;
  db_.insert_job(job);
  views_[job.id] = JobView{JobStatus::Queued, job.progress, 1};
  queue_.push_back(job.id);
  lock.unlock();
  work_cv_.notify_one();
  return Admit::Accepted;
}

JobView JobQueue::view(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = views_.find(id);
  return it == views_.end() ? JobView{} : it->second;
}

JobView JobQueue::wait_change(const std::string& id, std::uint64_t seen_version, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  change_cv_.wait_for(lock, timeout, [&] {
    auto it = views_.find(id);
    return stopping_ || (it != views_.end() && it->second.version > seen_version);
  });
  auto it = views_.find(id);
  return it == views_.end() ? JobView{} : it->second;
}

bool JobQueue::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void JobQueue::publish(const std::string& id, JobStatus status, const Progress& p) {
  {
    std::lock_guard lock(mutex_);
    auto& v = views_[id];
    v.status = status;
    v.progress = p;
    ++v.version;
  }
  change_cv_.notify_all();
}

void JobQueue::work() {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      ++busy_;
      running_[id] = false;
    }
    run_job(id);
    {
      std::lock_guard lock(mutex_);
      --busy_;
      running_.erase(id);
    }
    change_cv_.notify_all();
  }
}

void JobQueue::run_job(const std::string& id) {
  auto job = db_.job(id);
  if (!job) return;
  const auto dir = job_dir(id);
  Progress progress = job->progress;
  try {
    auto parsed = parse_submission_body(job->body, job->content_type, catalog_, true);
    if (!parsed.submission) throw std::runtime_error("the stored submission no longer reads: " + parsed.error->message_en);
    const auto& submission = *parsed.submission;
    const auto& book = catalog_.for_unit(submission);
    std::filesystem::create_directories(dir);
    db_.set_running(id, dir.string());
    progress = Progress{0, 0, 0, static_cast<std::int64_t>(book.rules->items.size())};
    for (const auto& [item, urls] : submission.items) progress.documents_seen += static_cast<std::int64_t>(urls.size());
    publish(id, JobStatus::Running, progress);
    if (express_) {
      run_job_on_queue(id, submission, progress);
      return;
    }

    check::UnitRunOptions run = options_.run;
    run.out_dir = dir;
    // Called after each batch of fetches is archived: what has been fetched so far.
    run.on_fetched = [&](const fetch::Response&) {
      ++progress.documents_done;
      progress.documents_seen = std::max(progress.documents_seen, progress.documents_done);
      publish(id, JobStatus::Running, progress);
      db_.set_progress(id, progress);
    };
    const auto unit = check::run_unit(submission, book, run);
    progress.items_done = static_cast<std::int64_t>(unit.run->items.size());
    progress.items_total = progress.items_done;
    db_.add_captures(index_captures(id, unit.evidence));
    const std::string results = unit.results.dump();
    const auto run_id = history_.record_check(submission, unit.run->framework_id, unit.run->rules_version, results, dir.string(),
                                              unit.run->started_at);
    db_.set_done(id, results, progress, run_id);
    publish(id, JobStatus::Done, progress);
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(mutex_);
      // A stop that gave up waiting has already re-queued this job: do not mark it failed.
      if (stopping_) return;
    }
    std::cerr << "oitscan serve: check " << id << " failed: " << e.what() << "\n";
    db_.set_failed(id, e.what());
    publish(id, JobStatus::Failed, progress);
  }
}

bool JobQueue::run_job_on_queue(const std::string& id, const check::Submission& submission, Progress& progress) {
  // Progress here counts items committed by the worker (documents are the worker's business).
  progress.items_total = static_cast<std::int64_t>(submission.items.size());
  const auto check = express_->run(
      id, submission,
      [&](std::int64_t done, std::int64_t total) {
        progress.items_done = done;
        progress.items_total = total;
        publish(id, JobStatus::Running, progress);
        db_.set_progress(id, progress);
      },
      [this] { return stopping(); });
  if (check.state == QueuedCheck::State::Stopped) return false;  // stop() re-queues it; a restart follows it again
  if (check.state == QueuedCheck::State::Failed) throw std::runtime_error(check.error);
  const auto dir = job_dir(id);
  const std::size_t elsewhere = write_queued_outputs(dir, check, options_.reports_dir);
  if (elsewhere > 0) {
    std::cerr << "oitscan serve: check " << id << ": " << elsewhere << " of " << check.warc_files.size()
              << " WARC files of the workers are not on this machine (no shared --out): evidence.warc.gz lacks their records\n";
  }
  db_.add_captures(index_captures(id, dir / "evidence.warc.gz"));
  db_.set_done(id, check.results, progress, check.history_run);
  publish(id, JobStatus::Done, progress);
  return true;
}

std::size_t JobQueue::stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  work_cv_.notify_all();
  change_cv_.notify_all();
  change_cv_.wait_for(lock, grace, [&] { return busy_ == 0; });
  std::vector<std::string> unfinished;
  for (const auto& [id, done] : running_) unfinished.push_back(id);
  lock.unlock();
  for (const auto& id : unfinished) db_.requeue(id);
  return unfinished.size();
}

}  // namespace oitscan::serve
