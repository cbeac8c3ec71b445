#include "archive/sample_archive.hpp"

#include "archive/warc_writer.hpp"

namespace oitscan::test {

using archive::HttpExchange;

std::string pdf_like_body(std::size_t size) {
  std::string body = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\r\n\r\n";
  body += "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n";  // forged header inside a body
  std::uint32_t x = 2463534242U;                                          // xorshift: fixed, binary noise
  while (body.size() < size) {
    x ^= x << 13U;
    x ^= x >> 17U;
    x ^= x << 5U;
    body.push_back(static_cast<char>(x & 0xFFU));
    if (body.size() % 97 == 0) body.push_back('\0');
  }
  body.resize(size);
  return body;
}

namespace {

HttpExchange exchange(const std::string& uri, const std::string& at, int status, const std::string& response_head,
                      const std::string& body) {
  HttpExchange ex;
  ex.target_uri = uri;
  ex.ip_address = "127.0.0.1";
  ex.fetched_at = at;
  ex.request_head = "GET " + uri.substr(uri.find('/', 8)) +
                    " HTTP/1.1\r\nHost: www.example.go.th\r\nUser-Agent: oitscan/0.1.0 (+test)\r\n\r\n";
  ex.status = status;
  ex.response_head = response_head;
  ex.body = body;
  return ex;
}

void note(SampleArchive& s, const archive::ExchangeRefs& refs) {
  s.in_order.push_back(refs.response);
  if (refs.request) s.in_order.push_back(*refs.request);
}

}  // namespace

SampleArchive write_sample_archive(const std::filesystem::path& file) {
  SampleArchive s;
  s.file = file;
  archive::WarcWriter w(file, {"", "สำนักงานเขตบางนา (test)", "oitscan archive tests", ""});
  s.warcinfo_id = w.warcinfo_id();
  s.in_order.push_back(w.warcinfo());

  s.thai_body =
      "<!doctype html>\r\n<html lang=\"th\"><head><meta charset=\"utf-8\"><title>ข้อมูลพื้นฐาน</title></head>\r\n\r\n"
      "<body>\r\n\r\n<h1>สำนักงานเขตบางนา</h1><p>รายงานผลการจัดซื้อจัดจ้าง ประจำเดือนมีนาคม ๒๕๖๘</p>\r\n\r\n"
      "</body></html>\r\n";
  const std::string html_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nETag: \"abc123\"\r\n"
      "Last-Modified: Fri, 21 Mar 2025 08:00:00 GMT\r\nContent-Length: " + std::to_string(s.thai_body.size()) + "\r\n\r\n";
  s.html = w.write_exchange(exchange("https://www.example.go.th/bangna/about", "2026-11-20T01:00:00Z", 200, html_head,
                                     s.thai_body));
  note(s, s.html);

  s.pdf_body = pdf_like_body(300 * 1024);
  const std::string pdf_head = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: " +
                               std::to_string(s.pdf_body.size()) + "\r\n\r\n";
  s.pdf = w.write_exchange(exchange("https://www.example.go.th/bangna/o15-procurement.pdf", "2026-11-20T01:00:01Z", 200,
                                    pdf_head, s.pdf_body));
  note(s, s.pdf);

  s.chunked = w.write_exchange(exchange("https://www.example.go.th/bangna/news", "2026-11-20T01:00:02Z", 200,
                                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n",
                                        "ข่าวประชาสัมพันธ์\n"));
  note(s, s.chunked);

  HttpExchange cut = exchange("https://www.example.go.th/bangna/huge.zip", "2026-11-20T01:00:03Z", 200,
                              "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: 99999999\r\n\r\n",
                              pdf_like_body(4096));
  cut.truncated = true;
  s.truncated = w.write_exchange(cut);
  note(s, s.truncated);

  archive::PriorCapture html_prior{s.html.response.record_id, "https://www.example.go.th/bangna/about",
                                   "2026-11-20T01:00:00Z", s.html.response.payload_sha1,
                                   s.html.response.payload_sha256};
  HttpExchange again = exchange("https://www.example.go.th/bangna/about", "2026-11-21T01:00:00Z", 304,
                                "HTTP/1.1 304 Not Modified\r\nETag: \"abc123\"\r\n\r\n", "");
  again.request_head = "GET /bangna/about HTTP/1.1\r\nHost: www.example.go.th\r\nIf-None-Match: \"abc123\"\r\n\r\n";
  s.not_modified = w.write_capture(again, &html_prior);
  note(s, s.not_modified);

  archive::PriorCapture pdf_prior{s.pdf.response.record_id, "https://www.example.go.th/bangna/o15-procurement.pdf",
                                  "2026-11-20T01:00:01Z", s.pdf.response.payload_sha1, s.pdf.response.payload_sha256};
  s.unchanged_pdf = w.write_capture(exchange("https://www.example.go.th/bangna/o15-procurement.pdf",
                                             "2026-11-21T01:00:01Z", 200, pdf_head, s.pdf_body),
                                    &pdf_prior);
  note(s, s.unchanged_pdf);

  s.converted_text = "สำนักงานเขตบางนา\nรายงานผลการจัดซื้อจัดจ้าง ประจำเดือนมีนาคม 2568\n";
  s.conversion = w.write_conversion({"https://www.example.go.th/bangna/o15-procurement.pdf",
                                     s.pdf.response.record_id, "2026-11-20T01:00:05Z", s.converted_text,
                                     "text/plain; charset=utf-8", {{"X-Oitscan-Text-Source", "text-layer"}}});
  s.in_order.push_back(s.conversion);

  s.metadata_json = R"({"item":"O15","verdict":"pass","requirements":[{"id":"monthly-summary","verdict":"pass","message_th":"พบรายงานสรุปผลรายเดือน"}]})";
  s.metadata = w.write_metadata({"urn:oitscan:bangna:O15", s.conversion.record_id,
                                 {s.pdf.response.record_id, s.html.response.record_id}, "2026-11-20T01:00:06Z",
                                 s.metadata_json, "application/json", {}});
  s.in_order.push_back(s.metadata);
  return s;
}

}  // namespace oitscan::test
