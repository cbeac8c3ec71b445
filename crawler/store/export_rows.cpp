#include "store/export_rows.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "store/history_store.hpp"

namespace oitscan::store {
namespace {

using json = nlohmann::json;

std::string text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The decision that shows on a requirement's row: its own, else its item's.
const json* decision_for(const json& item, const json& requirement) {
  if (requirement.contains("override") && requirement["override"].is_object()) return &requirement["override"];
  if (item.contains("override") && item["override"].is_object()) return &item["override"];
  return nullptr;
}

std::string evidence_urls(const json& requirement) {
  std::string out;
  for (const auto& e : requirement.value("evidence", json::array())) {
    const std::string url = text(e, "url");
    if (!url.empty()) out += (out.empty() ? "" : " ") + url;
  }
  return out;
}

ExportRun export_run(HistoryStore& store, std::int64_t run_id) {
  const auto doc_text = store.results_json(run_id);
  if (!doc_text || doc_text->empty()) throw InputError("", 0, "--run", "run " + std::to_string(run_id) + " has no stored results");
  const json doc = json::parse(*doc_text);
  ExportRun run;
  run.run_id = run_id;
  run.unit_id = text(doc["unit"], "id");
  run.unit_name_th = text(doc["unit"], "name_th");
  run.framework = text(doc, "framework");
  run.checked_at = text(doc, "started_at");
  if (doc.contains("score") && doc["score"].is_object() && doc["score"].contains("oit") && doc["score"]["oit"].is_number()) {
    run.oit = doc["score"]["oit"].get<double>();
  }
  for (const auto& item : doc.value("items", json::array())) {
    run.item_verdicts.emplace_back(text(item, "id"), text(item, "verdict"));
    for (const auto& r : item.value("requirements", json::array())) {
      const json* o = decision_for(item, r);
      ExportRow row;
      row.values = {run.unit_id,
                    run.unit_name_th,
                    run.framework,
                    std::to_string(run_id),
                    run.checked_at,
                    text(item, "id"),
                    text(item, "verdict"),
                    text(r, "id"),
                    text(r, "verdict"),
                    text(r, "reason"),
                    text(r, "message_th"),
                    text(r, "message_en"),
                    text(r, "fix_th"),
                    text(r, "fix_en"),
                    evidence_urls(r),
                    o ? text(*o, "verdict") : "",
                    o ? text(*o, "by") : "",
                    o ? text(*o, "why") : "",
                    // extensions
                    text(item, "title_th"),
                    text(r, "title_th"),
                    text(item, "machine_verdict").empty() ? text(item, "verdict") : text(item, "machine_verdict"),
                    text(r, "machine_verdict").empty() ? text(r, "verdict") : text(r, "machine_verdict"),
                    o ? text(*o, "at") : ""};
      run.rows.push_back(std::move(row));
    }
  }
  return run;
}

}  // namespace

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> columns = {
      "unit_id", "unit_name_th", "framework", "run_id", "checked_at", "item", "item_verdict", "requirement", "verdict",
      "reason", "message_th", "message_en", "fix_th", "fix_en", "evidence_urls", "override_verdict", "override_by",
      "override_why",
      // extensions
      "item_title_th", "requirement_title_th", "item_machine_verdict", "machine_verdict", "override_at"};
  return columns;
}

std::vector<ExportRun> export_runs(HistoryStore& store, const std::vector<std::string>& units,
                                   const std::vector<std::int64_t>& runs) {
  std::vector<ExportRun> out;
  if (!runs.empty()) {
    for (const auto id : runs) {
      const auto info = store.run(id);
      if (!info || info->status != "done") throw InputError("", 0, "--run", "no finished run " + std::to_string(id));
      if (!units.empty() && std::find(units.begin(), units.end(), info->unit_id) == units.end()) {
        throw InputError("", 0, "--run", "run " + std::to_string(id) + " is of unit " + info->unit_id + ", not of the --unit given");
      }
      out.push_back(export_run(store, id));
    }
    return out;
  }
  const std::vector<std::string> ids = units.empty() ? store.units() : units;
  for (const auto& unit : ids) {
    const auto latest = store.previous_run(unit, 0);
    if (!latest) throw InputError("", 0, "--unit", "no finished run of unit \"" + unit + "\"");
    out.push_back(export_run(store, latest->id));
  }
  return out;
}

}  // namespace oitscan::store
