#pragma once
// Shared helpers of the extract tests: fixture files and the character error rate.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extract.hpp"

namespace oitscan::test {

std::string fixture_path(const std::string& name);  // tests/fixtures/docs/<name>
std::string read_fixture(const std::string& name);
extract::Document extract_fixture(const std::string& name, extract::ExtractOptions options = {});

// The bytes of a zip archive holding these members (name, content), written by libzip: the
// OOXML tests build their DOCX and XLSX containers with it.
std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& members);

// Levenshtein distance over code points with all whitespace removed, divided by the length of
// the reference (debian-deps.md §3/§4 measure CER the same way, because PDF line wraps and OCR
// spacing are not errors of the characters).
double character_error_rate(std::string_view reference, std::string_view hypothesis);

}  // namespace oitscan::test
