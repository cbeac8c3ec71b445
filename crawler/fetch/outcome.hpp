#pragma once
// The closed set of fetch outcomes of contracts.md (`oitscan fetch`), with the report texts in Thai and
// English, and the one question later stages ask: does this outcome say something about the unit's
// content (a missing document) or only that we could not look (the requirement stays unverified)?
#include <optional>
#include <string_view>

namespace oitscan::fetch {

enum class Outcome {
  ok,
  not_modified,
  http_error,
  timeout,
  dns_error,
  connect_error,
  tls_error,
  too_many_redirects,
  too_large,
  blocked_address,
  robots_disallowed,
  rate_limited,
  interstitial,
  soft_404,
  // Outcomes of the pipeline around the engine (contract extension): a submitted URL that cannot be
  // parsed or fetched at all (the unit's problem), and, under `check --offline`, a URL no earlier
  // run captured (we cannot look).
  invalid_url,
  not_archived,
  // The transfer or its content decoding ended early (short Content-Length, no last chunk, a
  // gzip/deflate/brotli stream without its end marker, a coding we cannot decode): unverifiable.
  truncated,
  // A worker skipped reading the document because reading it had crashed the worker on two earlier
  // attempts of the same job (scaleout/worker.cpp): we could not look, so unverifiable.
  extraction_crashed,
};

// How a failed fetch bears on a requirement's verdict.
enum class EvidenceClass {
  obtained,      // we have the document (ok, not-modified)
  unverifiable,  // network or policy problem: the requirement is `unverified`, never `fail`
  missing,       // the site answered and the document is not there: a content problem
};

struct OutcomeInfo {
  Outcome outcome;
  std::string_view code;  // the contract spelling, e.g. "too-many-redirects"
  std::string_view message_th;
  std::string_view message_en;
  EvidenceClass evidence;
};

const OutcomeInfo& outcome_info(Outcome o);
std::string_view to_string(Outcome o);
std::optional<Outcome> outcome_from_string(std::string_view code);

// The classification for a finished fetch. HTTP errors need the status: 404/410 mean the document
// is missing, while 401/403 (firewalls, geo-blocks) and 5xx say nothing about the content.
EvidenceClass evidence_class(Outcome o, long http_status);

}  // namespace oitscan::fetch
