// The rule engine's phrase index: the same answers as the per-byte map it replaced (a reference
// built here from the matching view, the way the index used to store it), at a fraction of its
// memory.
#include <catch2/catch.hpp>

#include <random>

#include "evaluate/text_index.hpp"
#include "thai/normalize.hpp"

using namespace oitscan::evaluate;

namespace {

bool alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The former design: per key byte, its view byte and its display range.
struct Reference {
  std::string key, view;
  std::vector<std::size_t> key_to_view, begin, end;

  explicit Reference(const std::string& text) {
    const auto v = oitscan::thai::make_matching_view(text, true);
    view = v.text;
    for (std::size_t i = 0; i < view.size(); ++i) {
      const auto c = static_cast<unsigned char>(view[i]);
      if (space(c)) continue;
      key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      key_to_view.push_back(i);
      begin.push_back(v.display_begin[i]);
      end.push_back(v.display_end[i]);
    }
  }

  std::optional<std::pair<std::size_t, std::size_t>> find(std::string_view phrase) const {
    const bool a0 = alnum(static_cast<unsigned char>(phrase.front())), a1 = alnum(static_cast<unsigned char>(phrase.back()));
    for (std::size_t pos = key.find(phrase); pos != std::string::npos; pos = key.find(phrase, pos + 1)) {
      const std::size_t last = pos + phrase.size() - 1;
      const std::size_t vb = key_to_view[pos], ve = key_to_view[last] + 1;
      if (a0 && vb > 0 && alnum(static_cast<unsigned char>(view[vb - 1]))) continue;
      if (a1 && ve < view.size() && alnum(static_cast<unsigned char>(view[ve]))) continue;
      if ((static_cast<unsigned char>(key[pos]) & 0xC0) == 0x80) continue;
      return std::make_pair(begin[pos], end[last]);
    }
    return std::nullopt;
  }
};

// Thai words and digits, ASCII words in both cases, runs of spaces and line breaks (between Thai
// letters they join words), a stray invalid byte now and then.
std::string mixed_text(std::size_t bytes, unsigned seed) {
  static const std::vector<std::string> words = {
      "สรุปผล", "การจัดซื้อจัดจ้าง", "สขร.", "๑", "๒๕๖๘", "ต.ค.", "ABP", "abpx", "Report", "2025", "O15", "ประจำปี", "งบประมาณ",
      "ITA", "ita", "ผลการดำเนินงาน", "๓๐", "ไตรมาส", "e-GP", "กํา"};
  static const std::vector<std::string> gaps = {" ", "  ", "\n", " \t ", "", "\r\n", "\xE0", " "};
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < bytes) {
    out += words[rng() % words.size()];
    out += gaps[rng() % gaps.size()];
  }
  return out;
}

}  // namespace

TEST_CASE("text index: the same matches and display ranges as the per-byte map", "[evaluate][text-index]") {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::string text = mixed_text(40'000, seed);
    EvidenceDoc d;
    d.parts.push_back(DocPart{"page 1", text, oitscan::extract::TextSource::Markup, false});
    const DocTextIndex index(d);
    const Reference ref(text);
    std::mt19937 rng(seed * 7919);
    std::size_t found = 0;
    for (int i = 0; i < 3000; ++i) {
      // Phrases cut from the key anywhere (across checkpoints, inside characters), and whole words.
      const std::size_t at = rng() % ref.key.size();
      const std::size_t len = 1 + rng() % 40;
      const std::string phrase = i % 3 == 0 ? compact_key(mixed_text(1, static_cast<unsigned>(i)))
                                            : ref.key.substr(at, std::min(len, ref.key.size() - at));
      if (phrase.empty()) continue;
      const auto want = ref.find(phrase);
      const auto got = index.find(phrase);
      INFO("seed " << seed << " phrase [" << phrase << "]");
      REQUIRE(got.has_value() == want.has_value());
      if (!got) continue;
      ++found;
      CHECK(got->part == 0);
      CHECK(got->display_begin == want->first);
      CHECK(got->display_end == want->second);
    }
    CHECK(found > 1000);  // most phrases are cut from the text itself
  }
}

TEST_CASE("text index: whole ASCII words, parts and chrome", "[evaluate][text-index]") {
  EvidenceDoc d;
  d.parts.push_back(DocPart{"menu", "ABP menu", oitscan::extract::TextSource::Markup, true});
  d.parts.push_back(DocPart{"page", "ABPX  แผน ABP\n๒๕๖๘", oitscan::extract::TextSource::Markup, false});
  const DocTextIndex index(d);
  const auto m = index.find(compact_key("abp"));
  REQUIRE(m);
  CHECK(m->part == 1);  // not the chrome, not inside "ABPX"
  CHECK(d.parts[1].text.substr(m->display_begin, m->display_end - m->display_begin) == "ABP");
  const auto year = index.find(compact_key("ABP 2568"));
  REQUIRE(year);
  CHECK(d.parts[1].text.substr(year->display_begin, year->display_end - year->display_begin) == "ABP\n๒๕๖๘");
  CHECK_FALSE(index.find(compact_key("menu")));
}

TEST_CASE("text index: costs about a byte per byte of text, not three size_t", "[evaluate][text-index][memory]") {
  const std::string text = mixed_text(4u << 20, 42) + " ท้ายเอกสาร XYZ";
  EvidenceDoc d;
  d.parts.push_back(DocPart{"page 1", text, oitscan::extract::TextSource::Markup, false});
  const DocTextIndex index(d);
  const double per_byte = static_cast<double>(index.memory_bytes()) / static_cast<double>(text.size());
  INFO("index bytes per text byte: " << per_byte);
  CHECK(per_byte > 0.5);  // it does hold the key
  CHECK(per_byte < 1.5);  // the per-byte map of three size_t cost 24 and more
  // Still answers at the end of a large text.
  const auto tail = index.find(compact_key("ท้ายเอกสาร xyz"));
  REQUIRE(tail);
  CHECK(text.substr(tail->display_begin) == "ท้ายเอกสาร XYZ");
}
