#pragma once
// Soft-404 pages recognised by what they say ("ไม่พบหน้าที่คุณต้องการ", "404 Not Found"), for sites
// whose not-found page differs from what they serve for our random probe path. The phrases and
// limits are data: rules/not-found.yaml.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/response.hpp"

namespace oitscan::fetch {

struct NotFoundRules {
  std::vector<std::string> phrases;  // as written in the file
  std::size_t lead_bytes = 600;
  std::size_t short_page_text_bytes = 3000;

  // Throws InputError naming the file when it cannot be read or is malformed.
  static NotFoundRules load(const std::filesystem::path& file);
  static const NotFoundRules& default_rules();  // data_dir()/rules/not-found.yaml, loaded once
};

// The parts of an HTML page that a not-found page states itself in. Bytes are kept as the page
// has them (no charset decoding); tags, comments, scripts and styles are gone, whitespace runs
// are single spaces.
struct PageStatement {
  std::string title;
  std::vector<std::string> h1;
  std::vector<std::string> h2;
  std::string lead;             // the first lead_bytes of visible text
  std::size_t text_bytes = 0;   // all visible text (the title excluded), counted up to count_limit
};

// count_limit: text_bytes is exact up to this; above it, counting stops (the value only says "more").
PageStatement page_statement(std::string_view html, std::size_t lead_bytes,
                             std::size_t count_limit = static_cast<std::size_t>(-1));

// Why `r` (a 2xx HTML response) is a not-found page by its own words, e.g.
// `the title says "404 Not Found"`; empty when it is not.
std::string not_found_statement(const Response& r, const NotFoundRules& rules);

}  // namespace oitscan::fetch
