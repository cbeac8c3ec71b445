// Dispatch: one table of routes, the caller's session and language worked out once.
#include "serve/service.hpp"
#include "serve/rescore.hpp"

#include <regex>

namespace oitscan::serve {

namespace {

const std::regex kJobPath("/api/checks/([0-9a-f]{32})");
const std::regex kJobEvents("/api/checks/([0-9a-f]{32})/events");
const std::regex kCheckPage("/checks/([0-9a-f]{32})");
const std::regex kCheckFile("/checks/([0-9a-f]{32})/(results\\.json|report\\.html|evidence\\.warc\\.gz)");
const std::regex kCheckExport("/checks/([0-9a-f]{32})/results\\.(csv|xlsx)");
const std::regex kUnitPage("/units/([a-z0-9-]{1,64})");
const std::regex kCapture("/captures/(.{1,200})");
const std::regex kAsset("/static/(serve\\.css|serve\\.js)");

Reply not_found() { return text_reply(http::status::not_found, "not found\n"); }

}  // namespace

Service::Service(ServiceDb& db, HistoryLink& history, check::RuleCatalog& catalog, JobQueue& queue, ServiceOptions options)
    : db_(db), history_(history), catalog_(catalog), queue_(queue), sessions_(db), options_(std::move(options)) {}

nlohmann::ordered_json Service::results_of(const Job& job) {
  auto results = nlohmann::ordered_json::parse(job.results);
  if (job.history_run > 0 && history_.apply(results, job.history_run) > 0) {
    check::Submission probe;
    probe.framework = results.value("framework", options_.default_framework);
    rescore(results, catalog_.for_unit(probe).framework);
  }
  return results;
}

Reply Service::handle(const Request& request, const std::string& client) {
  const auto [path, query] = split_target(request.target());
  Caller caller;
  caller.client = client;
  caller.lang = query.count("lang") && query.at("lang").value == "en" ? "en" : "th";
  const std::string cookies(request[http::field::cookie]);
  if (const auto sid = cookie_value(cookies, "oitscan_session"); !sid.empty()) caller.session = sessions_.find(sid);
  caller.anon_csrf = cookie_value(cookies, "oitscan_csrf");

  const auto method = request.method();
  const bool get = method == http::verb::get;
  const bool post = method == http::verb::post;
  std::smatch m;
  if (get && path == "/healthz") return text_reply(http::status::ok, "ok\n");
  if (get && path == "/") return home_page(caller, query);
  if (post && path == "/api/checks") return post_check(request, caller);
  if (post && path == "/checks") return post_check_form(request, caller);
  if (post && path == "/api/overrides") return post_override(request, caller);
  if (get && path == "/login") return login_page(caller, "");
  if (post && path == "/login") return post_login(request, caller);
  if (post && path == "/logout") return post_logout(request, caller);
  if (get && std::regex_match(path, m, kJobPath)) return get_check(m[1]);
  if (get && std::regex_match(path, m, kJobEvents)) return check_events(m[1]);
  if (get && std::regex_match(path, m, kCheckPage)) return check_page(m[1], caller);
  if (get && std::regex_match(path, m, kCheckFile)) return check_file(m[1], m[2]);
  if (get && std::regex_match(path, m, kCheckExport)) return check_export(m[1], m[2]);
  if (get && path == "/dashboard") return dashboard_page();
  if (get && std::regex_match(path, m, kUnitPage)) return unit_page(m[1], caller);
  if (get && std::regex_match(path, m, kCapture)) return capture(m[1], caller);
  if (get && std::regex_match(path, m, kAsset)) return asset(m[1]);
  static const std::regex kKnown("/|/healthz|/api/checks.*|/checks.*|/api/overrides|/login|/logout|/dashboard|/units/.*|/captures/.*|/static/.*");
  if (std::regex_match(path, kKnown)) {
    auto r = text_reply(http::status::method_not_allowed, "method not allowed\n");
    r.response.set(http::field::allow, path == "/api/checks" || path == "/api/overrides" || path == "/logout" ? "POST" : "GET");
    return r;
  }
  return not_found();
}

std::string Service::csrf_for(const Caller& caller) const {
  if (caller.session) return caller.session->csrf;
  return caller.anon_csrf;
}

bool Service::csrf_ok(const Caller& caller, std::string_view presented) const {
  const std::string expected = csrf_for(caller);
  return expected.size() == 64 && constant_time_equal(expected, presented);
}

}  // namespace oitscan::serve
