// The pages: the self-check form (GET / and its POST /checks), login and logout, a unit's
// self-checks, the files of a check, captures and the static assets. The check report page is in
// page_report.cpp.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/text.hpp"
#include "serve/captures.hpp"
#include "serve/page_layout.hpp"
#include "serve/submission_body.hpp"

namespace oitscan::serve {

namespace {

// The CSRF token a page's forms carry, and the cookie to set when the visitor has none yet
// (double-submit: a form is accepted when its token equals the visitor's HttpOnly cookie, which a
// page on another site can neither read nor set, SameSite=Strict keeping it off cross-site posts).
struct PageToken {
  std::string token;
  std::string set_cookie;
};

PageToken page_token(const Caller& caller, bool secure) {
  if (caller.session) return {caller.session->csrf, ""};
  if (caller.anon_csrf.size() == 64) return {caller.anon_csrf, ""};
  std::string token = random_token();
  return {token, cookie("oitscan_csrf", token, secure)};
}

Reply with_cookie(Reply r, const std::string& set_cookie) {
  if (!set_cookie.empty()) r.response.insert(http::field::set_cookie, set_cookie);
  return r;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The URLs typed for one item: one per line, blank lines dropped.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    const std::string_view line = trim(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

// Archived header values go back into headers: nothing but printable ASCII.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 0x20 && c < 0x7f) out += c;
  }
  return out;
}

}  // namespace

Reply Service::home_page(const Caller& caller, const Form& query) {
  const PageToken csrf = page_token(caller, options_.secure_cookies);
  check::Submission probe;
  probe.framework = options_.default_framework;
  const auto& book = catalog_.for_unit(probe);

  // Pre-filled from the unit's last self-check when ?unit=ID names one.
  check::Submission last;
  if (auto unit = query.find("unit"); unit != query.end()) {
    if (auto job = db_.latest_done_of_unit(unit->second.value)) {
      auto parsed = parse_submission_body(job->body, job->content_type, catalog_, true);
      if (parsed.submission) last = *parsed.submission;
    }
  }
  std::string b;
  b += "<h1>" + esc(tr(caller, "ตรวจความพร้อมการเปิดเผยข้อมูล (OIT) ด้วยตนเอง", "Self-check of your OIT disclosures")) + "</h1>\n";
  b += "<p class=\"lead\">" +
       esc(tr(caller,
              "กรอก URL ของแต่ละข้อ O1–O22 บนเว็บไซต์หลักของหน่วยงาน หรืออัปโหลดไฟล์ที่ส่ง (YAML หรือ CSV) แล้วกดตรวจ ระบบจะบอกว่าข้อใดจะไม่ผ่าน เพราะอะไร และแก้ไขอย่างไร",
              "Enter the URLs of each item O1–O22 on your unit's main website, or upload your submission (YAML or CSV), "
              "and press Check: you will see which items would fail, why, and how to fix them.")) +
       "</p>\n";
  b += "<form method=\"post\" action=\"/checks" + lang_query(caller) + "\" enctype=\"multipart/form-data\" id=\"check-form\">\n";
  b += "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf.token) + "\">\n<fieldset><legend>" +
       esc(tr(caller, "หน่วยงาน", "Unit")) + "</legend>\n";
  auto field = [&](const char* name, std::string_view th, std::string_view en, const std::string& value, const char* extra) {
    b += "<label>" + esc(tr(caller, th, en)) + " <input name=\"" + name + "\" value=\"" + esc(value) + "\" " + extra + "></label>\n";
  };
  field("unit_id", "รหัสหน่วยงาน (a-z 0-9 -)", "Unit id (a-z 0-9 -)", last.unit_id, "pattern=\"[a-z0-9-]+\" maxlength=\"64\"");
  field("name_th", "ชื่อหน่วยงาน", "Unit name (Thai)", last.name_th, "maxlength=\"200\"");
  field("website", "เว็บไซต์หลัก", "Main website", last.website, "type=\"url\" maxlength=\"2000\"");
  b += "</fieldset>\n<fieldset><legend>" + esc(tr(caller, "URL ของแต่ละข้อ (หนึ่งบรรทัดต่อหนึ่ง URL)", "URLs per item (one per line)")) +
       "</legend>\n<ol class=\"items\">\n";
  // O1, O2 … O22 in number order (the rule set's map sorts them as text: O1, O10, O11 …).
  std::vector<const evaluate::ItemRule*> rules;
  for (const auto& entry : book.rules->items) rules.push_back(&entry.second);
  std::sort(rules.begin(), rules.end(), [](const auto* x, const auto* y) {
    return x->item.size() != y->item.size() ? x->item.size() < y->item.size() : x->item < y->item;
  });
  for (const auto* rule_ptr : rules) {
    const auto& rule = *rule_ptr;
    const std::string& id = rule.item;
    std::string urls;
    if (auto it = last.items.find(id); it != last.items.end()) {
      for (const auto& u : it->second) urls += u + "\n";
    }
    b += "<li><label for=\"item-" + esc(id) + "\"><b>" + esc(id) + "</b> " + esc(caller.lang == "en" ? rule.title.en : rule.title.th) +
         "</label><textarea id=\"item-" + esc(id) + "\" name=\"" + esc(id) + "\" rows=\"2\">" + esc(urls) + "</textarea></li>\n";
  }
  b += "</ol></fieldset>\n<fieldset><legend>" + esc(tr(caller, "หรืออัปโหลดไฟล์ที่ส่ง", "Or upload a submission")) + "</legend>\n";
  b += "<label>" + esc(tr(caller, "ไฟล์ YAML หรือ CSV (แทนช่องด้านบน)", "A YAML or CSV file (instead of the fields above)")) +
       " <input type=\"file\" name=\"submission_file\" accept=\".yaml,.yml,.csv,.json\"></label>\n</fieldset>\n";
  b += "<button type=\"submit\" id=\"check-button\">" + esc(tr(caller, "ตรวจ", "Check")) + "</button>\n</form>\n";
  return with_cookie(html_reply(http::status::ok, page(caller, tr(caller, "ตรวจด้วยตนเอง", "Self-check"), b, "/", csrf.token)),
                     csrf.set_cookie);
}

Reply Service::post_check_form(const Request& request, const Caller& caller) {
  const auto form = parse_form(request.body(), request[http::field::content_type]);
  if (!form) return text_reply(http::status::bad_request, "expected a form\n");
  auto value = [&](const std::string& name) { return form->count(name) ? form->at(name).value : std::string(); };
  if (!csrf_ok(caller, value("csrf"))) {
    return html_reply(http::status::forbidden,
                      page(caller, "403", "<p class=\"error\">" + esc(tr(caller, "แบบฟอร์มหมดอายุ กรุณาโหลดหน้าใหม่แล้วส่งอีกครั้ง",
                                                                          "This form has expired; reload the page and submit again.")) +
                                              "</p>", "/", csrf_for(caller)));
  }
  std::string body, kind;
  if (auto file = form->find("submission_file"); file != form->end() && !file->second.value.empty()) {
    const std::string name = ascii_lower(file->second.filename);
    kind = name.size() >= 4 && name.substr(name.size() - 4) == ".csv" ? "csv" : "yaml";
    body = file->second.value;
  } else {
    nlohmann::ordered_json j;
    j["unit"] = {{"id", value("unit_id")}, {"name_th", value("name_th")}, {"website", value("website")}};
    j["framework"] = options_.default_framework;
    j["items"] = nlohmann::ordered_json::object();
    for (const auto& [name, f] : *form) {
      if (name.size() < 2 || name[0] != 'O') continue;
      auto urls = lines_of(f.value);
      if (!urls.empty()) j["items"][name] = urls;
    }
    kind = "json";
    body = j.dump(2);
  }
  auto parsed = parse_submission_body(body, kind, catalog_, options_.allow_private);
  if (parsed.error) {
    const auto& e = *parsed.error;
    std::string where = e.field.empty() ? "" : " (" + e.field + (e.line > 0 && kind != "json" ? ", " + std::string(tr(caller, "บรรทัด ", "line ")) + std::to_string(e.line) : "") + ")";
    std::string b = "<p class=\"error\" id=\"input-error\">" + esc(caller.lang == "en" ? e.message_en : e.message_th) + esc(where) +
                    "</p><p><a href=\"/" + lang_query(caller) + "\">" + esc(tr(caller, "กลับไปแก้ไข", "Back to the form")) + "</a></p>";
    return html_reply(http::status::bad_request, page(caller, tr(caller, "ข้อมูลไม่ถูกต้อง", "Invalid input"), b, "/", csrf_for(caller)));
  }
  Reply r = admit(*parsed.submission, std::move(body), kind, caller, true);
  if (r.response.result() != http::status::see_other) {
    const std::string b = "<p class=\"error\">" + esc(tr(caller, "คิวการตรวจเต็ม กรุณาลองใหม่ภายหลัง", "The queue is full; try again later.")) + "</p>";
    Reply page_reply = html_reply(r.response.result(), page(caller, "429", b, "/", csrf_for(caller)));
    page_reply.response.set(http::field::retry_after, r.response[http::field::retry_after]);
    return page_reply;
  }
  return r;
}

Reply Service::login_page(const Caller& caller, const std::string& problem) {
  const PageToken csrf = page_token(caller, options_.secure_cookies);
  std::string b = "<h1>" + esc(tr(caller, "ผู้ตรวจเข้าสู่ระบบ", "Auditor login")) + "</h1>\n";
  if (!problem.empty()) b += "<p class=\"error\" id=\"login-error\">" + esc(problem) + "</p>\n";
  b += "<form method=\"post\" action=\"/login" + lang_query(caller) + "\" id=\"login-form\">\n<input type=\"hidden\" name=\"csrf\" value=\"" +
       esc(csrf.token) + "\">\n<label>" + esc(tr(caller, "ชื่อผู้ใช้", "Name")) +
       " <input name=\"name\" autocomplete=\"username\" required></label>\n<label>" + esc(tr(caller, "รหัสผ่าน", "Password")) +
       " <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\n<button type=\"submit\">" +
       esc(tr(caller, "เข้าสู่ระบบ", "Log in")) + "</button>\n</form>\n";
  return with_cookie(html_reply(problem.empty() ? http::status::ok : http::status::unauthorized,
                                page(caller, tr(caller, "เข้าสู่ระบบ", "Login"), b, "/login", csrf.token)),
                     csrf.set_cookie);
}

Reply Service::post_login(const Request& request, const Caller& caller) {
  const auto form = parse_form(request.body(), request[http::field::content_type]);
  if (!form) return text_reply(http::status::bad_request, "expected a form\n");
  auto value = [&](const std::string& name) { return form->count(name) ? form->at(name).value : std::string(); };
  // The login form is CSRF-protected with the visitor's cookie (a session does not exist yet).
  Caller visitor = caller;
  visitor.session.reset();
  if (!csrf_ok(visitor, value("csrf"))) return login_page(visitor, std::string(tr(caller, "แบบฟอร์มหมดอายุ ลองอีกครั้ง", "The form expired; try again.")));
  auto session = sessions_.login(value("name"), value("password"));
  if (!session) return login_page(visitor, std::string(tr(caller, "ชื่อหรือรหัสผ่านไม่ถูกต้อง", "Wrong name or password.")));
  Reply r = redirect_reply("/" + lang_query(caller));
  r.response.insert(http::field::set_cookie, cookie("oitscan_session", session->id, options_.secure_cookies, Sessions::kLifetimeSeconds));
  return r;
}

Reply Service::post_logout(const Request& request, const Caller& caller) {
  const auto form = parse_form(request.body(), request[http::field::content_type]);
  if (!caller.session) return redirect_reply("/" + lang_query(caller));
  if (!form || !form->count("csrf") || !csrf_ok(caller, form->at("csrf").value)) return text_reply(http::status::forbidden, "bad CSRF token\n");
  sessions_.logout(caller.session->id);
  Reply r = redirect_reply("/" + lang_query(caller));
  r.response.insert(http::field::set_cookie, cookie("oitscan_session", "", options_.secure_cookies, 0));
  return r;
}

namespace {

// The unit's runs in the history store that are not self-checks of this service: the nightly
// scans (and `oitscan check` runs recorded there), newest first.
std::string nightly_runs_table(const Caller& caller, const std::vector<store::RunSummary>& runs, const std::vector<Job>& jobs) {
  std::string rows;
  for (const auto& r : runs) {
    const bool self_check = std::any_of(jobs.begin(), jobs.end(), [&](const Job& j) { return j.history_run == r.id; });
    if (self_check) continue;
    std::string oit;
    if (r.oit) {
      std::ostringstream s;
      s.precision(2);
      s << std::fixed << *r.oit;
      oit = s.str();
    }
    rows += "<tr class=\"nightly-run\"><td>" + esc(r.started_at) + "</td><td>" + std::to_string(r.id) + "</td><td>" + esc(oit) + "</td><td>" +
            std::to_string(r.pass) + " / " + std::to_string(r.fail) + " / " + std::to_string(r.unverified) + "</td></tr>\n";
  }
  std::string b = "<h2>" + esc(tr(caller, "การตรวจประจำคืน", "Nightly runs")) + "</h2>\n";
  if (rows.empty()) return b + "<p>" + esc(tr(caller, "ยังไม่มีการตรวจประจำคืน", "No nightly runs yet.")) + "</p>\n";
  return b + "<table class=\"runs\" id=\"nightly-runs\"><thead><tr><th>" + esc(tr(caller, "เวลา", "When")) + "</th><th>" +
         esc(tr(caller, "รอบที่", "Run")) + "</th><th>OIT</th><th>" + esc(tr(caller, "ผ่าน / ไม่ผ่าน / ตรวจสอบไม่ได้", "pass / fail / unverified")) +
         "</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n<p><a href=\"/dashboard" + lang_query(caller) + "\">" +
         esc(tr(caller, "แดชบอร์ดทุกหน่วยงาน", "Dashboard of all units")) + "</a></p>\n";
}

}  // namespace

Reply Service::unit_page(const std::string& unit, const Caller& caller) {
  const auto jobs = db_.jobs_of_unit(unit, 100);
  std::string b = "<h1>" + esc(tr(caller, "การตรวจด้วยตนเองของ ", "Self-checks of ")) + esc(unit) + "</h1>\n";
  if (jobs.empty()) {
    b += "<p>" + esc(tr(caller, "ยังไม่มีการตรวจ", "No checks yet.")) + "</p>";
  } else {
    b += "<table class=\"runs\"><thead><tr><th>" + esc(tr(caller, "เวลา", "When")) + "</th><th>" + esc(tr(caller, "สถานะ", "Status")) +
         "</th><th>OIT</th></tr></thead><tbody>\n";
    for (const auto& j : jobs) {
      std::string oit;
      if (!j.results.empty()) {
        const auto results = nlohmann::json::parse(j.results, nullptr, false);
        if (results.is_object() && results.contains("score") && results["score"].contains("oit") && results["score"]["oit"].is_number()) {
          std::ostringstream s;
          s.precision(2);
          s << std::fixed << results["score"]["oit"].get<double>();
          oit = s.str();
        }
      }
      b += "<tr><td><a href=\"/checks/" + esc(j.id) + lang_query(caller) + "\">" + esc(j.created_at) + "</a></td><td>" +
           esc(to_string(j.status)) + "</td><td>" + esc(oit) + "</td></tr>\n";
    }
    b += "</tbody></table>\n";
  }
  b += nightly_runs_table(caller, history_.finished_runs(unit, 100), jobs);
  b += "<p><a href=\"/?unit=" + esc(unit) + (caller.lang == "en" ? "&amp;lang=en" : "") + "\">" +
       esc(tr(caller, "ตรวจอีกครั้งด้วย URL ชุดล่าสุด", "Check again with the latest URLs")) + "</a></p>";
  return html_reply(http::status::ok, page(caller, unit, b, "/units/" + unit, csrf_for(caller)));
}

Reply Service::check_file(const std::string& id, const std::string& name) {
  const auto job = db_.job(id);
  if (!job || job->out_dir.empty()) return text_reply(http::status::not_found, "not found\n");
  const std::filesystem::path file = std::filesystem::path(job->out_dir) / name;
  if (!std::filesystem::is_regular_file(file)) return text_reply(http::status::not_found, "not found\n");
  if (name == "results.json") return text_reply(http::status::ok, read_file(file), "application/json");
  if (name == "evidence.warc.gz") {
    Reply r = text_reply(http::status::ok, read_file(file), "application/warc");
    r.response.set(http::field::content_disposition, "attachment; filename=\"" + job->unit + "-evidence.warc.gz\"");
    return r;
  }
  // report.html is self-contained (its own inline style, no script): shown in a sandbox.
  Reply r = text_reply(http::status::ok, read_file(file), "text/html; charset=utf-8");
  r.response.set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return r;
}

Reply Service::capture(const std::string& record_id, const Caller& caller) {
  if (!caller.session) return redirect_reply("/login" + lang_query(caller));
  const auto decoded = percent_decode(record_id);
  const auto found = decoded ? db_.capture(*decoded) : std::nullopt;
  const auto body = found ? read_capture(*found) : std::nullopt;
  if (!body) return text_reply(http::status::not_found, "no such capture\n");
  // As captured, but inert: the sandbox gives the page a unique origin with scripts disabled, and
  // nosniff keeps the browser to the declared type.
  Reply r = text_reply(http::status::ok, body->body, printable(body->content_type));
  r.response.set("Content-Security-Policy", "sandbox");
  r.response.set("X-Oitscan-Target-URI", printable(body->target_uri));
  r.response.set("X-Oitscan-Captured-At", printable(body->date));
  return r;
}

Reply Service::asset(const std::string& name) {
  const auto file = options_.assets_dir / name;
  if (!std::filesystem::is_regular_file(file)) return text_reply(http::status::not_found, "not found\n");
  Reply r = text_reply(http::status::ok, read_file(file),
                       name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
  r.response.set(http::field::cache_control, "public, max-age=300");
  return r;
}

}  // namespace oitscan::serve
