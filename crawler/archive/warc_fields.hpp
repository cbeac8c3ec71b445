#pragma once
// The named fields of a WARC record header, in the order they are written. Values come from the
// network (URLs, server headers) so every value is checked: a CR, LF or NUL inside one would let
// hostile input forge extra header lines.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oitscan::archive {

class WarcFields {
 public:
  // Throws std::invalid_argument when the name is not an HTTP token or the value holds CR/LF/NUL.
  void add(std::string_view name, std::string_view value);
  // Adds without validation; only for the reader, which keeps what the file says.
  void add_unchecked(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Continues the last field's value (a folded header line); false when there is no field yet.
  bool continue_last(std::string_view more) {
    if (fields_.empty()) return false;
    fields_.back().second += " ";
    fields_.back().second += more;
    return true;
  }

  // First value of a field, compared case-insensitively (WARC field names are case-insensitive).
  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> get_all(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

  // "Name: value\r\n" for each field (no version line, no blank line).
  std::string serialize() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

bool is_token(std::string_view name);

// A fresh "<urn:uuid:...>" record id (random, RFC 4122 version 4, from OpenSSL's CSPRNG).
std::string new_record_id();
// Current UTC time as WARC-Date with second precision: 2026-11-21T01:00:00Z.
std::string warc_date_now();
// True for the W3C-ISO8601 forms WARC 1.1 allows with at least second precision:
// YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DDThh:mm:ss.f...Z (1 to 9 fraction digits).
bool is_warc_date(std::string_view value);
// Percent-encodes bytes a WARC-Target-URI may not carry raw (controls, space, non-ASCII, '<' '>'
// '"'), so Thai paths and hostile URLs stay one well-formed header value. Already-encoded input
// is unchanged.
std::string warc_uri(std::string_view uri);

}  // namespace oitscan::archive
