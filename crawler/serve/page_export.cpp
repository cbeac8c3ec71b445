// GET /checks/ID/results.csv and results.xlsx: the finished check's run in the history store,
// exported by the code of `oitscan export --run ID` (one row per item × requirement, the auditors'
// decisions included), as a download.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/export_files.hpp"
#include "serve/auth.hpp"
#include "serve/service.hpp"

namespace oitscan::serve {

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Reply Service::check_export(const std::string& id, const std::string& format) {
  const auto job = db_.job(id);
  if (!job || job->history_run <= 0 || job->out_dir.empty()) return text_reply(http::status::not_found, "not found\n");
  const auto runs = history_.export_run(job->history_run);
  Reply r;
  if (format == "csv") {
    r = text_reply(http::status::ok, report::export_csv(runs), "text/csv; charset=utf-8");
  } else {
    // The workbook writer wants a file: a private name in the check's folder, gone once read.
    const auto file = std::filesystem::path(job->out_dir) / ("export-" + random_token().substr(0, 16) + ".xlsx");
    report::write_export_xlsx(runs, file);
    std::string bytes = slurp(file);
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    r = text_reply(http::status::ok, std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  // The unit id is [a-z0-9-] (checked at submission), safe inside the quoted file name.
  r.response.set(http::field::content_disposition, "attachment; filename=\"" + job->unit + "-oit." + format + "\"");
  return r;
}

}  // namespace oitscan::serve
