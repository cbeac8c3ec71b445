#include <catch2/catch.hpp>

#include "support/format_compare.hpp"
#include "extract/fixtures.hpp"
#include "extract/viewer.hpp"

using namespace oitscan;

namespace {

extract::Document from_html(const std::string& html, const std::string& base = "https://www.example.go.th/bangna/") {
  extract::ExtractOptions o;
  o.base_url = base;
  o.declared_type = "text/html; charset=utf-8";
  return extract::extract_document(html, o);
}

}  // namespace

TEST_CASE("windows-874 CMS page: charset from <meta>, visible text only, never script", "[extract][html]") {
  const auto doc = test::extract_fixture("ita-page-874.html");
  CHECK(doc.format == "html");
  CHECK(doc.charset == "windows-874");
  CHECK(doc.charset_how == "meta");
  const std::string text = doc.full_text();
  CHECK(text.find("แต่งตั้งคณะกรรมการอำนวยการ") != std::string::npos);
  for (const char* hidden : {"SCRIPT-TEXT", "ข้อความในสคริปต์", "STYLE-TEXT", "NOSCRIPT-TEXT", "TEMPLATE-TEXT", "secret"}) {
    INFO(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
  CHECK(doc.title == "สำนักงานเขตลาดกระบัง - ITA");
  REQUIRE(doc.headings.size() == 2);
  CHECK(doc.headings[1] == "มาตรการการยกระดับคุณธรรม");
  REQUIRE(doc.metadata_dates.size() == 1);
  CHECK(doc.metadata_dates[0].value == "2025-04-15T09:00:00+07:00");
  bool dated = false;
  for (const auto& d : doc.dates) dated = dated || d.date.iso == "2025-04-15";
  CHECK(dated);
}

TEST_CASE("links resolve against <base href>, Thai paths percent-encoded, javascript: dropped", "[extract][html]") {
  const auto doc = test::extract_fixture("ita-page-874.html");
  REQUIRE(doc.links.size() == 4);
  CHECK(doc.links[0].url == "https://www.example.go.th/latkrabang/ita/o1.pdf");
  CHECK(doc.links[0].anchor_text == "ข้อมูลพื้นฐาน O1");
  CHECK(doc.links[1].url == "https://www.example.go.th/latkrabang/structure.html");
  CHECK(doc.links[2].url == "https://www.bangkok.go.th/");
  CHECK(doc.links[3].url ==
        "https://www.example.go.th/latkrabang/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/"
        "%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8%201.pdf");
  CHECK(doc.links[3].anchor_text == "ประกาศ");
}

TEST_CASE("iframes, embeds and objects - online viewers lead to the document", "[extract][html]") {
  const auto doc = test::extract_fixture("ita-page-874.html");
  REQUIRE(doc.frames.size() == 4);
  CHECK(doc.frames[0].viewer == "google-docs-viewer");
  CHECK(doc.frames[0].document_url == "https://www.example.go.th/latkrabang/ita/plan.pdf");
  CHECK(doc.frames[1].viewer == "google-drive");
  CHECK(doc.frames[1].document_url == "https://drive.google.com/uc?export=download&id=1AbCdEfGhIjKlMnOp");
  CHECK(doc.frames[2].kind == "embed");
  CHECK(doc.frames[2].url == "https://www.example.go.th/latkrabang/ita/report-2568.pdf");
  CHECK(doc.frames[3].kind == "object");
  CHECK(doc.frames[3].url == "https://www.example.go.th/files/o15.pdf");
}

TEST_CASE("Office Online and pdf.js viewers", "[extract][html]") {
  const auto doc = from_html(
      "<iframe src=\"https://view.officeapps.live.com/op/embed.aspx?src=https%3A%2F%2Fx.go.th%2Fa.xlsx\"></iframe>"
      "<iframe src=\"/pdfjs/web/viewer.html?file=%2Ffiles%2Fo5.pdf\"></iframe>");
  REQUIRE(doc.frames.size() == 2);
  CHECK(doc.frames[0].document_url == "https://x.go.th/a.xlsx");
  CHECK(doc.frames[1].viewer == "pdfjs");
  CHECK(doc.frames[1].document_url == "https://www.example.go.th/files/o5.pdf");
}

TEST_CASE("links to online viewers carry the document they show", "[extract][html][viewer]") {
  const auto doc = from_html(
      "<ul>"
      "<li><a href='/pdfjs/web/viewer.html?file=/files/report.pdf'>รายงานผล</a></li>"
      "<li><a href='../pdfjs/web/viewer.html?file=https%3A%2F%2Fcdn.example.go.th%2Fita%2Fo13.pdf'>O13</a></li>"
      "<li><a href='viewer.html?file=o5.pdf#page=2'>O5</a></li>"
      "<li><a href='https://docs.google.com/viewer?url=https%3A%2F%2Fx.go.th%2Fplan.pdf&embedded=true'>แผน</a></li>"
      "<li><a href='https://drive.google.com/file/d/1XyZ_abc-123/view?usp=sharing'>ไฟล์</a></li>"
      "<li><a href='https://view.officeapps.live.com/op/view.aspx?src=https%3A%2F%2Fx.go.th%2Fbudget.xlsx'>งบ</a></li>"
      "<li><a href='/files/plain.pdf'>PDF</a></li>"
      "<li><a href='/viewer.html'>no file</a></li>"
      "</ul>",
      "https://www.example.go.th/bangna/ita/");
  REQUIRE(doc.links.size() == 8);
  // The link itself is kept as found; document_url is what to fetch.
  CHECK(doc.links[0].url == "https://www.example.go.th/pdfjs/web/viewer.html?file=/files/report.pdf");
  CHECK(doc.links[0].document_url == "https://www.example.go.th/files/report.pdf");
  CHECK(doc.links[1].document_url == "https://cdn.example.go.th/ita/o13.pdf");
  // A relative file= is relative to the viewer page, as pdf.js reads it.
  CHECK(doc.links[2].document_url == "https://www.example.go.th/bangna/ita/o5.pdf");
  CHECK(doc.links[3].document_url == "https://x.go.th/plan.pdf");
  CHECK(doc.links[4].document_url == "https://drive.google.com/uc?export=download&id=1XyZ_abc-123");
  CHECK(doc.links[5].document_url == "https://x.go.th/budget.xlsx");
  CHECK(doc.links[6].document_url.empty());
  CHECK(doc.links[7].document_url.empty());
  // Frames keep their own recognition.
  CHECK(extract::viewer_target("https://www.example.go.th/pdfjs/web/viewer.html?file=%2Ff%2Fa.pdf").viewer == "pdfjs");
}

TEST_CASE("a viewer link without a page URL still names its document", "[extract][viewer]") {
  CHECK(extract::viewer_target("/pdfjs/web/viewer.html?file=/files/report.pdf").document_url == "/files/report.pdf");
  CHECK(extract::viewer_target("https://www.example.go.th/news/viewer.html").document_url.empty());
  CHECK(extract::viewer_target("https://example.com/?file=x.pdf").viewer.empty());
}

TEST_CASE("anchor text falls back to image alt - links inside tables keep reading order", "[extract][html]") {
  const auto doc = from_html(
      "<table><tr><td>ลำดับ</td><td><a href='o15.pdf'><img alt='สรุปผลการจัดซื้อจัดจ้าง'></a></td></tr></table>"
      "<p>รายงาน <a href='https://x.go.th/r'>รอบ ๖ เดือน</a> ปีงบประมาณ ๒๕๖๘</p>");
  REQUIRE(doc.links.size() == 2);
  CHECK(doc.links[0].url == "https://www.example.go.th/bangna/o15.pdf");
  CHECK(doc.links[0].anchor_text == "สรุปผลการจัดซื้อจัดจ้าง");
  CHECK(doc.links[1].anchor_text == "รอบ ๖ เดือน");
  CHECK(doc.full_text().find("ลำดับ") < doc.full_text().find("รายงาน"));
  bool half = false;
  for (const auto& d : doc.dates) half = half || d.date.detail == "half-year";
  CHECK(half);
}

TEST_CASE("hostile HTML: script-only page, unclosed tags, deep nesting are bounded", "[extract][html][hostile]") {
  const auto s = from_html("<script>alert('ข้อความ')</script><style>p{}</style><noscript>x</noscript>");
  CHECK(s.full_text().find("alert") == std::string::npos);
  CHECK(s.full_text().find("ข้อความ") == std::string::npos);

  const auto broken = from_html("<p>ก<b>ข<i>ค</p><table><td>ง<tr><div>จ</b>");
  CHECK(broken.outcome == "ok");
  CHECK(broken.full_text().find("จ") != std::string::npos);

  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += "ลึก";
  const auto d1 = from_html(deep);
  CHECK(d1.outcome == "ok");  // deeper than max_html_depth: content skipped with a warning
  CHECK_FALSE(d1.warnings.empty());

  std::string very_deep = "<html><body>";
  for (int i = 0; i < 30000; ++i) very_deep += "<span>";
  const auto d2 = from_html(very_deep);
  CHECK(d2.outcome == "limit-exceeded");
}
