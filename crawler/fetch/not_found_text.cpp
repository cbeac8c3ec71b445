#include "fetch/not_found_text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <optional>

#include "common/data_dir.hpp"
#include "common/input_error.hpp"
#include "common/text.hpp"
#include "fetch/page_signals.hpp"

namespace oitscan::fetch {
namespace {

constexpr std::string_view kSchema = "oitscan.not-found/1";
// A heading after long menus is still found, but a huge page is never scanned whole.
constexpr std::size_t kScanLimit = 512 * 1024;
constexpr std::size_t kMaxHeadings = 8;
constexpr std::size_t kMaxCapture = 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Appends `text` with whitespace runs made one space, never a space at the start of `out` nor
// two in a row (tags count as separators, so pieces arrive with their own spaces).
void append_collapsed(std::string& out, std::string_view text, std::size_t limit) {
  for (char c : text) {
    if (out.size() >= limit) return;
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

// Bytes `text` adds to the visible text once whitespace runs are single spaces.
std::size_t collapsed_size(std::string_view text, bool& last_was_space) {
  std::size_t n = 0;
  for (char c : text) {
    const bool space = is_space(c);
    if (!space || !last_was_space) ++n;
    last_was_space = space;
  }
  return n;
}

// Index just past the '>' that ends the tag starting at `from`; quoted attribute values may hold '>'.
std::size_t tag_end(std::string_view html, std::size_t from) {
  char quote = 0;
  for (std::size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// Index just past the closing tag `</name>`, searched case-insensitively from `from`.
std::size_t past_closing(std::string_view html, std::size_t from, const std::string& name) {
  const std::string closing = "</" + name;
  for (std::size_t i = from; i + closing.size() <= html.size(); ++i) {
    if (html[i] == '<' && iequals(html.substr(i, closing.size()), closing)) return tag_end(html, i);
  }
  return html.size();
}

bool is_raw_text_element(const std::string& name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template" || name == "textarea";
}

// Walks the markup once: text goes to the lead and the count, and also to the element being
// captured (title, h1, h2) when inside one.
class StatementScanner {
 public:
  StatementScanner(std::string_view html, std::size_t lead_bytes, std::size_t count_limit)
      : html_(html), lead_bytes_(lead_bytes), count_limit_(count_limit) {}

  PageStatement run() {
    std::size_t i = 0;
    while (i < html_.size()) {
      if (html_[i] != '<') {
        const std::size_t next = std::min(html_.find('<', i), html_.size());
        text(html_.substr(i, next - i));
        i = next;
      } else {
        i = tag(i);
      }
    }
    end_capture();
    return std::move(out_);
  }

 private:
  void text(std::string_view t) {
    if (capture_ != nullptr) append_collapsed(*capture_, t, kMaxCapture);
    if (in_title_) return;  // the title is not part of the visible page
    if (out_.lead.size() < lead_bytes_) append_collapsed(out_.lead, t, lead_bytes_);
    // Past the limit the exact count no longer matters: the rest of a long page is only
    // looked at for its title and headings (this byte-by-byte count was most of the scan).
    if (out_.text_bytes <= count_limit_) out_.text_bytes += collapsed_size(t, last_was_space_);
  }

  std::size_t tag(std::size_t at) {
    if (html_.substr(at, 4) == "<!--") {
      const std::size_t close = html_.find("-->", at + 4);
      return close == std::string_view::npos ? html_.size() : close + 3;
    }
    std::size_t j = at + 1;
    const bool closing = j < html_.size() && html_[j] == '/';
    if (closing) ++j;
    std::size_t name_end = j;
    while (name_end < html_.size() && is_name_char(html_[name_end])) ++name_end;
    const std::string name = ascii_lower(html_.substr(j, name_end - j));
    const std::size_t end = tag_end(html_, name_end);
    text(" ");  // every tag separates words ("<td>a</td><td>b</td>"); matching ignores spaces anyway
    if (!closing && is_raw_text_element(name)) return past_closing(html_, end, name);
    if (name == "title" || name == "h1" || name == "h2") closing ? end_capture() : begin_capture(name);
    return end;
  }

  void begin_capture(const std::string& name) {
    end_capture();
    if (name == "title") {
      if (!out_.title.empty()) return;  // the first title is the page's
      capture_ = &out_.title;
      in_title_ = true;
      return;
    }
    auto& list = name == "h1" ? out_.h1 : out_.h2;
    if (list.size() >= kMaxHeadings) return;
    list.emplace_back();
    capture_ = &list.back();
  }

  void end_capture() {
    if (capture_ != nullptr && !capture_->empty() && capture_->back() == ' ') capture_->pop_back();
    capture_ = nullptr;
    in_title_ = false;
  }

  std::string_view html_;
  std::size_t lead_bytes_;
  std::size_t count_limit_;
  PageStatement out_;
  std::string* capture_ = nullptr;  // points into out_ (its vectors do not grow while captured)
  bool in_title_ = false;
  bool last_was_space_ = true;
};

// The form phrases and page text are compared in: no whitespace or no-break spaces (raw U+00A0
// or the &nbsp; entity), Latin letters lower-cased. Thai words are not separated by spaces, and
// portals space their headings unpredictably.
std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i])) continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      ++i;
      continue;
    }
    if (s[i] == '&' && (iequals(s.substr(i, 6), "&nbsp;") || s.compare(i, 6, "&#160;") == 0)) {
      i += 5;
      continue;
    }
    out += ascii_lower(s[i]);
  }
  return out;
}

// The TIS-620 bytes of a phrase with Thai letters (the Thai block U+0E01..U+0E5B maps to
// 0xA1..0xFB); none when it has none or a character TIS-620 lacks. Long runs of such bytes never
// occur in UTF-8 text, so both forms can be tried on every page.
std::optional<std::string> tis620_form(std::string_view utf8) {
  std::string out;
  bool thai = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c != 0xE0 || i + 2 >= utf8.size()) return std::nullopt;
    const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
    if (cp < 0x0E01 || cp > 0x0E5B) return std::nullopt;
    out += static_cast<char>(cp - 0x0E00 + 0xA0);
    thai = true;
    i += 3;
  }
  if (!thai) return std::nullopt;
  return out;
}

// One phrase in the forms the page may carry it.
struct PhraseForms {
  const std::string* phrase;
  std::vector<std::string> forms;
  bool in(std::string_view squeezed_text) const {
    return std::any_of(forms.begin(), forms.end(),
                       [&](const std::string& f) { return squeezed_text.find(f) != std::string_view::npos; });
  }
};

std::vector<PhraseForms> phrase_forms(const NotFoundRules& rules) {
  std::vector<PhraseForms> all;
  for (const auto& p : rules.phrases) {
    PhraseForms pf{&p, {squeeze(p)}};
    if (auto tis = tis620_form(pf.forms.front())) pf.forms.push_back(std::move(*tis));
    all.push_back(std::move(pf));
  }
  return all;
}

// `where says "phrase"` for the first phrase found in one of `texts`, or empty.
std::string find_in(const std::vector<PhraseForms>& phrases, const std::vector<std::string>& texts,
                    std::string_view where) {
  for (const auto& t : texts) {
    const std::string squeezed = squeeze(t);
    for (const auto& p : phrases) {
      if (p.in(squeezed)) return std::string(where) + " says \"" + *p.phrase + "\"";
    }
  }
  return {};
}

NotFoundRules parse_rules(const YAML::Node& doc, const std::string& file) {
  if (doc["schema"].as<std::string>("") != kSchema)
    throw InputError(file, 0, "schema", "expected schema " + std::string(kSchema));
  NotFoundRules rules;
  for (const auto& p : doc["phrases"]) {
    const auto phrase = p.as<std::string>();
    // A phrase of spaces only would match every page.
    if (squeeze(phrase).empty()) throw InputError(file, p.Mark().line + 1, "phrases", "empty phrase");
    rules.phrases.push_back(phrase);
  }
  if (rules.phrases.empty()) throw InputError(file, 0, "phrases", "no phrases");
  rules.lead_bytes = doc["lead_bytes"].as<std::size_t>(rules.lead_bytes);
  rules.short_page_text_bytes = doc["short_page_text_bytes"].as<std::size_t>(rules.short_page_text_bytes);
  return rules;
}

}  // namespace

NotFoundRules NotFoundRules::load(const std::filesystem::path& file) {
  try {
    return parse_rules(YAML::LoadFile(file.string()), file.string());
  } catch (const YAML::Exception& e) {
    throw InputError(file.string(), e.mark.line + 1, "not-found", e.what());
  }
}

const NotFoundRules& NotFoundRules::default_rules() {
  static std::once_flag once;
  static NotFoundRules rules;
  std::call_once(once, [] { rules = load(data_dir() / "rules" / "not-found.yaml"); });
  return rules;
}

PageStatement page_statement(std::string_view html, std::size_t lead_bytes, std::size_t count_limit) {
  return StatementScanner(html.substr(0, std::min(html.size(), kScanLimit)), lead_bytes, count_limit).run();
}

std::string not_found_statement(const Response& r, const NotFoundRules& rules) {
  if (r.http_status < 200 || r.http_status >= 300 || !looks_like_html(r)) return {};
  const PageStatement s = page_statement(r.body, rules.lead_bytes, rules.short_page_text_bytes);
  const auto phrases = phrase_forms(rules);
  // The page's own name for itself counts whatever else the page holds (portal chrome, menus).
  if (auto why = find_in(phrases, {s.title}, "the title"); !why.empty()) return why;
  if (auto why = find_in(phrases, s.h1, "an h1 heading"); !why.empty()) return why;
  // Lesser places count only on a short page: a long real page may well say "ไม่พบ…" near the top.
  if (s.text_bytes > rules.short_page_text_bytes) return {};
  if (auto why = find_in(phrases, s.h2, "an h2 heading"); !why.empty()) return why;
  return find_in(phrases, {s.lead}, "the start of the page");
}

}  // namespace oitscan::fetch
