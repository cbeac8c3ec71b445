#pragma once
// A submission that arrived over HTTP (POST /api/checks, or the self-check form turned into the
// JSON shape): read with the same parser and limits as `oitscan check`, so the 400 names the same
// line and field the CLI would.
#include <optional>
#include <string>
#include <string_view>

#include "check/rule_catalog.hpp"
#include "check/submission.hpp"

namespace oitscan::serve {

// yaml | json | csv from a Content-Type header; nullopt for anything else.
std::optional<std::string> submission_kind(std::string_view content_type);

struct BodyError {
  int line = 0;
  std::string field;
  std::string message_en;
  std::string message_th;
};

struct ParsedBody {
  std::optional<check::Submission> submission;
  std::optional<BodyError> error;
};

// Parses `body` of `kind`, checks its items against the framework's rule set, and, unless
// `allow_private`, refuses URLs whose host is a literal private, loopback or link-local address
// (named hosts meet the fetch engine's SSRF guard when they are resolved).
ParsedBody parse_submission_body(std::string_view body, const std::string& kind, check::RuleCatalog& catalog, bool allow_private);

}  // namespace oitscan::serve
