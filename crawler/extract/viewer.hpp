#pragma once
// Recognises online document viewers that district pages embed or link instead of the file:
// Google Docs viewer, Google Drive preview, Office Online and pdf.js.
#include <string>
#include <string_view>

#include "extract/document.hpp"

namespace oitscan::extract {

struct ViewerTarget {
  std::string viewer;        // google-docs-viewer | google-drive | google-docs | office-online | pdfjs | ""
  std::string document_url;  // the document the viewer shows, absolute when `url` was; "" if none
};

// What `url` shows when it is a known viewer; both fields empty otherwise. pdf.js's file= is
// resolved against the viewer's own URL, as pdf.js itself does: against the page URL for a
// file= that starts with "/", and absolute whenever the viewer URL is.
ViewerTarget viewer_target(std::string_view url);

// Fills frame.viewer and frame.document_url from frame.url when it is a known viewer.
void recognise_viewer(Frame& frame);

// Fills link.document_url from link.url when it is a known viewer.
void recognise_viewer(Link& link);

}  // namespace oitscan::extract
