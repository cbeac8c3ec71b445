// Predicates on what a document says: phrases, language, signature.
#include <algorithm>

#include "evaluate/predicates.hpp"
#include "evaluate/rules.hpp"
#include "evaluate/signature.hpp"

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
  struct Shown {
    bool found = false;  // false: only `none` phrases were asked for
    TextMatch where;
  };

  // Whether the index satisfies all/any/none; `excluded` is set when a `none` phrase is present.
  std::optional<Shown> match(const DocTextIndex& index, bool& excluded) const {
    std::optional<Shown> shown;
    for (const auto& k : all_key) {
      auto m = index.find(k);
      if (!m) return std::nullopt;
      if (!shown) shown = Shown{true, *m};
    }
    if (!any_key.empty()) {
      std::optional<TextMatch> hit;
      for (const auto& k : any_key) {
        if ((hit = index.find(k))) break;
      }
      if (!hit) return std::nullopt;
      if (!shown) shown = Shown{true, *hit};
    }
    for (const auto& k : none_key) {
      if (index.find(k)) {
        excluded = true;
        return std::nullopt;
      }
    }
    return shown ? shown : Shown{};
  }

  // A document that says something of its own besides site chrome: link text may name it.
  static bool has_own_content(const EvidenceDoc& doc) {
    if (doc.placeholder) return false;
    std::size_t bytes = 0;
    for (const auto& p : doc.parts) bytes += p.chrome ? 0 : p.text.size();
    return bytes >= 300;
  }

 public:
  std::vector<std::string> any, all, none;  // as written, for messages
  std::vector<std::string> any_key, all_key, none_key;
  // `in: head` in the rule file: the phrases name the kind of document ("แผนการใช้จ่ายงบประมาณ"),
  // so they must stand in its head (title, headings, first lines), not in a sentence of the body.
  bool identity = false;

  std::string_view reason() const override { return "not-found"; }
  std::vector<std::string> phrases() const override {
    std::vector<std::string> out = all;
    out.insert(out.end(), any.begin(), any.end());
    return out;
  }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    const DocTextIndex& index = ctx.text.of(doc);
    Finding f;
    bool excluded = false;
    // `none` phrases exclude wherever they stand; the kind of document is read from its head.
    for (const auto& k : none_key) {
      if (index.find(k)) return f;
    }
    if (identity && !doc.head.empty()) {  // (a document built by hand has no head: its whole text)
      if (auto shown = match(ctx.text.of_head(doc), excluded); shown && shown->found) {
        f.ok = true;
        f.snippet = snippet_around(doc.head, shown->where.display_begin, shown->where.display_end);
        f.location = doc.parts.empty() ? "" : doc.parts.front().location;
        f.from_ocr = doc.any_ocr();
        return f;
      }
    } else if (auto shown = match(index, excluded)) {
      f.ok = true;
      if (shown->found) {
        const auto& part = doc.parts[shown->where.part];
        f.snippet = snippet_around(part.text, shown->where.display_begin, shown->where.display_end);
        f.location = part.location;
        f.from_ocr = part.source == extract::TextSource::Ocr;
      }
      return f;
    }
    // What the linking page calls the document ("รายงานผล … รอบ ๖ เดือน" as the link's text) says
    // what the document is when its own heading did not survive extraction: evidence "from the
    // link", for a document with content of its own, never for its period.
    if (excluded || doc.link_context.empty() || !has_own_content(doc)) return f;
    bool link_excluded = false;
    if (match(ctx.text.of_link(doc), link_excluded) && !link_excluded) {
      f.ok = true;
      f.snippet = snippet_around(doc.link_context, 0, 0, 200);
      f.location = "link text on " + doc.linked_from;
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
  std::size_t min_section_letters = 200;  // a version of the document (six lines), not a heading or a quote
  std::string_view reason() const override { return language == "en" ? "no-english-version" : "no-thai-version"; }

  Finding check(const EvidenceDoc& doc, const Context& ctx) const override {
    const DocTextIndex& index = ctx.text.of(doc);
    const std::size_t latin = index.latin_letters(), thai = index.thai_letters();
    const std::size_t wanted = language == "en" ? latin : thai;
    Finding f;
    // Mostly that script, and enough of it to be a document rather than a heading; or, for a
    // document in two languages (the Thai announcement, then its English version), a substantial
    // section in that language.
    const std::size_t in_sections = language == "en" ? doc.english_letters : doc.thai_letters;
    f.ok = (wanted >= min_letters && wanted * 10 >= (latin + thai) * 6) || in_sections >= min_section_letters;
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
// A signature block sits at the end of a document: the role on a line of its own, and just above
// it a signature cue (ลงชื่อ, a name in parentheses, a Thai title): signature.hpp.
class SignedByPredicate : public Predicate {
 public:
  std::vector<std::string> roles, role_keys;
  std::size_t tail_chars = 1500;
  std::string_view reason() const override { return "unsigned"; }

  Finding check(const EvidenceDoc& doc, const Context&) const override {
    Finding f;
    // The last `tail_chars` characters (about 3 bytes each in Thai) of the document's own text: a
    // sidebar's "นายสมชาย ใจดี ผู้อำนวยการเขต" is the site's, not a signature.
    std::string tail;
    const DocPart* last = nullptr;
    for (auto it = doc.parts.rbegin(); it != doc.parts.rend() && tail.size() < tail_chars * 3; ++it) {
      if (it->chrome) continue;
      if (last == nullptr) last = &*it;
      tail = it->text + "\n" + tail;
    }
    if (last == nullptr) return f;
    if (tail.size() > tail_chars * 3) tail = tail.substr(tail.size() - tail_chars * 3);
    const bool ocr = last->source == extract::TextSource::Ocr;
    const auto signature = find_signature(tail, role_keys, ocr);
    if (!signature) return f;
    // The signature block: the role's line and the lines just above it (the name).
    const std::size_t from = signature->begin > 200 ? signature->begin - 200 : 0;
    f.ok = true;
    f.snippet = snippet_around(tail, from, signature->end, 0);
    f.location = last->location;
    f.from_ocr = ocr;
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
      else if (key == "in") {
        const auto where = kv.second.as<std::string>();
        if (where != "head" && where != "text") reader.fail(kv.second, "in is head (title, headings, first lines) or text");
        p->identity = where == "head";
      } else reader.fail(kv.first, "unknown text option '" + key + "' (any, all, none, in)");
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
