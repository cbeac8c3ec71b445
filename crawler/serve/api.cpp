// The HTTP API of contracts.md: POST /api/checks, GET /api/checks/ID, its event stream, and
// POST /api/overrides.
#include <nlohmann/json.hpp>

#include <regex>

#include "common/input_error.hpp"
#include "common/time.hpp"
#include "serve/service.hpp"
#include "serve/submission_body.hpp"

namespace oitscan::serve {

namespace {

nlohmann::ordered_json progress_json(const Progress& p) {
  return {{"documents_done", p.documents_done},
          {"documents_seen", p.documents_seen},
          {"items_done", p.items_done},
          {"items_total", p.items_total}};
}

nlohmann::ordered_json job_json(const Job& job, const nlohmann::ordered_json* results) {
  nlohmann::ordered_json j;
  j["schema"] = "oitscan.check-job/1";
  j["id"] = job.id;
  j["status"] = to_string(job.status);
  j["unit"] = job.unit;
  j["created_at"] = job.created_at;
  j["progress"] = progress_json(job.progress);
  if (job.status == JobStatus::Done && results) j["results"] = *results;
  if (job.status == JobStatus::Failed) j["error"] = job.error;
  return j;
}

std::string lang_query_of(const Caller& caller) { return caller.lang == "en" ? "?lang=en" : ""; }

// Job ids are 128 random bits: knowing one is what lets a district officer see its check.
std::string new_job_id() { return random_token().substr(0, 32); }

}  // namespace

Reply Service::post_check(const Request& request, const Caller& caller) {
  const auto kind = submission_kind(request[http::field::content_type]);
  if (!kind) {
    return error_reply(http::status::unsupported_media_type, 0, "Content-Type",
                       "send the submission as application/yaml, application/json or text/csv",
                       "ส่งข้อมูลเป็น application/yaml, application/json หรือ text/csv");
  }
  auto parsed = parse_submission_body(request.body(), *kind, catalog_, options_.allow_private);
  if (parsed.error) {
    return error_reply(http::status::bad_request, parsed.error->line, parsed.error->field, parsed.error->message_en,
                       parsed.error->message_th);
  }
  return admit(*parsed.submission, request.body(), *kind, caller, false);
}

Reply Service::admit(const check::Submission& submission, std::string body, const std::string& kind, const Caller& caller,
                     bool from_form) {
  Job job;
  job.id = new_job_id();
  job.unit = submission.unit_id;
  job.body = std::move(body);
  job.content_type = kind;
  job.client = caller.client;
  job.created_at = iso8601_utc_now();
  job.progress.items_total = static_cast<std::int64_t>(queue_.items_total(submission));
  switch (queue_.submit(job)) {
    case JobQueue::Admit::Accepted: break;
    case JobQueue::Admit::QueueFull: {
      auto r = error_reply(http::status::too_many_requests, 0, "", "the check queue is full; try again shortly",
                           "คิวการตรวจเต็ม กรุณาลองใหม่อีกครั้งในอีกสักครู่");
      r.response.set(http::field::retry_after, "30");
      return r;
    }
    case JobQueue::Admit::ClientLimit: {
      auto r = error_reply(http::status::too_many_requests, 0, "", "you already have the most checks waiting; wait for one to finish",
                           "ท่านมีรายการตรวจที่รออยู่ครบจำนวนสูงสุดแล้ว กรุณารอให้รายการหนึ่งเสร็จก่อน");
      r.response.set(http::field::retry_after, "60");
      return r;
    }
    case JobQueue::Admit::Stopping: {
      auto r = error_reply(http::status::service_unavailable, 0, "", "the service is restarting", "ระบบกำลังเริ่มทำงานใหม่");
      r.response.set(http::field::retry_after, "10");
      return r;
    }
  }
  if (from_form) return redirect_reply("/checks/" + job.id + (caller.lang == "en" ? "?lang=en" : ""));
  auto r = json_reply(http::status::accepted,
                      {{"schema", "oitscan.check-job/1"}, {"id", job.id}, {"status", "queued"}, {"unit", job.unit}});
  r.response.set(http::field::location, "/api/checks/" + job.id);
  return r;
}

Reply Service::get_check(const std::string& id) {
  const auto job = db_.job(id);
  if (!job) return error_reply(http::status::not_found, 0, "id", "no such check", "ไม่พบรายการตรวจนี้");
  if (job->status == JobStatus::Done && !job->results.empty()) {
    const auto results = results_of(*job);
    return json_reply(http::status::ok, job_json(*job, &results));
  }
  return json_reply(http::status::ok, job_json(*job, nullptr));
}

Reply Service::check_events(const std::string& id) {
  if (!db_.job(id)) return error_reply(http::status::not_found, 0, "id", "no such check", "ไม่พบรายการตรวจนี้");
  Reply r = text_reply(http::status::ok, "", "text/event-stream; charset=utf-8");
  r.response.set(http::field::cache_control, "no-store");
  r.response.set("X-Accel-Buffering", "no");  // nginx: pass events through as they come
  r.stream = [this, id](const StreamWriter& write) {
    std::uint64_t seen = 0;
    Progress last{-1, -1, -1, -1};
    for (;;) {
      // The database is the truth (a job finished before this process started is not in memory).
      const auto job = db_.job(id);
      if (!job) return;
      const auto& p = job->progress;
      if (job->status == JobStatus::Done || job->status == JobStatus::Failed) {
        nlohmann::ordered_json done = {{"id", id}, {"status", to_string(job->status)}, {"progress", progress_json(p)}};
        write("event: progress\ndata: " + nlohmann::ordered_json{{"status", to_string(job->status)}, {"progress", progress_json(p)}}.dump() + "\n\n");
        write("event: done\ndata: " + done.dump() + "\n\n");
        return;
      }
      if (p.documents_done != last.documents_done || p.documents_seen != last.documents_seen || p.items_done != last.items_done ||
          seen == 0) {
        last = p;
        const nlohmann::ordered_json event = {{"status", to_string(job->status)}, {"progress", progress_json(p)}};
        if (!write("event: progress\ndata: " + event.dump() + "\n\n")) return;
      } else if (!write(": keep-alive\n\n")) {
        return;
      }
      if (queue_.stopping()) return;
      seen = queue_.wait_change(id, seen, std::chrono::seconds(10)).version;
      if (seen == 0) seen = 1;
    }
  };
  return r;
}

Reply Service::post_override(const Request& request, const Caller& caller) {
  if (!caller.session) {
    return error_reply(http::status::unauthorized, 0, "session", "log in as an auditor first", "กรุณาเข้าสู่ระบบในฐานะผู้ตรวจก่อน");
  }
  // The session's CSRF token: in the X-CSRF-Token header (scripts) or the csrf field (forms).
  std::string presented(request["X-CSRF-Token"]);
  const auto form = parse_form(request.body(), request[http::field::content_type]);
  if (presented.empty() && form && form->count("csrf")) presented = form->at("csrf").value;
  if (!csrf_ok(caller, presented)) {
    return error_reply(http::status::forbidden, 0, "csrf", "missing or wrong CSRF token", "โทเคน CSRF ไม่ถูกต้อง");
  }
  // JSON {"unit", "item", "requirement"?, "verdict", "why"}, or the same fields from a form.
  store::OverrideRequest o;
  if (form) {
    auto value = [&](const char* name) { return form->count(name) ? form->at(name).value : std::string(); };
    o = {value("unit"), value("item"), value("requirement"), value("verdict"), caller.session->auditor, value("why")};
  } else {
    const auto j = nlohmann::json::parse(request.body(), nullptr, false);
    if (!j.is_object()) return error_reply(http::status::bad_request, 0, "", "the body is not a JSON object", "ข้อมูลไม่ใช่ JSON object");
    for (const char* key : {"unit", "item", "requirement", "verdict", "why"}) {
      if (j.contains(key) && !j[key].is_string()) {
        return error_reply(http::status::bad_request, 0, key, "must be a string", "ต้องเป็นข้อความ");
      }
    }
    auto value = [&](const char* key) { return j.contains(key) ? j[key].get<std::string>() : std::string(); };
    o = {value("unit"), value("item"), value("requirement"), value("verdict"), caller.session->auditor, value("why")};
  }
  try {
    const auto saved = history_.record_override(o);
    nlohmann::ordered_json body = {{"schema", "oitscan.override/1"},
                                   {"id", saved.id},
                                   {"unit", saved.unit_id},
                                   {"item", saved.item_id},
                                   {"requirement", saved.requirement_id},
                                   {"verdict", saved.verdict},
                                   {"machine_verdict", saved.machine_verdict},
                                   {"by", saved.by},
                                   {"at", saved.at},
                                   {"why", saved.why},
                                   {"from_run", saved.from_run}};
    // From the report page's form: back to the check, which now shows the decision.
    if (form && form->count("job") && std::regex_match(form->at("job").value, std::regex("[0-9a-f]{32}"))) {
      return redirect_reply("/checks/" + form->at("job").value + lang_query_of(caller));
    }
    return json_reply(http::status::created, body);
  } catch (const InputError& e) {
    std::string message = e.what();
    if (const auto cut = message.find(e.field() + ": "); !e.field().empty() && cut != std::string::npos) message = message.substr(cut + e.field().size() + 2);
    return error_reply(http::status::bad_request, 0, e.field(), message, "ข้อมูลการแก้ผลไม่ถูกต้อง: " + message);
  }
}

}  // namespace oitscan::serve
