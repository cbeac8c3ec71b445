#pragma once
// Recognises online document viewers that district pages embed instead of linking the file:
// Google Docs viewer, Google Drive preview, Office Online and pdf.js.
#include <string>

#include "extract/document.hpp"

namespace oitscan::extract {

// Fills frame.viewer and frame.document_url from frame.url when it is a known viewer.
void recognise_viewer(Frame& frame);

}  // namespace oitscan::extract
