#include "extract/document_json.hpp"

namespace oitscan::extract {

nlohmann::json to_json(const Document& doc) {
  using nlohmann::json;
  json pages = json::array();
  for (const auto& p : doc.parts) {
    pages.push_back({{"label", p.label},
                     {"text_source", std::string(to_string(p.source))},
                     {"quality", p.quality},
                     {"chars", p.text.size()},
                     {"notes", p.notes},
                     {"chrome", p.chrome},
                     {"text", p.text}});
  }
  json sections = json::array();
  for (const auto& s : doc.sections) {
    sections.push_back({{"part", s.part}, {"begin", s.begin}, {"end", s.end}, {"heading", s.heading}, {"language", s.language}});
  }
  json links = json::array();
  for (const auto& l : doc.links) {
    links.push_back({{"url", l.url},
                     {"anchor_text", l.anchor_text},
                     {"location", l.location},
                     {"in_chrome", l.in_chrome},
                     {"context", l.context},
                     {"title", l.title},
                     {"document_url", l.document_url}});
  }
  json frames = json::array();
  for (const auto& f : doc.frames) {
    frames.push_back({{"kind", f.kind},
                      {"url", f.url},
                      {"viewer", f.viewer},
                      {"document_url", f.document_url},
                      {"in_chrome", f.in_chrome}});
  }
  json meta = json::array();
  for (const auto& m : doc.metadata_dates) meta.push_back({{"name", m.name}, {"value", m.value}});
  json dates = json::array();
  for (const auto& d : doc.dates) {
    json j = {{"kind", std::string(thai::to_string(d.date.kind))},
              {"matched", d.date.matched},
              {"iso", d.date.iso},
              {"location", d.location},
              {"role", std::string(thai::to_string(d.role))}};
    if (!d.date.detail.empty()) j["detail"] = d.date.detail;
    if (d.date.from_ocr) j["from_ocr"] = true;
    if (d.date.two_digit_year) j["two_digit_year"] = true;
    if (d.date.year_from_context) j["year_from_context"] = true;
    dates.push_back(std::move(j));
  }
  return json{{"schema", "oitscan.extract/1"},
              {"format", std::string(to_string(doc.format))},
              {"mime", doc.mime},
              {"declared_type", doc.declared_type},
              {"declared_format", doc.declared_format ? std::string(to_string(*doc.declared_format)) : std::string()},
              {"format_mismatch", doc.format_mismatch},
              {"machine_readable", doc.machine_readable},
              {"editable", doc.editable},
              {"extractor", doc.extractor},
              {"outcome", doc.outcome},
              {"text_source", doc.text_source()},
              {"charset", {{"encoding", doc.charset}, {"how", doc.charset_how}}},
              {"title", doc.title},
              {"headings", doc.headings},
              {"page_count", doc.page_count},
              {"pages", pages},
              {"text", doc.full_text()},
              {"content_text", doc.content_text()},
              {"sections", sections},
              {"placeholder", doc.placeholder},
              {"placeholder_reason", doc.placeholder_reason},
              {"links", links},
              {"frames", frames},
              {"metadata_dates", meta},
              {"dates", dates},
              {"warnings", doc.warnings}};
}

}  // namespace oitscan::extract
