// Predicates on what a document says: phrases, language, signature.
#include <algorithm>

#include "evaluate/predicates.hpp"
#include "evaluate/rules.hpp"

namespace oitscan::evaluate {
namespace {

std::string quoted_list(const std::vector<std::string>& phrases, const char* joiner) {
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) out += (i ? joiner : "") + ("“" + phrases[i] + "”");
  return out;
}

// text: [a, b]                      any of the phrases
// text: {any: [...], all: [...], none: [...]}
class TextPredicate : public Predicate {
 public:
  std::vector<std::string> any, all, none;  // as written, for messages
  std::vector<std::string> any_key, all_key, none_key;

  std::string_view reason() const override { return "not-found"; }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    const DocTextIndex& index = ctx.text.of(doc);
    Finding f;
    std::optional<TextMatch> shown;
    for (const auto& k : all_key) {
      auto m = index.find(k);
      if (!m) return f;
      if (!shown) shown = m;
    }
    if (!any_key.empty()) {
      std::optional<TextMatch> hit;
      for (const auto& k : any_key) {
        if ((hit = index.find(k))) break;
      }
      if (!hit) return f;
      if (!shown) shown = hit;
    }
    for (const auto& k : none_key) {
      if (index.find(k)) return f;
    }
    f.ok = true;
    if (shown) {
      const auto& part = doc.parts[shown->part];
      f.snippet = snippet_around(part.text, shown->display_begin, shown->display_end);
      f.location = part.location;
      f.from_ocr = part.source == extract::TextSource::Ocr;
    }
    return f;
  }

  Message explain_failure() const override {
    Message m;
    std::string th_need, en_need;
    if (!all.empty()) {
      th_need += "ทุกคำ " + quoted_list(all, ", ");
      en_need += "all of " + quoted_list(all, ", ");
    }
    if (!any.empty()) {
      th_need += std::string(th_need.empty() ? "" : " และ") + "อย่างน้อยหนึ่งคำจาก " + quoted_list(any, ", ");
      en_need += std::string(en_need.empty() ? "" : " and ") + "one of " + quoted_list(any, ", ");
    }
    if (!none.empty()) {
      th_need += std::string(th_need.empty() ? "" : " และ") + "โดยไม่มีคำ " + quoted_list(none, ", ");
      en_need += std::string(en_need.empty() ? "" : " and ") + "none of " + quoted_list(none, ", ");
    }
    m.th = "ไม่พบเอกสารที่มีข้อความ" + th_need;
    m.en = "No document contains " + en_need;
    return m;
  }
};

// language: en   (or th) — the document is mostly in that script
class LanguagePredicate : public Predicate {
 public:
  std::string language;
  std::size_t min_letters = 80;
  std::string_view reason() const override { return language == "en" ? "no-english-version" : "no-thai-version"; }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    const DocTextIndex& index = ctx.text.of(doc);
    const std::size_t latin = index.latin_letters(), thai = index.thai_letters();
    const std::size_t wanted = language == "en" ? latin : thai;
    Finding f;
    // Mostly that script, and enough of it to be a document rather than a heading.
    f.ok = wanted >= min_letters && wanted * 10 >= (latin + thai) * 6;
    if (f.ok && !doc.parts.empty()) {
      f.location = doc.parts.front().location;
      f.snippet = snippet_around(doc.parts.front().text, 0, 0, 160);
    }
    return f;
  }

  Message explain_failure() const override {
    if (language == "en") return {"ไม่พบฉบับภาษาอังกฤษ", "No English-language version was found"};
    return {"ไม่พบฉบับภาษาไทย", "No Thai-language version was found"};
  }
};

// signed_by: {role: [ผู้อำนวยการเขต], tail_chars: 1500}
// A signature block sits at the end of a document: the role, and near it a signature cue
// (ลงชื่อ, a name in parentheses, or a Thai title such as นาย/นาง/นางสาว).
class SignedByPredicate : public Predicate {
 public:
  std::vector<std::string> roles, role_keys;
  std::size_t tail_chars = 1500;
  std::string_view reason() const override { return "unsigned"; }

  Finding check(const EvidenceDoc& doc, const Context&) const override {
    Finding f;
    if (doc.parts.empty()) return f;
    // The last `tail_chars` characters (about 3 bytes each in Thai) of the document's text.
    std::string tail;
    for (auto it = doc.parts.rbegin(); it != doc.parts.rend() && tail.size() < tail_chars * 3; ++it) {
      tail = it->text + "\n" + tail;
    }
    if (tail.size() > tail_chars * 3) tail = tail.substr(tail.size() - tail_chars * 3);
    EvidenceDoc tail_doc;
    tail_doc.parts.push_back(DocPart{"", tail, extract::TextSource::Markup});
    const DocTextIndex index(tail_doc);
    for (const auto& key : role_keys) {
      auto m = index.find(key);
      if (!m) continue;
      // A cue within ~300 bytes before the role (the name line sits above the title line).
      const std::size_t from = m->display_begin > 400 ? m->display_begin - 400 : 0;
      const std::string before = tail.substr(from, m->display_begin - from);
      const bool cue = before.find("ลงชื่อ") != std::string::npos || before.find('(') != std::string::npos ||
                       before.find("นาย") != std::string::npos || before.find("นาง") != std::string::npos ||
                       before.find("น.ส.") != std::string::npos;
      if (!cue) continue;
      f.ok = true;
      f.snippet = snippet_around(tail, from, m->display_end, 0);
      f.location = doc.parts.back().location;
      f.from_ocr = doc.parts.back().source == extract::TextSource::Ocr;
      return f;
    }
    return f;
  }

  Message explain_failure() const override {
    return {"ไม่พบการลงนามโดย " + quoted_list(roles, " หรือ ") + " ท้ายเอกสาร",
            "No signature block of " + quoted_list(roles, " or ") + " at the end of the document"};
  }
};

}  // namespace

std::unique_ptr<Predicate> make_text_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<TextPredicate>();
  if (params.IsMap()) {
    for (const auto& kv : params) {
      const auto key = kv.first.as<std::string>();
      if (key == "any") p->any = reader.strings(kv.second);
      else if (key == "all") p->all = reader.strings(kv.second);
      else if (key == "none") p->none = reader.strings(kv.second);
      else reader.fail(kv.first, "unknown text option '" + key + "' (any, all, none)");
    }
  } else {
    p->any = reader.strings(params);
  }
  if (p->any.empty() && p->all.empty()) reader.fail(params, "text needs phrases under any or all");
  for (const auto& s : p->any) p->any_key.push_back(compact_key(s));
  for (const auto& s : p->all) p->all_key.push_back(compact_key(s));
  for (const auto& s : p->none) p->none_key.push_back(compact_key(s));
  return p;
}

std::unique_ptr<Predicate> make_language_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<LanguagePredicate>();
  if (!params.IsScalar()) reader.fail(params, "language is en or th");
  p->language = params.as<std::string>();
  if (p->language != "en" && p->language != "th") reader.fail(params, "language is en or th");
  return p;
}

std::unique_ptr<Predicate> make_signed_by_predicate(const YAML::Node& params, const RuleSet&, const ParamReader& reader) {
  auto p = std::make_unique<SignedByPredicate>();
  if (params.IsMap()) {
    for (const auto& kv : params) {
      const auto key = kv.first.as<std::string>();
      if (key == "role") p->roles = reader.strings(kv.second);
      else if (key == "tail_chars") p->tail_chars = kv.second.as<std::size_t>();
      else reader.fail(kv.first, "unknown signed_by option '" + key + "' (role, tail_chars)");
    }
  } else {
    p->roles = reader.strings(params);
  }
  if (p->roles.empty()) reader.fail(params, "signed_by needs a role");
  for (const auto& r : p->roles) p->role_keys.push_back(compact_key(r));
  return p;
}

}  // namespace oitscan::evaluate
