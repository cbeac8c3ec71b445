#pragma once
// `oitscan export` files from the export rows (store/export_rows.hpp):
// - CSV: UTF-8 with a byte-order mark (so Excel shows Thai), RFC 4180 (CRLF, fields with a comma,
//   quote or line break quoted, quotes doubled), header row of export_columns();
// - JSON: schema oitscan.export/1 (schemas/oitscan.export-1.schema.json);
// - XLSX (libxlsxwriter): sheet `details` with the same rows, sheet `summary` unit × item.
// Text a spreadsheet would take for a formula (=, +, -, @ first) is written as text: in CSV with
// a leading apostrophe (OWASP "CSV injection"), in XLSX as a string cell.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/export_rows.hpp"

namespace oitscan::report {

std::string export_csv(const std::vector<store::ExportRun>& runs);
nlohmann::ordered_json export_json(const std::vector<store::ExportRun>& runs);
// Throws OutputError naming the file when libxlsxwriter cannot write it.
void write_export_xlsx(const std::vector<store::ExportRun>& runs, const std::filesystem::path& file);

}  // namespace oitscan::report
