#pragma once
// results.json (schema oitscan.results/1, contracts.md) from a CheckRun.
#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace oitscan::check {

// Contract fields, plus optional ones: per item `title_th/title_en`; per requirement `mandatory`,
// `title_th/title_en`, `fix_th/fix_en`, `needs_review`; per evidence `depth`, `linked_from`,
// `fetch_outcome`, `ocr`; top level `as_of`.
// One evidence entry of a requirement, as results.json gives it.
nlohmann::ordered_json evidence_to_json(const evaluate::EvidenceRef& ref);

nlohmann::ordered_json results_to_json(const CheckRun& run, const score::Framework& framework);

// Recomputes `score` from the document's item verdicts as they stand (after auditor overrides,
// store/overrides.hpp: the score uses the overriding verdict).
void rescore_results(nlohmann::ordered_json& results, const score::Framework& framework);

}  // namespace oitscan::check
