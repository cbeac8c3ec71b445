// GET /checks/ID: while the check waits or runs, its progress (live through serve.js and the
// event stream; without JavaScript the page refreshes itself); once done, the report: the score,
// failing and unverified items first with their reasons and fixes, the evidence, the downloads.
#include <algorithm>
#include <cctype>
#include <sstream>

#include "serve/page_layout.hpp"

namespace oitscan::serve {

namespace {

using Json = nlohmann::ordered_json;

std::string str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

int verdict_rank(const std::string& v) { return v == "fail" ? 0 : v == "unverified" ? 1 : 2; }

std::string verdict_label(const Caller& c, const std::string& v) {
  if (v == "pass") return std::string(tr(c, "ผ่าน", "pass"));
  if (v == "fail") return std::string(tr(c, "ไม่ผ่าน", "fail"));
  return std::string(tr(c, "ตรวจสอบไม่ได้", "unverified"));
}

std::string fixed2(double v) {
  std::ostringstream s;
  s.precision(2);
  s << std::fixed << v;
  return s.str();
}

std::string progress_block(const Caller& caller, const Job& job) {
  const auto& p = job.progress;
  std::string b = "<section id=\"progress\" data-job=\"" + esc(job.id) + "\" data-status=\"" + esc(to_string(job.status)) + "\">\n";
  b += "<p id=\"status\">" +
       esc(job.status == JobStatus::Queued ? tr(caller, "รอคิวตรวจ…", "Waiting in the queue…") : tr(caller, "กำลังตรวจ…", "Checking…")) +
       "</p>\n<p>" + esc(tr(caller, "เอกสารที่อ่านแล้ว ", "Documents read ")) + "<span id=\"documents-done\">" +
       std::to_string(p.documents_done) + "</span> / <span id=\"documents-seen\">" + std::to_string(p.documents_seen) + "</span> · " +
       esc(tr(caller, "ข้อที่ตัดสินแล้ว ", "items judged ")) + "<span id=\"items-done\">" + std::to_string(p.items_done) +
       "</span> / <span id=\"items-total\">" + std::to_string(p.items_total) + "</span></p>\n";
  b += "<progress id=\"bar\" max=\"" + std::to_string(std::max<std::int64_t>(p.documents_seen, 1)) + "\" value=\"" +
       std::to_string(p.documents_done) + "\"></progress>\n";
  b += "<noscript><p>" + esc(tr(caller, "หน้านี้จะโหลดใหม่เองทุก 5 วินาที", "This page reloads itself every 5 seconds.")) +
       "</p></noscript>\n</section>\n";
  return b;
}

std::string evidence_list(const Caller& caller, const Json& requirement) {
  if (!requirement.contains("evidence") || !requirement["evidence"].is_array() || requirement["evidence"].empty()) return "";
  std::string b = "<ul class=\"evidence\">";
  for (const auto& e : requirement["evidence"]) {
    const std::string url = str(e, "url");
    const std::string href = report::safe_href(url);
    b += "<li>";
    b += href.empty() ? esc(url) : "<a href=\"" + esc(href) + "\" rel=\"noopener noreferrer\">" + esc(url) + "</a>";
    if (e.contains("http_status") && e["http_status"].is_number()) b += " <span class=\"status\">HTTP " + std::to_string(e["http_status"].get<int>()) + "</span>";
    const std::string record = str(e, "warc_record_id");
    if (!record.empty()) {
      std::string encoded;
      for (const char c : record) {
        const auto ch = static_cast<unsigned char>(c);
        static constexpr char kHex[] = "0123456789ABCDEF";
        const bool plain = std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == ':';
        encoded += plain ? std::string(1, static_cast<char>(ch)) : std::string{'%', kHex[ch >> 4], kHex[ch & 15]};
      }
      b += " <a class=\"capture\" href=\"/captures/" + esc(encoded) + "\">" + esc(tr(caller, "ที่บันทึกไว้", "capture")) + "</a>";
    }
    const std::string snippet = str(e, "snippet");
    if (!snippet.empty()) b += "<blockquote>" + esc(snippet) + "</blockquote>";
    b += "</li>";
  }
  return b + "</ul>";
}

std::string report_block(const Caller& caller, const Json& results, const std::string& job_id, const std::string& csrf) {
  if (!results.is_object()) return "<p class=\"error\">results unreadable</p>";
  const bool en = caller.lang == "en";
  std::string b;
  if (results.contains("score") && results["score"].is_object()) {
    const auto& s = results["score"];
    b += "<p class=\"score\">OIT <b id=\"oit-score\">" + (s.contains("oit") && s["oit"].is_number() ? fixed2(s["oit"].get<double>()) : "–") + "</b>";
    if (s.contains("oit_min") && s["oit_min"].is_number() && s.contains("oit_max") && s["oit_max"].is_number()) {
      b += " (" + esc(tr(caller, "ต่ำสุด ", "min ")) + fixed2(s["oit_min"].get<double>()) + " – " + esc(tr(caller, "สูงสุด ", "max ")) +
           fixed2(s["oit_max"].get<double>()) + ")";
    }
    b += "</p>\n";
  }
  std::vector<const Json*> items;
  if (results.contains("items") && results["items"].is_array()) {
    for (const auto& i : results["items"]) items.push_back(&i);
  }
  // Failing first, then unverified, then passing; the framework's order within each.
  std::stable_sort(items.begin(), items.end(), [](const Json* x, const Json* y) { return verdict_rank(str(*x, "verdict")) < verdict_rank(str(*y, "verdict")); });
  b += "<ol class=\"report\" id=\"report\">\n";
  for (const Json* item : items) {
    const std::string verdict = str(*item, "verdict");
    b += "<li class=\"item " + esc(verdict) + "\" id=\"item-" + esc(str(*item, "id")) + "\"><h3><span class=\"verdict\">" +
         esc(verdict_label(caller, verdict)) + "</span> " + esc(str(*item, "id")) + " " + esc(str(*item, en ? "title_en" : "title_th")) + "</h3>\n";
    if (item->contains("override") && (*item)["override"].is_object()) {
      const auto& o = (*item)["override"];
      b += "<p class=\"override\">" + esc(tr(caller, "ผู้ตรวจตัดสิน: ", "Auditor's decision: ")) + esc(str(o, "verdict")) + " · " + esc(str(o, "by")) +
           " · " + esc(str(o, "at")) + " · " + esc(str(o, "why")) + " (" + esc(tr(caller, "ผลของเครื่อง: ", "machine: ")) +
           esc(str(*item, "machine_verdict")) + ")</p>\n";
    }
    if (verdict != "pass" && item->contains("requirements") && (*item)["requirements"].is_array()) {
      b += "<ul class=\"requirements\">";
      for (const auto& r : (*item)["requirements"]) {
        const std::string rv = str(r, "verdict");
        if (rv == "pass") continue;
        b += "<li class=\"" + esc(rv) + "\"><b>" + esc(str(r, en ? "title_en" : "title_th")) + "</b> — " + esc(verdict_label(caller, rv)) +
             " <code>" + esc(str(r, "reason")) + "</code><p>" + esc(str(r, en ? "message_en" : "message_th")) + "</p>";
        const std::string fix = str(r, en ? "fix_en" : "fix_th");
        if (!fix.empty()) b += "<p class=\"fix\">" + esc(tr(caller, "วิธีแก้: ", "Fix: ")) + esc(fix) + "</p>";
        b += evidence_list(caller, r) + "</li>";
      }
      b += "</ul>";
    }
    if (caller.session) {
      // An auditor records a decision on the item: pass or fail, with a required reason.
      b += "<form method=\"post\" action=\"/api/overrides\" class=\"override-form\"><input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) +
           "\"><input type=\"hidden\" name=\"job\" value=\"" + esc(job_id) + "\"><input type=\"hidden\" name=\"unit\" value=\"" +
           esc(results.contains("unit") ? str(results["unit"], "id") : std::string()) + "\"><input type=\"hidden\" name=\"item\" value=\"" + esc(str(*item, "id")) +
           "\"><select name=\"verdict\"><option value=\"pass\">pass</option><option value=\"fail\">fail</option></select> <input name=\"why\" required maxlength=\"4000\" placeholder=\"" +
           esc(tr(caller, "เหตุผล", "reason")) + "\"> <button type=\"submit\">" + esc(tr(caller, "บันทึกการตัดสินของผู้ตรวจ", "Record decision")) + "</button></form>";
    }
    // What the passing requirements rest on, folded (an auditor opens any evidence from here).
    if (item->contains("requirements") && (*item)["requirements"].is_array()) {
      std::string passed;
      for (const auto& r : (*item)["requirements"]) {
        if (str(r, "verdict") != "pass") continue;
        passed += "<li class=\"pass\"><b>" + esc(str(r, en ? "title_en" : "title_th")) + "</b>" + evidence_list(caller, r) + "</li>";
      }
      if (!passed.empty()) {
        b += "<details><summary>" + esc(tr(caller, "หลักฐานของข้อกำหนดที่ผ่าน", "Evidence of the requirements met")) +
             "</summary><ul class=\"requirements\">" + passed + "</ul></details>";
      }
    }
    b += "</li>\n";
  }
  b += "</ol>\n";
  return b;
}

}  // namespace

Reply Service::check_page(const std::string& id, const Caller& caller) {
  const auto job = db_.job(id);
  if (!job) return html_reply(http::status::not_found, page(caller, "404", "<p>" + esc(tr(caller, "ไม่พบรายการตรวจนี้", "No such check.")) + "</p>", "/", csrf_for(caller)));
  std::string b = "<h1>" + esc(tr(caller, "ผลการตรวจ ", "Check of ")) + esc(job->unit) + "</h1>\n<p class=\"meta\">" + esc(job->created_at) +
                  " · <a href=\"/units/" + esc(job->unit) + lang_query(caller) + "\">" + esc(tr(caller, "การตรวจทั้งหมดของหน่วยงานนี้", "all checks of this unit")) +
                  "</a></p>\n";
  Reply r;
  if (job->status == JobStatus::Done) {
    b += "<p class=\"downloads\">" + esc(tr(caller, "ดาวน์โหลด: ", "Downloads: ")) + "<a href=\"/checks/" + esc(id) + "/results.json\">results.json</a> · <a href=\"/checks/" +
         esc(id) + "/report.html\">report.html</a> · <a href=\"/checks/" + esc(id) + "/results.csv\">CSV</a> · <a href=\"/checks/" + esc(id) +
         "/results.xlsx\">XLSX</a> · <a href=\"/checks/" + esc(id) + "/evidence.warc.gz\">evidence.warc.gz</a></p>\n";
    b += report_block(caller, results_of(*job), job->id, csrf_for(caller));
    r = html_reply(http::status::ok, page(caller, tr(caller, "ผลการตรวจ", "Report"), b, "/checks/" + id, csrf_for(caller)));
  } else if (job->status == JobStatus::Failed) {
    b += "<p class=\"error\">" + esc(tr(caller, "การตรวจล้มเหลว: ", "The check failed: ")) + esc(job->error) + "</p>";
    r = html_reply(http::status::ok, page(caller, tr(caller, "ผลการตรวจ", "Report"), b, "/checks/" + id, csrf_for(caller)));
  } else {
    b += progress_block(caller, *job);
    r = html_reply(http::status::ok, page(caller, tr(caller, "กำลังตรวจ", "Checking"), b, "/checks/" + id, csrf_for(caller)));
    // Without JavaScript the page follows the check by reloading itself (serve.js, when it runs,
    // follows the event stream instead and reloads once when the check is done).
    r.response.set("Refresh", "5");
  }
  return r;
}

}  // namespace oitscan::serve
