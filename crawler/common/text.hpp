#pragma once
// ASCII text helpers shared by every stage: case folding for protocol tokens (header names, schemes,
// hosts, file extensions), trimming, hex. Thai text has its own normalisation in thai/.
#include <string>
#include <string_view>

namespace oitscan {

char ascii_lower(char c);
std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool iends_with(std::string_view s, std::string_view suffix);
// Removes spaces, tabs, CR and LF at both ends.
std::string_view trim(std::string_view s);
// Runs of ASCII white space as one space, none at either end (text as a page or document shows it).
std::string collapse_spaces(std::string_view s);
// Lowercase hex of the bytes ("upper" for percent-encoding and the like).
std::string hex_encode(std::string_view bytes, bool upper = false);

}  // namespace oitscan
