#include "evaluate/predicate.hpp"

#include "common/input_error.hpp"
#include "evaluate/predicates.hpp"

namespace oitscan::evaluate {

Finding Predicate::check(const EvidenceDoc&, const Context&) const { return {}; }
SetFinding Predicate::check_set(const std::vector<const EvidenceDoc*>&, const Context&) const { return {}; }

void ParamReader::fail(const YAML::Node& at, const std::string& message) const {
  throw InputError(file_, at.Mark().line + 1, field_, message);
}

std::vector<std::string> ParamReader::strings(const YAML::Node& node) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& n : node) {
      if (!n.IsScalar()) fail(n, "expected text");
      out.push_back(n.as<std::string>());
    }
  } else {
    fail(node, "expected text or a list of texts");
  }
  for (const auto& s : out) {
    if (s.empty()) fail(node, "empty text");
  }
  return out;
}

const std::map<std::string, PredicateFactory, std::less<>>& predicate_registry() {
  static const std::map<std::string, PredicateFactory, std::less<>> registry = {
      {"text", &make_text_predicate},
      {"language", &make_language_predicate},
      {"signed_by", &make_signed_by_predicate},
      {"date_within", &make_date_within_predicate},
      {"freshness", &make_freshness_predicate},
      {"covers", &make_covers_predicate},
      {"format", &make_format_predicate},
      {"hosted_on", &make_hosted_on_predicate},
      {"count", &make_count_predicate},
  };
  return registry;
}

}  // namespace oitscan::evaluate
