// Predicates on the document as a file: its format, where it is hosted, how many there are.
#include <boost/url/parse.hpp>

#include <algorithm>
#include <set>

#include "common/text.hpp"
#include "evaluate/predicates.hpp"
#include "evaluate/rules.hpp"

namespace oitscan::evaluate {
namespace {

std::string without_www(std::string host) { return host.rfind("www.", 0) == 0 ? host.substr(4) : host; }

// format: machine-readable | editable | [xlsx, csv, …]
class FormatPredicate : public Predicate {
 public:
  std::string kind;  // machine-readable | editable | list
  std::vector<extract::Format> formats;
  std::string_view reason() const override { return kind == "machine-readable" ? "not-machine-readable" : "wrong-format"; }

  Finding check(const EvidenceDoc& doc, const Context&) const override {
    Finding f;
    if (kind == "machine-readable") f.ok = doc.machine_readable;
    else if (kind == "editable") f.ok = doc.editable || doc.machine_readable;
    else f.ok = std::find(formats.begin(), formats.end(), doc.format) != formats.end();
    if (f.ok) f.location = "format: " + std::string(extract::to_string(doc.format));
    return f;
  }

  Message explain_failure() const override {
    if (kind == "machine-readable") {
      return {"ไม่มีไฟล์ในรูปแบบที่เครื่องอ่านได้ (เช่น CSV, XLSX, ODS, JSON)",
              "No file in a machine-readable format (such as CSV, XLSX, ODS, JSON)"};
    }
    if (kind == "editable") return {"ไม่มีไฟล์ที่แก้ไขได้ (เช่น DOCX, ODT, XLSX)", "No editable file (such as DOCX, ODT, XLSX)"};
    std::string list;
    for (const auto f : formats) list += (list.empty() ? "" : ", ") + std::string(extract::to_string(f));
    return {"ไม่มีไฟล์ในรูปแบบ " + list, "No file in the format " + list};
  }
};

// hosted_on: main-website            the unit's main website (host and path of `unit.website`)
// hosted_on: {main_website: true, hosts: [egp.bangkok.go.th]}   also these hosts
class HostedOnPredicate : public Predicate {
 public:
  bool main_website = true;
  std::vector<std::string> hosts;
  std::string_view reason() const override { return "off-site"; }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    Finding f;
    const std::string& where = doc.final_url();
    auto parsed = boost::urls::parse_uri(where);
    if (!parsed) return f;
    const std::string host = without_www(ascii_lower(parsed->encoded_host()));
    const std::string path = std::string(parsed->encoded_path());
    if (main_website && host == without_www(ascii_lower(ctx.main_host)) && path.rfind(ctx.main_path, 0) == 0) f.ok = true;
    for (const auto& h : hosts) {
      if (host == without_www(ascii_lower(h))) f.ok = true;
    }
    if (f.ok) f.location = "hosted at " + host;
    return f;
  }

  Message explain_failure() const override {
    return {"เอกสารไม่ได้เผยแพร่บนเว็บไซต์หลักของหน่วยงาน", "The document is not published on the unit's main website"};
  }
};

// count: {min: 2}   at least that many distinct documents (by content digest)
class CountPredicate : public Predicate {
 public:
  std::size_t min = 1;
  std::string_view reason() const override { return "too-few-documents"; }
  bool is_set_predicate() const override { return true; }

  SetFinding check_set(const std::vector<const EvidenceDoc*>& docs, const Context&) const override {
    std::set<std::string> distinct;
    for (const auto* d : docs) distinct.insert(d->fetched && !d->fetched->sha256.empty() ? d->fetched->sha256 : d->final_url());
    SetFinding out;
    out.ok = distinct.size() >= min;
    out.detail = {"พบ " + std::to_string(distinct.size()) + " ฉบับ", "found " + std::to_string(distinct.size())};
    return out;
  }

  Message explain_failure() const override {
    return {"จำนวนเอกสารไม่ครบ (ต้องมีอย่างน้อย " + std::to_string(min) + " ฉบับ)",
            "Too few documents (at least " + std::to_string(min) + " needed)"};
  }
};

}  // namespace

std::unique_ptr<Predicate> make_format_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<FormatPredicate>();
  if (params.IsScalar() && (params.as<std::string>() == "machine-readable" || params.as<std::string>() == "editable")) {
    p->kind = params.as<std::string>();
  } else {
    p->kind = "list";
    for (const auto& name : reader.strings(params)) {
      const auto format = extract::format_from_string(name);
      if (!format) reader.fail(params, "unknown format '" + name + "' (see rules/formats.yaml)");
      p->formats.push_back(*format);
    }
  }
  return p;
}

std::unique_ptr<Predicate> make_hosted_on_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<HostedOnPredicate>();
  if (params.IsScalar()) {
    if (params.as<std::string>() != "main-website") reader.fail(params, "hosted_on is main-website or {main_website, hosts}");
  } else if (params.IsMap()) {
    for (const auto& kv : params) {
      const auto key = kv.first.as<std::string>();
      if (key == "main_website") p->main_website = kv.second.as<bool>();
      else if (key == "hosts") p->hosts = reader.strings(kv.second);
      else reader.fail(kv.first, "unknown hosted_on option '" + key + "' (main_website, hosts)");
    }
  } else {
    reader.fail(params, "hosted_on is main-website or {main_website, hosts}");
  }
  return p;
}

std::unique_ptr<Predicate> make_count_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<CountPredicate>();
  const YAML::Node min = params.IsMap() ? params["min"] : params;
  if (!min || !min.IsScalar()) reader.fail(params, "count needs {min: N}");
  try {
    p->min = min.as<std::size_t>();
  } catch (const YAML::Exception&) {
    reader.fail(min, "min must be a whole number");
  }
  if (p->min < 1) reader.fail(min, "min must be at least 1");
  return p;
}

}  // namespace oitscan::evaluate
