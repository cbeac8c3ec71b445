#pragma once
// A WARC file with every kind of record oitscan writes, built with real hostile content: a Thai
// HTML page whose body holds blank lines and a fake WARC header, a binary PDF-like document with
// NUL bytes, a chunked response, a truncated download, a 304 answered with a revisit, an
// unchanged re-fetch answered with an identical-payload revisit, the extracted Thai text as a
// conversion record and the verdicts of an item as a metadata record.
#include <filesystem>
#include <string>
#include <vector>

#include "archive/http_exchange.hpp"

namespace oitscan::test {

struct SampleArchive {
  std::filesystem::path file;
  std::string warcinfo_id;
  std::string thai_body;
  std::string pdf_body;
  std::string converted_text;
  std::string metadata_json;
  archive::ExchangeRefs html;           // Thai page, 200
  archive::ExchangeRefs pdf;            // binary document, 200
  archive::ExchangeRefs chunked;        // response that arrived chunked
  archive::ExchangeRefs truncated;      // cut at the size limit
  archive::ExchangeRefs not_modified;   // 304 -> server-not-modified revisit of html
  archive::ExchangeRefs unchanged_pdf;  // same bytes again -> identical-payload-digest revisit of pdf
  archive::RecordRef conversion;
  archive::RecordRef metadata;
  // Records in file order as the writer reported them (type, id, offset).
  std::vector<archive::RecordRef> in_order;
};

SampleArchive write_sample_archive(const std::filesystem::path& file);

// The raw bytes of a PDF-like document: binary, NULs, CR LF CR LF and a forged WARC header inside.
std::string pdf_like_body(std::size_t size);

}  // namespace oitscan::test
