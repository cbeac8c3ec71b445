// Page structure: site chrome kept out of the page's text, link context, sections with their
// language, placeholder pages, and blocks repeated across a site's pages.
#include <catch2/catch.hpp>

#include <algorithm>

#include "extract/fixtures.hpp"
#include "extract/language.hpp"
#include "extract/structure.hpp"
#include "extract/text_headings.hpp"

using namespace oitscan;

namespace {

extract::Document from_html(const std::string& html, const std::string& base = "https://bangna.example.go.th/ita/") {
  extract::ExtractOptions o;
  o.base_url = base;
  o.declared_type = "text/html; charset=utf-8";
  return extract::extract_document(html, o);
}

extract::Document fixture(const std::string& name, const std::string& base = "https://bangna.example.go.th/ita/o10") {
  extract::ExtractOptions o;
  o.base_url = base;
  return test::extract_fixture(name, o);
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

const extract::Link* link_to(const extract::Document& d, const std::string& url_end) {
  for (const auto& l : d.links) {
    if (l.url.size() >= url_end.size() && l.url.compare(l.url.size() - url_end.size(), url_end.size(), url_end) == 0) return &l;
  }
  return nullptr;
}

std::vector<std::string> chrome_labels(const extract::Document& d) {
  std::vector<std::string> out;
  for (const auto& p : d.parts) {
    if (p.chrome) out.push_back(p.label);
  }
  return out;
}

}  // namespace

TEST_CASE("HTML5 landmarks: header, nav, breadcrumb, aside and footer are chrome; main is the page",
          "[extract][html][structure]") {
  const auto doc = fixture("portal-landmarks.html");
  REQUIRE(doc.outcome == "ok");
  REQUIRE_FALSE(doc.parts.empty());
  CHECK(doc.parts[0].label == "page");
  CHECK_FALSE(doc.parts[0].chrome);
  const std::string main = doc.content_text();
  CHECK(main == doc.parts[0].text);
  CHECK(has(main, "แผนปฏิบัติราชการประจำปีงบประมาณ"));
  CHECK(has(main, "O10 แผนการดำเนินงาน"));    // the article's own <header> is content
  CHECK(has(main, "เผยแพร่เมื่อ"));           // and so is its <footer>
  CHECK(has(main, "แผนการใช้จ่ายงบประมาณ"));  // a data table in a "widget" box inside main stays
  for (const char* chrome : {"ผู้อำนวยการเขตบางนา", "นายสมชาย", "ติดต่อเรา", "เกี่ยวกับเรา", "ปรับปรุงข้อมูลล่าสุด",
                             "ผู้เข้าชม", "ลิงก์หน่วยงาน", "ข้ามไปยังเนื้อหา", "ถนนบางนา-ตราด"}) {
    INFO(chrome);
    CHECK_FALSE(has(main, chrome));
    CHECK(has(doc.full_text(), chrome));  // still read, in chrome parts
  }
  const auto labels = chrome_labels(doc);
  for (const char* kind : {"chrome: header", "chrome: sidebar", "chrome: footer", "chrome: breadcrumb"}) {
    INFO(kind);
    CHECK(std::find(labels.begin(), labels.end(), kind) != labels.end());
  }
  // Headings of the page only (the sidebar's "ลิงก์หน่วยงาน" is not the document's).
  REQUIRE(doc.headings.size() == 2);
  CHECK(doc.headings[0] == "O10 แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี");
  CHECK(doc.headings[1] == "รายละเอียดแผนงาน");
  CHECK_FALSE(doc.placeholder);
  // The footer's update stamp is found, and it is in a chrome part.
  bool stamp_in_chrome = false;
  for (const auto& d : doc.dates) {
    if (d.date.iso == "2025-03-12") stamp_in_chrome = doc.parts.at(d.part).chrome;
  }
  CHECK(stamp_in_chrome);
  // Locations in chrome parts name the part: "chrome: footer, paragraph 2".
  for (const auto& d : doc.dates) {
    if (d.date.iso == "2025-03-12") CHECK(d.location == "chrome: footer, paragraph 2");
  }
}

TEST_CASE("links: menu links flagged in_chrome; context is the row, title the attribute", "[extract][html][structure]") {
  const auto doc = fixture("portal-landmarks.html");
  for (const char* menu : {"/about", "/contact", "/news", "/ita", "https://www.nacc.go.th/"}) {
    INFO(menu);
    const auto* l = link_to(doc, menu);
    REQUIRE(l != nullptr);
    CHECK(l->in_chrome);
    CHECK(l->location.rfind("chrome: ", 0) == 0);
  }
  const auto* plan = link_to(doc, "/files/o10-plan-2568.pdf");
  REQUIRE(plan != nullptr);
  CHECK_FALSE(plan->in_chrome);
  CHECK(plan->anchor_text == "แผนปฏิบัติราชการประจำปี ๒๕๖๘");
  CHECK(plan->title == "แผนปฏิบัติราชการ ๒๕๖๘ (PDF)");
  CHECK(has(plan->context, "แผนปฏิบัติราชการประจำปี ๒๕๖๘"));
  CHECK(has(plan->context, "๑ ต.ค. ๒๕๖๗"));
  CHECK_FALSE(has(plan->context, "แผนการใช้จ่ายงบประมาณ"));  // the next row is not its context
  CHECK(plan->location.rfind("paragraph ", 0) == 0);
  const auto* skip = link_to(doc, "#main");
  REQUIRE(skip != nullptr);
  CHECK(skip->in_chrome);
  // The page's links come first, in document order, as before.
  CHECK_FALSE(doc.links.front().in_chrome);
}

TEST_CASE("no landmarks: Joomla-style divs named menu/sidebar/breadcrumbs/footer are chrome", "[extract][html][structure]") {
  const auto doc = fixture("portal-joomla-divs.html");
  const std::string main = doc.content_text();
  CHECK(has(main, "สำนักงานเขตบางนาแบ่งส่วนราชการออกเป็น"));
  CHECK(has(main, "โครงสร้างหน่วยงาน สำนักงานเขตบางนา"));
  for (const char* chrome : {"ผู้อำนวยการเขตบางนา", "ติดต่อหน่วยงาน", "คุณอยู่ที่", "Copyright", "ปรับปรุงข้อมูลล่าสุด"}) {
    INFO(chrome);
    CHECK_FALSE(has(main, chrome));
  }
  const auto* dl = link_to(doc, "/images/structure-2568.pdf");
  REQUIRE(dl != nullptr);
  CHECK_FALSE(dl->in_chrome);
  CHECK(dl->context == "ดาวน์โหลดแผนผังโครงสร้าง (PDF)");
  const auto* ita = link_to(doc, "/index.php/ita");
  REQUIRE(ita != nullptr);
  CHECK(ita->in_chrome);
  CHECK(ita->context == "ITA 2568");  // its <li>
}

TEST_CASE("table layout: <td class=leftmenu> and banner/footer cells are chrome, the data table is not",
          "[extract][html][structure]") {
  const auto doc = fixture("portal-table-layout.html");
  const std::string main = doc.content_text();
  CHECK(has(main, "O15 รายงานผลการจัดซื้อจัดจ้าง"));
  CHECK(has(main, "ซื้อวัสดุสำนักงาน"));
  for (const char* chrome : {"ประวัติเขตบางนา", "ผู้อำนวยการเขตบางนา", "ผู้เข้าชม", "Bang Na District Office"}) {
    INFO(chrome);
    CHECK_FALSE(has(main, chrome));
  }
  const auto* menu = link_to(doc, "/ita/ita.php");
  REQUIRE(menu != nullptr);
  CHECK(menu->in_chrome);
  const auto* report = link_to(doc, "/ita/o15-report.pdf");
  REQUIRE(report != nullptr);
  CHECK_FALSE(report->in_chrome);
  CHECK(has(report->context, "3"));
  CHECK(has(report->context, "แล้วเสร็จ"));
  // A long table whose status column says "in progress" is a real document.
  CHECK_FALSE(doc.placeholder);
}

TEST_CASE("placeholder: 'in progress' under the item's heading, with sidebar and menus around it",
          "[extract][html][structure]") {
  const auto doc = fixture("portal-placeholder.html");
  CHECK(doc.placeholder);
  CHECK(doc.placeholder_reason == "phrase: อยู่ระหว่างดำเนินการ");
  CHECK_FALSE(has(doc.content_text(), "ผู้อำนวยการเขตบางนา"));
  CHECK_FALSE(has(doc.content_text(), "มาตรการส่งเสริมคุณธรรม"));

  const auto empty_table = from_html(
      "<html><body><nav><a href='/ita'>ITA</a></nav><main><h1>O15 รายงานผลการจัดซื้อจัดจ้าง</h1>"
      "<table><tr><th>ลำดับ</th><th>รายการ</th><th>วงเงิน</th><th>ผู้ได้รับการคัดเลือก</th></tr></table></main></body></html>");
  CHECK(empty_table.placeholder);
  CHECK(empty_table.placeholder_reason == "empty table");

  const auto blank = from_html("<body><header>สำนักงานเขตบางนา</header><main><h1>O3 อำนาจหน้าที่</h1></main></body>");
  CHECK(blank.placeholder);
  CHECK(blank.placeholder_reason == "empty");

  // The item's name written as a paragraph beside the phrase is still a placeholder.
  CHECK(from_html("<h1>O20</h1><p>การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต ประจำปีงบประมาณ ๒๕๖๘</p>"
                  "<p>อยู่ระหว่างดำเนินการ</p>").placeholder);

  for (const char* phrase : {"Coming Soon", "ยังไม่มีข้อมูล", "อยู่ระหว่างการปรับปรุงข้อมูล", "UNDER CONSTRUCTION"}) {
    INFO(phrase);
    CHECK(from_html(std::string("<h2>O5 ข้อมูลการติดต่อ</h2><p>") + phrase + "</p>").placeholder);
  }
}

TEST_CASE("not a placeholder: short real content, embedded documents, document links", "[extract][html][structure]") {
  CHECK_FALSE(from_html("<h1>ช่องทางการติดต่อ</h1><p>สำนักงานเขตบางนา เลขที่ ๑ ถนนบางนา-ตราด แขวงบางนา โทร ๐ ๒๓๙๘ ๐๐๐๐</p>").placeholder);
  CHECK_FALSE(from_html("<main><h1>O10 แผนการดำเนินงาน</h1><iframe src='/pdfjs/web/viewer.html?file=%2Ff%2Fo10.pdf'></iframe></main>").placeholder);
  CHECK_FALSE(from_html("<main><h1>O10</h1><a href='/f/o10.pdf'>ดาวน์โหลด</a></main>").placeholder);
  // Not HTML: an empty PDF text layer is a scan, not a placeholder; so is an empty text file.
  CHECK_FALSE(test::extract_fixture("thai-order.pdf").placeholder);
}

TEST_CASE("pdf.js viewer page: sidebar and toolbar are chrome; the viewer is no placeholder", "[extract][html][structure]") {
  const auto doc = fixture("pdfjs-viewer.html", "https://bangna.example.go.th/pdfjs/web/viewer.html?file=%2Ffiles%2Fo5.pdf");
  CHECK_FALSE(has(doc.content_text(), "Previous"));
  CHECK_FALSE(has(doc.content_text(), "Thumbnails"));
  CHECK(has(doc.full_text(), "Previous"));
  CHECK_FALSE(doc.placeholder);
}

TEST_CASE("pages without chrome read as before: one part, every link content", "[extract][html][structure]") {
  const auto doc = test::extract_fixture("ita-page-874.html");
  REQUIRE(doc.parts.size() == 1);
  CHECK_FALSE(doc.parts[0].chrome);
  CHECK(doc.content_text() == doc.full_text());
  for (const auto& l : doc.links) CHECK_FALSE(l.in_chrome);
  CHECK(doc.links[0].context == "ข้อมูลพื้นฐาน O1");
  for (const auto& f : doc.frames) CHECK_FALSE(f.in_chrome);
  CHECK_FALSE(doc.placeholder);
}

TEST_CASE("sections split at headings, each with its language", "[extract][html][structure]") {
  const auto doc = fixture("portal-landmarks.html");
  std::vector<const extract::Section*> page;
  for (const auto& s : doc.sections) {
    if (s.part == 0) page.push_back(&s);
  }
  REQUIRE(page.size() == 2);
  CHECK(page[0]->begin == 0);
  CHECK(page[0]->heading == "O10 แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี");
  CHECK(page[1]->heading == "รายละเอียดแผนงาน");
  CHECK(page[0]->end == page[1]->begin);
  CHECK(page[1]->end == doc.parts[0].text.size());
  CHECK(doc.parts[0].text.compare(page[1]->begin, std::string("รายละเอียดแผนงาน").size(), "รายละเอียดแผนงาน") == 0);
  CHECK(page[0]->language == "th");
  // Every part has at least one section, chrome parts included.
  for (std::size_t p = 0; p < doc.parts.size(); ++p) {
    INFO(doc.parts[p].label);
    CHECK(std::any_of(doc.sections.begin(), doc.sections.end(), [&](const auto& s) { return s.part == p; }));
  }
}

namespace {

const char* kThaiAnnouncement =
    "ประกาศสำนักงานเขตบางนา\n"
    "เรื่อง นโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n"
    "สำนักงานเขตบางนาได้กำหนดนโยบายการบริหารทรัพยากรบุคคลเพื่อให้การบริหารงานบุคคลเป็นไปอย่างมีประสิทธิภาพ\n"
    "โปร่งใส และเป็นธรรม โดยยึดหลักคุณธรรมและความรู้ความสามารถของบุคลากรเป็นสำคัญ (Merit System)\n"
    "ทั้งนี้ ให้ทุกฝ่ายถือปฏิบัติโดยเคร่งครัด ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗\n";
const char* kEnglishVersion =
    "Announcement of Bang Na District Office\n"
    "Subject: Human Resource Management Policy for Fiscal Year 2025\n"
    "Bang Na District Office has set out its human resource management policy so that personnel\n"
    "management is efficient, transparent and fair, based on merit and the competence of its staff.\n"
    "All divisions shall comply strictly. Announced on 1 October 2024.\n";

}  // namespace

TEST_CASE("language: Thai, English, mixed; a bilingual text splits where the language changes", "[extract][structure]") {
  CHECK(extract::language_of(extract::count_letters("ประกาศสำนักงานเขตบางนา ITA")) == "th");
  CHECK(extract::language_of(extract::count_letters("Announcement of Bang Na District ๒๕๖๘")) == "en");
  CHECK(extract::language_of(extract::count_letters("ประกาศ Announcement")) == "mixed");
  CHECK(extract::language_of(extract::count_letters("๑๒๓ 456 -")) == "");
  CHECK(extract::count_letters("ก้า Ab").thai == 3);

  const std::string text = std::string(kThaiAnnouncement) + kEnglishVersion;
  const auto breaks = extract::language_breaks(text);
  REQUIRE(breaks.size() == 1);
  CHECK(breaks[0] == std::string(kThaiAnnouncement).size());
  // A Thai text quoting an English name stays one run.
  CHECK(extract::language_breaks(kThaiAnnouncement).empty());

  extract::ExtractOptions o;
  o.declared_type = "text/plain; charset=utf-8";
  const auto doc = extract::extract_document(text, o);
  REQUIRE(doc.parts.size() == 1);
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].language == "th");
  CHECK(doc.sections[1].language == "en");
  CHECK(doc.sections[1].begin == doc.sections[0].end);
  CHECK(doc.language_share("en") > 200);
  CHECK(doc.language_share("th") > 200);
  CHECK(doc.language_share("mixed") == 0);
}

TEST_CASE("text headings: numbered divisions of official documents on a line of their own", "[extract][structure]") {
  const std::string text =
      "ประกาศสำนักงานเขตบางนา\n"
      "ส่วนที่ ๑ บทนำ\n"
      "หมวดหมู่สินค้าที่จัดซื้อในปีนี้มีหลายรายการ\n"
      "  หมวด 2 งบประมาณ\n"
      "Part 3 English version\n"
      "ภาคผนวก\n"
      "ส่วนที่ ๔ ตามที่ได้กล่าวมาแล้วข้างต้น สำนักงานเขตจึงขอประกาศให้ทราบโดยทั่วกันและให้ถือปฏิบัติอย่างเคร่งครัดตั้งแต่บัดนี้เป็นต้นไป\n";
  const auto h = extract::text_headings(text);
  REQUIRE(h.size() == 4);
  CHECK(h[0].second == "ส่วนที่ ๑ บทนำ");
  CHECK(text.compare(h[0].first, h[0].second.size(), h[0].second) == 0);
  CHECK(h[1].second == "หมวด 2 งบประมาณ");
  CHECK(h[2].second == "Part 3 English version");
  CHECK(h[3].second == "ภาคผนวก");
}

TEST_CASE("DOCX and PDF parts get sections too", "[extract][structure]") {
  const auto pdf = test::extract_fixture("thai-order.pdf");
  for (std::size_t p = 0; p < pdf.parts.size(); ++p) {
    CHECK(std::any_of(pdf.sections.begin(), pdf.sections.end(), [&](const auto& s) { return s.part == p; }));
  }
  CHECK(pdf.language_share("th") > 100);
  const auto docx = test::extract_fixture("thai-order.docx");
  REQUIRE_FALSE(docx.sections.empty());
  CHECK(docx.sections.back().end == docx.parts.back().text.size());
}

TEST_CASE("repetition: blocks on most pages of a site move to a 'chrome: repeated' part", "[extract][structure]") {
  auto page = [](const std::string& body) {
    return from_html("<p>สำนักงานเขตบางนา กรุงเทพมหานคร</p><p>ผู้อำนวยการเขตบางนา นายสมชาย ใจดี</p>" + body +
                     "<p><a href='/contact'>ติดต่อเรา</a></p><p>ปรับปรุงข้อมูลล่าสุด ๑๒ มีนาคม ๒๕๖๘</p>");
  };
  auto a = page("<h1>O1 โครงสร้าง</h1><p>แผนผังโครงสร้างหน่วยงาน <a href='/o1.pdf'>ดาวน์โหลด</a></p>");
  auto b = page("<h1>O2 ข้อมูลผู้บริหาร</h1><p>รายชื่อผู้บริหาร ณ วันที่ ๑ ตุลาคม ๒๕๖๗</p>");
  auto c = page("<h1>O3 อำนาจหน้าที่</h1><p>อำนาจหน้าที่ตามพระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร</p>");
  auto dup = b;  // the same page under another URL counts once
  std::vector<extract::Document*> site{&a, &b, &c, &dup};
  CHECK(extract::mark_repeated_blocks(site) == 16);

  REQUIRE(b.parts.size() == 2);
  CHECK(b.parts[1].label == "chrome: repeated");
  CHECK(b.parts[1].chrome);
  CHECK_FALSE(has(b.content_text(), "ผู้อำนวยการเขตบางนา"));
  CHECK_FALSE(has(b.content_text(), "ปรับปรุงข้อมูลล่าสุด"));
  CHECK(has(b.content_text(), "O2 ข้อมูลผู้บริหาร"));
  CHECK(has(b.parts[1].text, "ผู้อำนวยการเขตบางนา"));
  // Dates follow their text: the stamp is in the chrome part, the page's own date stays.
  for (const auto& d : b.dates) {
    INFO(d.date.matched);
    const auto& part = b.parts.at(d.part);
    CHECK(part.text.compare(d.date.begin, d.date.end - d.date.begin, d.date.matched) == 0);
    CHECK(part.chrome == (d.date.iso == "2025-03-12"));
  }
  // Links in moved blocks are chrome now; the page's own stay.
  const auto* contact = link_to(a, "/contact");
  REQUIRE(contact != nullptr);
  CHECK(contact->in_chrome);
  CHECK(contact->location.rfind("chrome: repeated, paragraph ", 0) == 0);
  for (const auto& d : b.dates) {
    if (d.date.iso == "2025-03-12") CHECK(d.location.rfind("chrome: repeated, paragraph ", 0) == 0);
  }
  const auto* o1 = link_to(a, "/o1.pdf");
  REQUIRE(o1 != nullptr);
  CHECK_FALSE(o1->in_chrome);
  // Sections cover both parts; the heading kept its section.
  REQUIRE_FALSE(b.sections.empty());
  CHECK(b.sections[0].part == 0);
  CHECK(b.sections[0].heading == "O2 ข้อมูลผู้บริหาร");
  CHECK(b.sections.back().part == 1);

  // One page alone has nothing to compare with.
  auto alone = page("<h1>O4</h1>");
  std::vector<extract::Document*> one{&alone};
  CHECK(extract::mark_repeated_blocks(one) == 0);
}

TEST_CASE("chrome rules: tokens, affixes, page-level kinds and the table guard", "[extract][structure]") {
  const auto& r = extract::ChromeRules::default_rules();
  using M = extract::ElementMarks;
  CHECK(r.chrome_kind(M{"td", "", "leftmenu", ""}, false, false) == "nav");
  CHECK(r.chrome_kind(M{"div", "", "navbar navbar-expand", ""}, false, false) == "nav");
  CHECK(r.chrome_kind(M{"div", "side-bar", "", ""}, false, false) == "sidebar");
  CHECK(r.chrome_kind(M{"div", "", "canvas maintenance", ""}, false, false).empty());
  CHECK(r.chrome_kind(M{"div", "", "", "navigation"}, false, false) == "nav");
  CHECK(r.chrome_kind(M{"header", "", "", ""}, false, false) == "header");
  CHECK(r.chrome_kind(M{"header", "", "entry-header", ""}, true, false).empty());
  CHECK(r.chrome_kind(M{"div", "", "widget", ""}, true, true).empty());
  CHECK(r.chrome_kind(M{"div", "", "widget", ""}, true, false) == "sidebar");
  CHECK(r.chrome_kind(M{"table", "", "widget-table", ""}, true, false).empty());
  CHECK(r.chrome_kind(M{"div", "", "elementor-widget-container", ""}, false, false).empty());
  CHECK(extract::ChromeRules::tokens("Side_Bar top-MENU") == std::vector<std::string>{"side", "bar", "top", "menu"});
}
