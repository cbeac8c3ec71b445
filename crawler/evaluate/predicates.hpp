#pragma once
// Factories of the predicate kinds (see predicate_registry()). Each lives in predicate_<group>.cpp.
#include "evaluate/predicate.hpp"

namespace oitscan::evaluate {

#define OITSCAN_PREDICATE_FACTORY(name) \
  std::unique_ptr<Predicate> name(const YAML::Node& params, const RuleSet& rules, const ParamReader& reader)

// predicate_text.cpp
OITSCAN_PREDICATE_FACTORY(make_text_predicate);       // phrases present (any / all / none)
OITSCAN_PREDICATE_FACTORY(make_language_predicate);   // the document is in English (or Thai)
OITSCAN_PREDICATE_FACTORY(make_signed_by_predicate);  // a signature block naming a role
// predicate_dates.cpp
OITSCAN_PREDICATE_FACTORY(make_date_within_predicate);  // a date inside a named period
OITSCAN_PREDICATE_FACTORY(make_freshness_predicate);    // updated within N months of the assessment
OITSCAN_PREDICATE_FACTORY(make_covers_predicate);       // every month/quarter of a period covered
// predicate_document.cpp
OITSCAN_PREDICATE_FACTORY(make_format_predicate);     // machine-readable / editable / listed formats
OITSCAN_PREDICATE_FACTORY(make_hosted_on_predicate);  // on the unit's main website or allowed hosts
OITSCAN_PREDICATE_FACTORY(make_count_predicate);      // at least N distinct documents

#undef OITSCAN_PREDICATE_FACTORY

}  // namespace oitscan::evaluate
