// `oitscan extract FILE|URL [--json]`: document understanding on its own (contracts.md). A URL is
// fetched with the crawler's engine first (same flags as every fetching subcommand).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "cli/fetch_flags.hpp"
#include "common/input_error.hpp"
#include "extract/document_json.hpp"
#include "extract/extract.hpp"
#include "fetch/fetcher.hpp"
#include "fetch/outcome.hpp"

namespace oitscan::cli {
namespace {

void print_summary(const extract::Document& doc, std::ostream& out) {
  const std::string declared = doc.declared_format ? std::string(extract::to_string(*doc.declared_format)) : "";
  out << "format:           " << extract::to_string(doc.format) << (doc.format_mismatch ? "  (declared " + declared + ")" : "")
      << "\n"
      << "machine-readable: " << (doc.machine_readable ? "yes" : "no") << ", editable: " << (doc.editable ? "yes" : "no")
      << "\n"
      << "text source:      " << doc.text_source() << "\n"
      << "outcome:          " << doc.outcome << "\n";
  if (!doc.charset.empty()) out << "charset:          " << doc.charset << " (" << doc.charset_how << ")\n";
  if (!doc.title.empty()) out << "title:            " << doc.title << "\n";
  out << "pages/parts:      " << doc.parts.size() << "\n";
  for (const auto& p : doc.parts) {
    out << "  " << p.label << ": " << p.text.size() << " bytes, " << extract::to_string(p.source);
    if (p.source != extract::TextSource::Markup) out << ", quality " << p.quality;
    for (const auto& n : p.notes) out << "; " << n;
    out << "\n";
  }
  out << "links:            " << doc.links.size() << "\n";
  for (const auto& l : doc.links) out << "  " << l.url << "  " << l.anchor_text << "\n";
  for (const auto& f : doc.frames) {
    out << "  [" << f.kind << "] " << f.url << (f.document_url.empty() ? "" : "  -> " + f.document_url) << "\n";
  }
  out << "dates:            " << doc.dates.size() << "\n";
  for (const auto& d : doc.dates) {
    out << "  " << thai::to_string(d.date.kind) << "\t" << d.date.iso << "\t" << d.date.matched << "\t(" << d.location
        << (d.date.from_ocr ? ", OCR" : "") << ")\n";
  }
  for (const auto& w : doc.warnings) out << "warning: " << w << "\n";
}

}  // namespace

Runner add_extract_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> inputs;
    bool json = false;
    std::string declared_type;
    std::string base_url;
    bool no_ocr = false;
    std::size_t max_ocr_pages = 20;
    int fiscal_year = 0;
    FetchFlags fetch;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("extract", "Read documents (PDF, HTML, DOCX, XLSX, ODT, ODS, CSV, image) and "
                                            "print their format, text, links and dates");
  cmd->add_option("input", opt->inputs,
                  "FILE or http(s) URL; several print one JSON object per line")
      ->required();
  cmd->add_flag("--json", opt->json, "print JSON (schema oitscan.extract/1)");
  cmd->add_option("--declared-type", opt->declared_type, "Content-Type the server declared (simulated)");
  cmd->add_option("--base-url", opt->base_url, "URL the file was fetched from, for absolute links");
  cmd->add_flag("--no-ocr", opt->no_ocr, "never run OCR");
  in_range(cmd->add_option("--max-ocr-pages", opt->max_ocr_pages, "OCR at most this many pages (default 20)"), 0, 5000);
  in_range(cmd->add_option("--fiscal-year", opt->fiscal_year, "fiscal year (BE, e.g. 2568) for quarters that name none"), 2543, 2700);
  add_fetch_flags(*cmd, opt->fetch);
  describe_command(*cmd, {"oitscan extract report.pdf", "oitscan extract --json https://www.bangna.example.go.th/ita/O15.xlsx"});
  return [opt]() {
    auto is_url = [](const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; };
    // URLs are fetched together first, through the same engine (and guard) as `check`.
    std::map<std::string, fetch::Response> fetched;
    std::vector<std::string> urls;
    for (const auto& input : opt->inputs) {
      if (is_url(input)) urls.push_back(input);
    }
    if (!urls.empty()) {
      auto fetcher = fetch::make_fetcher(to_fetch_options(opt->fetch));
      for (auto& f : fetcher->fetch_urls(urls)) fetched[f.url] = std::move(f);
    }
    extract::ExtractOptions o;
    o.declared_type = opt->declared_type;
    o.base_url = opt->base_url;
    o.limits.ocr = !opt->no_ocr;
    o.limits.max_ocr_pages = opt->max_ocr_pages;
    if (opt->fiscal_year > 0) o.context_fiscal_year_be = opt->fiscal_year;
    const bool many = opt->inputs.size() > 1;
    int code = 0;
    for (const auto& input : opt->inputs) {
      std::string bytes;
      extract::ExtractOptions one = o;
      const fetch::Response* f = nullptr;
      if (is_url(input)) {
        f = &fetched.at(input);
        if (fetch::evidence_class(f->outcome, f->http_status) != fetch::EvidenceClass::obtained) {
          const auto& info = fetch::outcome_info(f->outcome);
          std::cerr << "oitscan: " << input << ": " << info.code << ": " << info.message_en
                    << (f->error.empty() ? "" : " (" + f->error + ")") << "\n";
          code = 1;
          continue;
        }
        bytes = f->body;
        if (one.declared_type.empty()) one.declared_type = f->content_type;
        if (one.base_url.empty()) one.base_url = f->final_url;
      } else {
        std::ifstream in(input, std::ios::binary);
        if (!in) throw InputError(input, 0, "input", "cannot open the file");
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      extract::Document doc = extract::extract_document(bytes, one);
      if (doc.outcome != "ok") code = 1;
      if (opt->json) {
        nlohmann::json j = extract::to_json(doc);
        doc = extract::Document();  // the JSON holds it all now: printing it is the peak of memory
        bytes = std::string();
        if (many) j["file"] = input;
        if (f != nullptr) {
          j["url"] = f->url;
          j["final_url"] = f->final_url;
          j["http_status"] = f->http_status;
          j["sha256"] = f->sha256;
        }
        std::cout << j.dump(many ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else {
        if (many) std::cout << "== " << input << "\n";
        print_summary(doc, std::cout);
      }
    }
    return code;
  };
}

}  // namespace oitscan::cli
