#pragma once
// What a queued job asks, frozen at enqueue time: the unit's submission (name, website, framework,
// the URLs of every item) and the digest of the rule set that judges it. A job redelivered to
// another worker, hours later, asks the same question; a worker whose rule files differ from the
// digest refuses the job rather than answer another question.
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "check/submission.hpp"

namespace oitscan::scaleout {

struct JobInputs {
  check::Submission submission;
  std::string rules_digest;  // rule_set_digest() of the framework's rules when enqueued
};

// SHA-256 over the names and bytes of every file of the framework's rule set and of the shared
// rule files (rules/*.yaml, rules/frameworks/), in a fixed order.
std::string rule_set_digest(const std::filesystem::path& rules_root, const std::string& framework);

// rule_set_digest() once per framework, for a process that loads each rule set once (the worker's
// RuleCatalog, enqueue over many units): the digest then names exactly the rules it judges with,
// and the rule files are read once, not once per job. Thread-safe.
class RuleSetDigests {
 public:
  explicit RuleSetDigests(std::filesystem::path rules_root) : rules_root_(std::move(rules_root)) {}
  std::string of(const std::string& framework);

 private:
  std::filesystem::path rules_root_;
  std::mutex mutex_;
  std::map<std::string, std::string> digests_;
};

std::string to_json(const JobInputs& inputs);
// Throws InputError naming the field when the stored inputs are malformed.
JobInputs job_inputs_from_json(const std::string& json);

}  // namespace oitscan::scaleout
