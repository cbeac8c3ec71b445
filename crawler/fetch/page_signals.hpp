#pragma once
// Recognises HTML pages that stand in for the document that was asked for: login walls, Google
// Drive's virus-scan / download warning pages, and soft-404 pages (a "not found" page served with
// status 200, detected by comparing with what the host serves for a random path).
#include <string>
#include <string_view>

#include "fetch/response.hpp"

namespace oitscan::fetch {

bool looks_like_html(const Response& r);

// A short reason ("password form", "login redirect", "google drive interstitial") or empty.
std::string interstitial_reason(const Response& r);

// Jaccard similarity (0..1) of the word sets of two bodies, computed on the first 64 KiB of each,
// leaving out the words of `ignore`.
double body_similarity(std::string_view a, std::string_view b, std::string_view ignore = {});

// Given the host's response for a random, certainly non-existent path (`probe`), is `page` that
// host's not-found page? Never true for the site root, for the index of the folder the probe was
// made in (/ita/ for /ita/oitscan-probe-…), or when the probe itself was an error.
bool is_soft_404(const Response& page, const Response& probe);

// The random path of a probe in `folder` (which ends in '/'), e.g.
// "/ita/O13/oitscan-probe-3f9a0c1d2b7e4a65"; by default in the site root.
std::string random_probe_path(std::string_view folder = "/");

// The folder a URL's page sits in, as it goes on the wire: "/a/b/" for http://h/a/b/c.html?x=1,
// "/a/b/" for http://h/a/b/, "/" for http://h/x or an unparsable URL. Sites often serve one
// not-found page per such folder (a portal section, an application mounted under a path).
std::string probe_folder(std::string_view url);

}  // namespace oitscan::fetch
