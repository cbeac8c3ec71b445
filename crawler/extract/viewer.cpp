#include "extract/viewer.hpp"

#include <boost/url.hpp>

#include "extract/url_util.hpp"

namespace oitscan::extract {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// drive.google.com/file/d/<id>/view -> the file's download address.
ViewerTarget google_drive(std::string_view path) {
  const std::string_view rest = path.substr(std::string_view("/file/d/").size());
  const std::string_view id = rest.substr(0, rest.find('/'));
  if (id.empty()) return {};
  return {"google-drive", "https://drive.google.com/uc?export=download&id=" + std::string(id)};
}

// pdf.js ships its viewer as .../web/viewer.html and sites copy it under any folder; its file=
// parameter is the PDF, relative to the viewer page.
ViewerTarget pdfjs(std::string_view url, std::string_view path) {
  if (path.find("viewer.html") == std::string_view::npos && path.find("pdfjs") == std::string_view::npos) return {};
  const std::string file = query_param(url, "file");
  if (file.empty()) return {};
  return {"pdfjs", resolve_url(url, file)};
}

}  // namespace

ViewerTarget viewer_target(std::string_view url) {
  const std::string enc = encode_href(url);  // url_view points into it: keep it alive
  // A relative reference (no page URL was known) can still be a site's own pdf.js copy.
  auto u = boost::urls::parse_uri_reference(enc);
  if (!u) return {};
  const std::string host(u->encoded_host());
  const std::string path(u->encoded_path());
  if (host == "docs.google.com" && (starts_with(path, "/viewer") || starts_with(path, "/gview"))) {
    return {"google-docs-viewer", query_param(url, "url")};
  }
  if (host == "drive.google.com" && starts_with(path, "/file/d/")) return google_drive(path);
  if (host == "docs.google.com" && (starts_with(path, "/document/d/") || starts_with(path, "/spreadsheets/d/") ||
                                    starts_with(path, "/presentation/d/"))) {
    return {"google-docs", std::string(url)};
  }
  if (host == "view.officeapps.live.com" && starts_with(path, "/op/")) {
    return {"office-online", query_param(url, "src")};
  }
  return pdfjs(url, path);
}

void recognise_viewer(Frame& frame) {
  ViewerTarget t = viewer_target(frame.url);
  if (t.viewer.empty()) return;
  frame.viewer = std::move(t.viewer);
  frame.document_url = std::move(t.document_url);
}

void recognise_viewer(Link& link) { link.document_url = viewer_target(link.url).document_url; }

}  // namespace oitscan::extract
