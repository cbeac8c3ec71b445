#pragma once
// Is this decoded text a delimited table, and with which delimiter? Shared by the sniffer (is it
// CSV at all?) and the CSV extractor (how to split it), so both read the same shape.
//
// District CSVs are often exported with a title block above the table ("ข้อมูลเงินอุดหนุนชุมชน
// สำนักงานเขต…" / "รอบ 6 เดือน …") and sometimes a note below it: lines without any delimiter
// before the header row are skipped as a preamble, and a stray line or two inside the sample is
// tolerated, but most lines after the preamble must split into the same number of fields.
#include <optional>
#include <string_view>

namespace oitscan::extract {

enum class CsvEvidence {
  Bytes,     // nothing but the bytes: the table must be most of the sample
  Declared,  // the server declared text/csv: two lines of the same shape are enough
};

// The delimiter (',', ';' or '\t') when `utf8_text` looks like a delimited table, else nullopt.
// Quoted fields (RFC 4180, including newlines inside quotes) are skipped when counting.
std::optional<char> csv_delimiter(std::string_view utf8_text, CsvEvidence evidence = CsvEvidence::Bytes);

}  // namespace oitscan::extract
