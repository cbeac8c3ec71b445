#pragma once
// Shared helpers of the extract tests: fixture files and the character error rate.
#include <string>
#include <string_view>

#include "extract/extract.hpp"

namespace oitscan::test {

std::string fixture_path(const std::string& name);  // tests/fixtures/docs/<name>
std::string read_fixture(const std::string& name);
extract::Document extract_fixture(const std::string& name, extract::ExtractOptions options = {});

// Levenshtein distance over code points with all whitespace removed, divided by the length of
// the reference (debian-deps.md §3/§4 measure CER the same way, because PDF line wraps and OCR
// spacing are not errors of the characters).
double character_error_rate(std::string_view reference, std::string_view hypothesis);

}  // namespace oitscan::test
