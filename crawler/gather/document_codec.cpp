#include "gather/document_codec.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace oitscan::gather {
namespace {

using nlohmann::json;

// Enums travel as their numeric value: the codec version pins their meaning.
template <typename E>
json en(E e) {
  return static_cast<int>(e);
}
// The last enumerator of each enum the codec carries: a value beyond it is a corrupt entry.
template <typename E>
constexpr E kLast{};
template <>
constexpr extract::Format kLast<extract::Format> = extract::Format::unknown;
template <>
constexpr extract::TextSource kLast<extract::TextSource> = extract::TextSource::Markup;
template <>
constexpr thai::DateKind kLast<thai::DateKind> = thai::DateKind::Range;
template <>
constexpr thai::DateRole kLast<thai::DateRole> = thai::DateRole::Unknown;

template <typename E>
E de(const json& j) {
  const int v = j.get<int>();
  if (v < 0 || v > static_cast<int>(kLast<E>)) throw std::out_of_range("enum value out of range");
  return static_cast<E>(v);
}

json civil(const thai::CivilDate& d) { return json::array({d.year, d.month, d.day}); }
thai::CivilDate civil_from(const json& j) { return thai::CivilDate{j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()}; }

json mention(const thai::DateMention& m) {
  return json::array({en(m.kind), m.detail, civil(m.first), civil(m.last), m.iso, m.matched, m.begin, m.end,
                      m.two_digit_year, m.year_from_context, m.from_ocr});
}
thai::DateMention mention_from(const json& j) {
  thai::DateMention m;
  m.kind = de<thai::DateKind>(j.at(0));
  m.detail = j.at(1).get<std::string>();
  m.first = civil_from(j.at(2));
  m.last = civil_from(j.at(3));
  m.iso = j.at(4).get<std::string>();
  m.matched = j.at(5).get<std::string>();
  m.begin = j.at(6).get<std::size_t>();
  m.end = j.at(7).get<std::size_t>();
  m.two_digit_year = j.at(8).get<bool>();
  m.year_from_context = j.at(9).get<bool>();
  m.from_ocr = j.at(10).get<bool>();
  return m;
}

json part(const extract::Part& p) {
  json spans = json::array();
  for (const auto& s : p.spans) spans.push_back(json::array({s.begin, s.end, s.label}));
  return json::array({p.label, en(p.source), p.text, spans, p.quality, p.notes, p.chrome});
}
extract::Part part_from(const json& j) {
  extract::Part p;
  p.label = j.at(0).get<std::string>();
  p.source = de<extract::TextSource>(j.at(1));
  p.text = j.at(2).get<std::string>();
  for (const auto& s : j.at(3)) p.spans.push_back(extract::Span{s.at(0).get<std::size_t>(), s.at(1).get<std::size_t>(), s.at(2).get<std::string>()});
  p.quality = j.at(4).get<double>();
  p.notes = j.at(5).get<std::vector<std::string>>();
  p.chrome = j.at(6).get<bool>();
  return p;
}

json link(const extract::Link& l) {
  return json::array({l.url, l.anchor_text, l.location, l.in_chrome, l.context, l.title, l.document_url});
}
extract::Link link_from(const json& j) {
  extract::Link l;
  l.url = j.at(0).get<std::string>();
  l.anchor_text = j.at(1).get<std::string>();
  l.location = j.at(2).get<std::string>();
  l.in_chrome = j.at(3).get<bool>();
  l.context = j.at(4).get<std::string>();
  l.title = j.at(5).get<std::string>();
  l.document_url = j.at(6).get<std::string>();
  return l;
}

json frame(const extract::Frame& f) { return json::array({f.kind, f.url, f.document_url, f.viewer, f.in_chrome}); }
extract::Frame frame_from(const json& j) {
  return extract::Frame{j.at(0).get<std::string>(), j.at(1).get<std::string>(), j.at(2).get<std::string>(),
                        j.at(3).get<std::string>(), j.at(4).get<bool>()};
}

json section(const extract::Section& s) { return json::array({s.part, s.begin, s.end, s.heading, s.language}); }
extract::Section section_from(const json& j) {
  return extract::Section{j.at(0).get<std::size_t>(), j.at(1).get<std::size_t>(), j.at(2).get<std::size_t>(),
                          j.at(3).get<std::string>(), j.at(4).get<std::string>()};
}

template <typename T, typename Fn>
json list(const std::vector<T>& items, Fn fn) {
  json out = json::array();
  for (const auto& i : items) out.push_back(fn(i));
  return out;
}

}  // namespace

std::string encode_document(const extract::Document& d) {
  json meta = json::array();
  for (const auto& m : d.metadata_dates) meta.push_back(json::array({m.name, m.value}));
  json dates = json::array();
  for (const auto& f : d.dates) dates.push_back(json::array({mention(f.date), f.part, f.location, en(f.role)}));
  const json j = json::array({kDocumentCodecVersion,
                              en(d.format),
                              d.mime,
                              d.declared_type,
                              d.declared_format ? json(en(*d.declared_format)) : json(nullptr),
                              d.format_mismatch,
                              d.machine_readable,
                              d.editable,
                              d.extractor,
                              d.charset,
                              d.charset_how,
                              d.title,
                              d.headings,
                              list(d.parts, part),
                              list(d.links, link),
                              list(d.frames, frame),
                              meta,
                              dates,
                              d.outcome,
                              d.warnings,
                              d.page_count,
                              list(d.sections, section),
                              d.placeholder,
                              d.placeholder_reason});
  const auto bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

std::optional<extract::Document> decode_document(std::string_view bytes) {
  try {
    const json j = json::from_cbor(bytes.begin(), bytes.end());
    if (!j.is_array() || j.size() != 24 || j.at(0) != kDocumentCodecVersion) return std::nullopt;
    extract::Document d;
    d.format = de<extract::Format>(j.at(1));
    d.mime = j.at(2).get<std::string>();
    d.declared_type = j.at(3).get<std::string>();
    if (!j.at(4).is_null()) d.declared_format = de<extract::Format>(j.at(4));
    d.format_mismatch = j.at(5).get<bool>();
    d.machine_readable = j.at(6).get<bool>();
    d.editable = j.at(7).get<bool>();
    d.extractor = j.at(8).get<std::string>();
    d.charset = j.at(9).get<std::string>();
    d.charset_how = j.at(10).get<std::string>();
    d.title = j.at(11).get<std::string>();
    d.headings = j.at(12).get<std::vector<std::string>>();
    for (const auto& p : j.at(13)) d.parts.push_back(part_from(p));
    for (const auto& l : j.at(14)) d.links.push_back(link_from(l));
    for (const auto& f : j.at(15)) d.frames.push_back(frame_from(f));
    for (const auto& m : j.at(16)) d.metadata_dates.push_back(extract::MetaDate{m.at(0).get<std::string>(), m.at(1).get<std::string>()});
    for (const auto& f : j.at(17)) {
      d.dates.push_back(extract::FoundDate{mention_from(f.at(0)), f.at(1).get<std::size_t>(), f.at(2).get<std::string>(),
                                           de<thai::DateRole>(f.at(3))});
    }
    d.outcome = j.at(18).get<std::string>();
    d.warnings = j.at(19).get<std::vector<std::string>>();
    d.page_count = j.at(20).get<std::size_t>();
    for (const auto& s : j.at(21)) d.sections.push_back(section_from(s));
    d.placeholder = j.at(22).get<bool>();
    d.placeholder_reason = j.at(23).get<std::string>();
    // Offsets must stay inside their parts: a corrupt entry must not become an out-of-range read.
    for (const auto& s : d.sections) {
      if (s.part >= d.parts.size() || s.begin > s.end || s.end > d.parts[s.part].text.size()) return std::nullopt;
    }
    for (const auto& f : d.dates) {
      if (f.part >= d.parts.size() || f.date.begin > f.date.end || f.date.end > d.parts[f.part].text.size()) return std::nullopt;
    }
    for (const auto& p : d.parts) {
      for (const auto& s : p.spans) {
        if (s.begin > s.end || s.end > p.text.size()) return std::nullopt;
      }
    }
    return d;
  } catch (const std::exception&) {  // nlohmann's errors and out-of-range enums alike
    return std::nullopt;
  }
}

}  // namespace oitscan::gather
