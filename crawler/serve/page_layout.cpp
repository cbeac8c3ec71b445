#include "serve/page_layout.hpp"

namespace oitscan::serve {

std::string page(const Caller& caller, std::string_view title, const std::string& body, std::string_view path_for_toggle,
                 const std::string& csrf) {
  const bool en = caller.lang == "en";
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + std::string(en ? "en" : "th") + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title) +
                     " · oitscan</title>\n<link rel=\"stylesheet\" href=\"/static/serve.css\">\n"
                     "<script src=\"/static/serve.js\" defer></script>\n</head>\n<body>\n<header>\n<a class=\"brand\" href=\"/" +
                     lang_query(caller) + "\">oitscan</a>\n<nav>";
  // The toggle keeps the page; the language is the only query parameter pages take besides unit.
  html += en ? "<a id=\"lang-toggle\" href=\"" + esc(path_for_toggle) + "\" lang=\"th\">ภาษาไทย</a>"
             : "<a id=\"lang-toggle\" href=\"" + esc(path_for_toggle) + "?lang=en\" lang=\"en\">English</a>";
  if (caller.session) {
    html += "<span class=\"who\">" + esc(tr(caller, "ผู้ตรวจ: ", "Auditor: ")) + esc(caller.session->auditor) + "</span>";
    html += "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) +
            "\"><button type=\"submit\">" + esc(tr(caller, "ออกจากระบบ", "Log out")) + "</button></form>";
  } else {
    html += "<a href=\"/login" + lang_query(caller) + "\">" + esc(tr(caller, "ผู้ตรวจเข้าสู่ระบบ", "Auditor login")) + "</a>";
  }
  html += "</nav>\n</header>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace oitscan::serve
