#include "extract/csv_shape.hpp"

#include <array>
#include <map>
#include <vector>

namespace oitscan::extract {
namespace {

constexpr std::array<char, 3> kDelimiters = {',', ';', '\t'};
// Enough lines to see a title block and a few rows; a sniff must stay cheap.
constexpr std::size_t kSampleLines = 40;
// Title, subtitle, unit, date of the table, a blank-ish line: more than that is not a preamble.
constexpr std::size_t kMaxPreambleLines = 5;

using Counts = std::array<std::size_t, kDelimiters.size()>;

// Each non-blank line of the sample with the count of every delimiter outside quotes. A newline
// inside quotes belongs to the field, not a new line. An escaped quote ("") toggles twice.
std::vector<Counts> sample_lines(std::string_view text) {
  std::vector<Counts> lines;
  Counts counts{};
  bool quoted = false;
  bool has_text = false;
  for (std::size_t i = 0; i < text.size() && lines.size() < kSampleLines; ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '\n') {
      if (has_text) lines.push_back(counts);
      counts = {};
      has_text = false;
      continue;
    }
    if (c != ' ' && c != '\r') has_text = true;
    if (quoted) continue;
    for (std::size_t k = 0; k < kDelimiters.size(); ++k) {
      if (c == kDelimiters[k]) ++counts[k];
    }
  }
  if (has_text && lines.size() < kSampleLines) lines.push_back(counts);
  return lines;
}

struct Shape {
  std::size_t width = 0;  // delimiters per row, the most common non-zero count
  std::size_t rows = 0;   // lines with exactly `width` delimiters
  std::size_t lines = 0;  // lines after the preamble
};

Shape shape_for(const std::vector<Counts>& lines, std::size_t k) {
  std::size_t start = 0;
  while (start < lines.size() && start < kMaxPreambleLines && lines[start][k] == 0) ++start;
  std::map<std::size_t, std::size_t> frequency;
  for (std::size_t i = start; i < lines.size(); ++i) {
    if (lines[i][k] > 0) ++frequency[lines[i][k]];
  }
  Shape s;
  s.lines = lines.size() - start;
  for (const auto& [width, rows] : frequency) {
    if (rows > s.rows) s = Shape{width, rows, s.lines};
  }
  return s;
}

bool convincing(const Shape& s, CsvEvidence evidence) {
  if (s.width == 0 || s.rows < 2) return false;
  // A declared text/csv only has to agree with the bytes; undeclared text must be mostly table,
  // so that prose with a comma per line stays text.
  if (evidence == CsvEvidence::Declared) return s.rows * 2 >= s.lines;
  return s.rows * 5 >= s.lines * 4;
}

}  // namespace

std::optional<char> csv_delimiter(std::string_view utf8_text, CsvEvidence evidence) {
  const std::vector<Counts> lines = sample_lines(utf8_text);
  std::optional<char> best;
  Shape best_shape;
  for (std::size_t k = 0; k < kDelimiters.size(); ++k) {
    const Shape s = shape_for(lines, k);
    if (!convincing(s, evidence)) continue;
    // The delimiter that shapes more rows wins; on a tie, the one giving more columns.
    if (!best || s.rows > best_shape.rows || (s.rows == best_shape.rows && s.width > best_shape.width)) {
      best = kDelimiters[k];
      best_shape = s;
    }
  }
  return best;
}

}  // namespace oitscan::extract
