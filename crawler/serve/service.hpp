#pragma once
// The web service: every route of contracts.md "oitscan serve", dispatched by method and path to
// the API handlers (api.cpp), the pages (pages.cpp, page_report.cpp) and the captures.
#include <filesystem>
#include <string>

#include "check/rule_catalog.hpp"
#include "serve/auth.hpp"
#include "serve/forms.hpp"
#include "serve/history_link.hpp"
#include "serve/http_reply.hpp"
#include "serve/job_queue.hpp"
#include "serve/service_db.hpp"

namespace oitscan::serve {

struct ServiceOptions {
  bool allow_private = false;  // the fetch guard's; also lets literal private addresses through
  bool secure_cookies = false; // set when served over TLS (behind nginx)
  std::filesystem::path assets_dir;  // serve.css, serve.js
  std::filesystem::path reports_dir; // the report templates (check-report.html, report.css) of the dashboard
  std::string default_framework = "bma-district-2568";
};

// What a request knows about who sent it.
struct Caller {
  std::string client;
  std::string lang;  // "th" (default) or "en"
  std::optional<Session> session;
  std::string anon_csrf;  // the double-submit CSRF cookie of a visitor without a session
};

class Service {
 public:
  Service(ServiceDb& db, HistoryLink& history, check::RuleCatalog& catalog, JobQueue& queue, ServiceOptions options);
  // The job's results with the auditors' decisions that hold for it applied.
  nlohmann::ordered_json results_of(const Job& job);
  Reply handle(const Request& request, const std::string& client);

 private:
  // API (api.cpp)
  Reply post_check(const Request& request, const Caller& caller);
  Reply admit(const check::Submission& submission, std::string body, const std::string& kind, const Caller& caller,
              bool from_form);
  Reply get_check(const std::string& id);
  Reply check_events(const std::string& id);
  Reply post_override(const Request& request, const Caller& caller);
  // Pages (pages.cpp)
  Reply home_page(const Caller& caller, const Form& query);
  Reply post_check_form(const Request& request, const Caller& caller);
  Reply login_page(const Caller& caller, const std::string& problem);
  Reply post_login(const Request& request, const Caller& caller);
  Reply post_logout(const Request& request, const Caller& caller);
  Reply unit_page(const std::string& unit, const Caller& caller);
  Reply dashboard_page();  // page_dashboard.cpp
  Reply check_page(const std::string& id, const Caller& caller);
  Reply check_file(const std::string& id, const std::string& name);
  Reply check_export(const std::string& id, const std::string& format);  // results.csv, results.xlsx
  Reply capture(const std::string& record_id, const Caller& caller);
  Reply asset(const std::string& name);

  // The CSRF token a form of this caller must carry.
  std::string csrf_for(const Caller& caller) const;
  bool csrf_ok(const Caller& caller, std::string_view presented) const;

  ServiceDb& db_;
  HistoryLink& history_;
  check::RuleCatalog& catalog_;
  JobQueue& queue_;
  Sessions sessions_;
  ServiceOptions options_;
};

}  // namespace oitscan::serve
