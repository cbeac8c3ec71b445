#include "extract/viewer.hpp"

#include <boost/url.hpp>

#include "extract/url_util.hpp"

namespace oitscan::extract {

void recognise_viewer(Frame& frame) {
  const std::string enc = encode_href(frame.url);  // url_view points into it: keep it alive
  auto u = boost::urls::parse_uri(enc);
  if (!u) return;
  const std::string host(u->encoded_host());
  const std::string path(u->encoded_path());
  auto param = [&](std::string_view key) { return query_param(frame.url, key); };
  if (host == "docs.google.com" && (path.rfind("/viewer", 0) == 0 || path.rfind("/gview", 0) == 0)) {
    frame.viewer = "google-docs-viewer";
    frame.document_url = param("url");
    return;
  }
  if (host == "drive.google.com" && path.rfind("/file/d/", 0) == 0) {
    const std::string rest = path.substr(8);
    const std::string id = rest.substr(0, rest.find('/'));
    if (!id.empty()) {
      frame.viewer = "google-drive";
      frame.document_url = "https://drive.google.com/uc?export=download&id=" + id;
    }
    return;
  }
  if (host == "docs.google.com" && (path.rfind("/document/d/", 0) == 0 || path.rfind("/spreadsheets/d/", 0) == 0 ||
                                    path.rfind("/presentation/d/", 0) == 0)) {
    frame.viewer = "google-docs";
    frame.document_url = frame.url;
    return;
  }
  if (host == "view.officeapps.live.com" && path.rfind("/op/", 0) == 0) {
    frame.viewer = "office-online";
    frame.document_url = param("src");
    return;
  }
  if (path.find("viewer.html") != std::string::npos || path.find("pdfjs") != std::string::npos) {
    const std::string file = param("file");
    if (!file.empty()) {
      frame.viewer = "pdfjs";
      frame.document_url = resolve_url(frame.url, file);
    }
  }
}

}  // namespace oitscan::extract
