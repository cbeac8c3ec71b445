#pragma once
// A predicate is one named kind of check a rule file can use ("text", "date_within", "covers",
// …). Each is registered by name with a factory that reads its parameters from YAML, so the
// rule files stay data and a new kind of check is one new file here.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "evaluate/evidence.hpp"
#include "evaluate/period.hpp"
#include "evaluate/text_index.hpp"

namespace oitscan::evaluate {

struct RuleSet;

struct Message {
  std::string th;
  std::string en;
};

// What the evaluation knows besides the documents.
struct Context {
  const RuleSet& rules;
  std::string main_host;         // host of the unit's main website
  std::string main_path;         // its path prefix ("/bangna/"), "" for a whole host
  Day as_of;                     // the assessment date: "so far" and freshness count from here
  TextIndexCache& text;          // normalised matching text per document, built once
};

// A per-document finding: did this document satisfy the predicate, and what shows it.
struct Finding {
  bool ok = false;
  std::string snippet;   // display text around the match
  std::string location;  // where in the document
  std::vector<std::string> dates;  // ISO dates/intervals the predicate relied on
  bool from_ocr = false;           // relied on OCR'd text (Thai digits unreliable)
};

// A set-level finding (coverage, counts) over the documents that passed every per-document check.
struct SetFinding {
  bool ok = false;
  Message detail;  // e.g. which months are missing
  std::vector<std::string> dates;
  bool from_ocr = false;
};

class Predicate {
 public:
  virtual ~Predicate() = default;
  virtual std::string_view reason() const = 0;  // reason code when nothing satisfies it
  virtual bool is_set_predicate() const { return false; }
  virtual bool judges_dates() const { return false; }  // OCR'd digits make its failures uncertain
  // Phrases that name what the requirement looks for (text predicates): what a link must say to
  // be followed without a file extension, or to make a dead link matter.
  virtual std::vector<std::string> phrases() const { return {}; }
  virtual Finding check(const EvidenceDoc& doc, const Context& ctx) const;
  virtual SetFinding check_set(const std::vector<const EvidenceDoc*>& docs, const Context& ctx) const;
  // Why no document satisfied it, in Thai and English.
  virtual Message explain_failure() const = 0;
  // The same, saying what was found in the documents that came closest (date predicates name the
  // periods those documents are about).
  virtual Message explain_failure_given(const std::vector<const EvidenceDoc*>& closest, const Context& ctx) const {
    (void)closest;
    (void)ctx;
    return explain_failure();
  }
};

// Reads a predicate's parameters; throws InputError naming the rule file, line and field.
class ParamReader {
 public:
  ParamReader(std::string file, std::string field) : file_(std::move(file)), field_(std::move(field)) {}
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  std::vector<std::string> strings(const YAML::Node& node) const;  // a string or a list of strings
  const std::string& field() const { return field_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string field_;
};

using PredicateFactory =
    std::function<std::unique_ptr<Predicate>(const YAML::Node& params, const RuleSet& rules, const ParamReader& reader)>;

// Every predicate kind, by the name rule files use.
const std::map<std::string, PredicateFactory, std::less<>>& predicate_registry();

}  // namespace oitscan::evaluate
