#include "report/export_files.hpp"

#include <xlsxwriter.h>

#include <map>
#include <set>

#include "common/atomic_file.hpp"
#include "common/time.hpp"

namespace oitscan::report {
namespace {

bool looks_like_formula(const std::string& v) {
  return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

std::string csv_field(const std::string& v) {
  const std::string value = looks_like_formula(v) ? "'" + v : v;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

// The items of all runs, in first-seen order (O1 … O22).
std::vector<std::string> item_columns(const std::vector<store::ExportRun>& runs) {
  std::vector<std::string> items;
  std::set<std::string> seen;
  for (const auto& run : runs) {
    for (const auto& [item, verdict] : run.item_verdicts) {
      if (seen.insert(item).second) items.push_back(item);
    }
  }
  return items;
}

void check_xlsx(lxw_error err, const std::filesystem::path& file, const char* what) {
  if (err != LXW_NO_ERROR) throw OutputError(file.string() + ": cannot write the XLSX " + what + ": " + lxw_strerror(err));
}

}  // namespace

std::string export_csv(const std::vector<store::ExportRun>& runs) {
  std::string out = "\xEF\xBB\xBF";
  const auto& columns = store::export_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
  out += "\r\n";
  for (const auto& run : runs) {
    for (const auto& row : run.rows) {
      for (std::size_t i = 0; i < row.values.size(); ++i) out += (i ? "," : "") + csv_field(row.values[i]);
      out += "\r\n";
    }
  }
  return out;
}

nlohmann::ordered_json export_json(const std::vector<store::ExportRun>& runs) {
  nlohmann::ordered_json out;
  out["schema"] = "oitscan.export/1";
  out["exported_at"] = iso8601_utc_now();
  out["columns"] = store::export_columns();
  auto rows = nlohmann::ordered_json::array();
  const auto& columns = store::export_columns();
  for (const auto& run : runs) {
    for (const auto& row : run.rows) {
      nlohmann::ordered_json r;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == "run_id") r[columns[i]] = run.run_id;
        else r[columns[i]] = row.values[i];
      }
      rows.push_back(std::move(r));
    }
  }
  out["rows"] = std::move(rows);
  auto summary = nlohmann::ordered_json::array();
  for (const auto& run : runs) {
    nlohmann::ordered_json s;
    s["unit_id"] = run.unit_id;
    s["unit_name_th"] = run.unit_name_th;
    s["run_id"] = run.run_id;
    s["checked_at"] = run.checked_at;
    s["oit"] = run.oit ? nlohmann::ordered_json(*run.oit) : nlohmann::ordered_json();
    nlohmann::ordered_json items = nlohmann::ordered_json::object();
    for (const auto& [item, verdict] : run.item_verdicts) items[item] = verdict;
    s["items"] = std::move(items);
    summary.push_back(std::move(s));
  }
  out["summary"] = std::move(summary);
  return out;
}

void write_export_xlsx(const std::vector<store::ExportRun>& runs, const std::filesystem::path& file) {
  // libxlsxwriter writes the file itself (through its own temporary): refuse a link first, as for
  // every output.
  check_output_target(file);
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  options.use_zip64 = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (wb == nullptr) throw OutputError(file.string() + ": cannot create the XLSX workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  lxw_worksheet* details = workbook_add_worksheet(wb, "details");
  const auto& columns = store::export_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(details, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), bold);
  }
  lxw_row_t r = 1;
  for (const auto& run : runs) {
    for (const auto& row : run.rows) {
      for (std::size_t c = 0; c < row.values.size(); ++c) {
        if (columns[c] == "run_id") worksheet_write_number(details, r, static_cast<lxw_col_t>(c), static_cast<double>(run.run_id), nullptr);
        else worksheet_write_string(details, r, static_cast<lxw_col_t>(c), row.values[c].c_str(), nullptr);
      }
      ++r;
    }
  }
  worksheet_freeze_panes(details, 1, 0);

  lxw_worksheet* summary = workbook_add_worksheet(wb, "summary");
  const auto items = item_columns(runs);
  const char* fixed_columns[] = {"unit_id", "unit_name_th", "run_id", "checked_at", "oit"};
  lxw_col_t c = 0;
  for (const char* name : fixed_columns) worksheet_write_string(summary, 0, c++, name, bold);
  for (const auto& item : items) worksheet_write_string(summary, 0, c++, item.c_str(), bold);
  r = 1;
  for (const auto& run : runs) {
    c = 0;
    worksheet_write_string(summary, r, c++, run.unit_id.c_str(), nullptr);
    worksheet_write_string(summary, r, c++, run.unit_name_th.c_str(), nullptr);
    worksheet_write_number(summary, r, c++, static_cast<double>(run.run_id), nullptr);
    worksheet_write_string(summary, r, c++, run.checked_at.c_str(), nullptr);
    if (run.oit) worksheet_write_number(summary, r, c, *run.oit, nullptr);
    ++c;
    std::map<std::string, std::string> verdicts(run.item_verdicts.begin(), run.item_verdicts.end());
    for (const auto& item : items) {
      const auto v = verdicts.find(item);
      if (v != verdicts.end()) worksheet_write_string(summary, r, c, v->second.c_str(), nullptr);
      ++c;
    }
    ++r;
  }
  worksheet_freeze_panes(summary, 1, 2);
  check_xlsx(workbook_close(wb), file, "workbook");
}

}  // namespace oitscan::report
