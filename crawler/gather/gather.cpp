#include "gather/gather.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "common/document_extensions.hpp"
#include "common/text.hpp"
#include "extract/extract.hpp"
#include "extract/structure.hpp"
#include "gather/extraction_cache.hpp"
#include "thai/date_roles.hpp"

namespace oitscan::gather {
namespace {

// Normalised text kept of one document, all its parts (pages, sheets) together: about 700 dense pages
// of Thai. What is read costs a multiple of this downstream (dates, the rule engine's text index at
// about 24 bytes per byte), so this bounds a unit's memory, not only extraction's: the workbook
// whose 300 sheets point at one 18 MB sheet (7.1 GB once) stops here, read up to the limit and
// marked limit-exceeded. `oitscan extract` alone keeps the extract stage's wider default.
constexpr std::size_t kDocumentTextBudget = 4u << 20;

struct Node {
  std::string url;
  int depth = 0;
  std::string linked_from;
  std::string anchor_text;
  std::string link_context;
};

// A link of a page as the follow policy sees it: where it leads and what the page says of it.
struct Candidate {
  std::string url;
  std::string anchor_text;
  std::string context;  // anchor, title and surrounding row, joined
};

std::vector<Candidate> candidates_of(const extract::Document& doc) {
  std::vector<Candidate> out;
  for (const auto& l : doc.links) {
    if (l.in_chrome) continue;  // menus, sidebars and footers are the site's, not the item's
    std::string context = l.anchor_text;
    for (const std::string* more : {&l.title, &l.context}) {
      if (!more->empty() && context.find(*more) == std::string::npos) context += " | " + *more;
    }
    out.push_back(Candidate{l.document_url.empty() ? l.url : l.document_url, l.anchor_text, context});
  }
  for (const auto& fr : doc.frames) {
    if (fr.in_chrome) continue;
    out.push_back(Candidate{fr.document_url.empty() ? fr.url : fr.document_url, "", ""});
  }
  return out;
}

// Title, headings and the first lines of the document's own text (gather/evidence.hpp `head`).
std::string head_of(const extract::Document& doc, const std::vector<DocPart>& parts) {
  // A web page marks its headings, so beyond them only its first line counts; a PDF or a scan
  // does not, so its first lines stand in for the heading.
  const std::size_t kLines = doc.format == extract::Format::html ? 1 : 5;
  std::string head = doc.title;
  for (const auto& h : doc.headings) head += "\n" + h;
  for (const auto& s : doc.sections) {
    if (!s.heading.empty() && head.find(s.heading) == std::string::npos) head += "\n" + s.heading;
  }
  for (const auto& part : parts) {  // as the evidence holds them: dead links' text blanked
    if (part.chrome) continue;
    std::size_t lines = 0, b = 0;
    while (b < part.text.size() && lines < kLines) {
      std::size_t e = part.text.find('\n', b);
      if (e == std::string::npos) e = part.text.size();
      if (const auto first = part.text.find_first_not_of(" \t\r", b); first < e) {
        // A memo's salutation ends its head: what follows is the body ("ตามที่ … แผน … ไว้แล้ว").
        if (part.text.compare(first, std::string("เรียน").size(), "เรียน") == 0) break;
        head += "\n" + part.text.substr(b, e - b);
        ++lines;
      }
      b = e + 1;
    }
    break;  // the first part of its own text: page 1, the page's main content, the first sheet
  }
  return head;
}

bool mentions_any(const std::string& text, const std::vector<std::string>& cue_keys) {
  if (text.empty() || cue_keys.empty()) return false;
  const std::string key = thai::cue_key(text);
  return std::any_of(cue_keys.begin(), cue_keys.end(), [&](const std::string& c) { return !c.empty() && key.find(c) != std::string::npos; });
}

std::string strip_fragment(std::string url) {
  if (auto hash = url.find('#'); hash != std::string::npos) url.resize(hash);
  return url;
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "/" : path.substr(0, slash + 1);
}

}  // namespace

bool should_follow(const std::string& page_url, const std::string& link_url, const std::string& website,
                   const std::string& link_context, const std::vector<std::string>& cue_keys) {
  auto link = boost::urls::parse_uri(link_url);
  auto page = boost::urls::parse_uri(page_url);
  if (!link || !page) return false;
  if (link->scheme() != "http" && link->scheme() != "https") return false;
  if (strip_fragment(link_url) == strip_fragment(page_url)) return false;
  if (strip_fragment(link_url) == website || strip_fragment(link_url) + "/" == website) return false;
  const std::string path = std::string(link->encoded_path());
  if (names_a_document(path)) return true;
  // Pages of the same site: the submitted page's folder and below, not the whole site's menus.
  if (!iequals(link->encoded_host(), page->encoded_host())) return false;
  if (path.rfind(folder_of(std::string(page->encoded_path())), 0) == 0) return true;
  // Elsewhere on the site only what the page itself calls a document: "ดาวน์โหลด", "ไฟล์แนบ", the
  // item's name (download.php?id=17). Another host without a document extension is a service
  // (an e-service portal), not a published document.
  if (format_named_by_path(path)) return false;  // a page (.html) outside the folder: the site's, not the item's
  return mentions_any(link_context + " " + link_url, cue_keys);
}

EvidenceDoc to_evidence(const Record& record, const std::set<std::string>& dead_urls) {
  EvidenceDoc d;
  d.url = record.fetched->url;
  d.fetched = record.fetched;
  if (!record.read) return d;
  const extract::Document& doc = record.document;
  d.format = doc.format;
  d.machine_readable = doc.machine_readable;
  d.editable = doc.editable;
  d.title = doc.title;
  d.placeholder = doc.placeholder;
  d.english_letters = doc.language_share("en");
  d.thai_letters = doc.language_share("th");
  for (const auto& part : doc.parts) {
    d.parts.push_back(DocPart{part.label, part.text, part.source, part.chrome});
  }

  // Byte ranges of link texts in each part: dates there only label a link (in_link), and the text
  // of a dead link is blanked, dates included.
  struct Anchor {
    std::size_t begin, end;
    bool dead;
  };
  std::vector<std::vector<Anchor>> anchors(doc.parts.size());
  for (const auto& link : doc.links) {
    if (link.anchor_text.size() < 4) continue;
    const bool dead = dead_urls.count(strip_fragment(link.url)) != 0;
    for (std::size_t p = 0; p < doc.parts.size(); ++p) {
      const std::string& text = doc.parts[p].text;
      for (auto at = text.find(link.anchor_text); at != std::string::npos; at = text.find(link.anchor_text, at + 1)) {
        anchors[p].push_back(Anchor{at, at + link.anchor_text.size(), dead});
        if (dead) d.parts[p].text.replace(at, link.anchor_text.size(), link.anchor_text.size(), ' ');
      }
    }
  }
  for (const auto& found : doc.dates) {
    DocDate date{found.date, found.part, false, found.role};
    bool dead = false;
    for (const auto& a : found.part < anchors.size() ? anchors[found.part] : std::vector<Anchor>{}) {
      if (found.date.begin >= a.begin && found.date.end <= a.end) {
        date.in_link = true;
        dead = dead || a.dead;
      }
    }
    if (!dead) d.dates.push_back(std::move(date));
  }
  d.head = head_of(doc, d.parts);
  return d;
}

void EvidenceGatherer::fetch_and_read(const std::vector<std::string>& urls) {
  if (urls.empty()) return;
  auto fetched = source_.fetch_all(urls);
  std::vector<Record*> to_read;
  for (auto& f : fetched) {
    Record& r = records_[f->url];
    r.fetched = std::move(f);
    if (fetch::evidence_class(r.fetched->outcome, r.fetched->http_status) == fetch::EvidenceClass::obtained) to_read.push_back(&r);
  }
  // Reading is CPU work (PDF layout, OCR): spread it over worker threads.
  const std::size_t workers = std::max<std::size_t>(1, options_.workers ? options_.workers : std::thread::hardware_concurrency());
  std::size_t next = 0;
  std::mutex mutex;
  auto work = [&]() {
    for (;;) {
      Record* r = nullptr;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next >= to_read.size()) return;
        r = to_read[next++];
      }
      extract::ExtractOptions opt;
      opt.declared_type = r->fetched->content_type;
      opt.base_url = r->fetched->final_url;
      if (options_.context_fiscal_year_be > 0) opt.context_fiscal_year_be = options_.context_fiscal_year_be;
      opt.limits.max_text_bytes = std::min(opt.limits.max_text_bytes, kDocumentTextBudget);
      r->document = options_.extraction_cache ? options_.extraction_cache->extract(r->fetched->body, r->fetched->sha256, opt)
                                              : extract::extract_document(r->fetched->body, opt);
      r->read = true;
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < std::min(workers, to_read.size()); ++i) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

std::map<std::string, std::vector<EvidenceDoc>> EvidenceGatherer::gather(const GatherPlan& plan) {
  std::map<std::string, std::vector<Node>> graph;  // item -> nodes in discovery order
  std::map<std::string, std::set<std::string>> seen;
  for (const auto& [item, urls] : plan.items) {
    for (const auto& u : urls) {
      const std::string url = strip_fragment(u);
      if (seen[item].insert(url).second) graph[item].push_back(Node{url, 0, "", "", ""});
    }
  }
  // Cue keys per item: the policy's document words and the item's own phrases.
  std::map<std::string, std::vector<std::string>> cue_keys;
  auto cues_of = [&](const std::string& item) -> const std::vector<std::string>& {
    auto [it, fresh] = cue_keys.try_emplace(item);
    if (fresh) {
      for (const auto& c : plan.follow.document_cues) it->second.push_back(thai::cue_key(c));
      if (auto own = plan.item_cues.find(item); own != plan.item_cues.end()) {
        for (const auto& c : own->second) it->second.push_back(thai::cue_key(c));
      }
    }
    return it->second;
  };
  auto depth_limit = [&](const std::string& item) {
    auto it = plan.follow_depth.find(item);
    return it == plan.follow_depth.end() ? 0 : it->second;
  };
  for (int depth = 0;; ++depth) {
    // Fetch this level's new URLs, across all items at once.
    std::vector<std::string> wanted;
    std::set<std::string> wanted_set;
    for (const auto& [item, nodes] : graph) {
      for (const auto& n : nodes) {
        if (n.depth == depth && records_.count(n.url) == 0 && wanted_set.insert(n.url).second) wanted.push_back(n.url);
      }
    }
    fetch_and_read(wanted);
    // Follow links one level down where the item's rule allows.
    bool added = false;
    for (auto& [item, nodes] : graph) {
      if (depth >= depth_limit(item)) continue;
      const std::size_t count = nodes.size();
      for (std::size_t i = 0; i < count; ++i) {
        if (nodes[i].depth != depth) continue;
        const Record& r = records_.at(nodes[i].url);
        if (!r.read) continue;
        std::size_t taken = 0;
        for (const auto& c : candidates_of(r.document)) {
          if (taken >= plan.follow.max_links_per_page || nodes.size() >= plan.follow.max_documents_per_item) break;
          const std::string url = strip_fragment(c.url);
          if (!should_follow(r.fetched->final_url, url, plan.website, c.context, cues_of(item))) continue;
          if (!seen[item].insert(url).second) {
            // Submitted and also linked from the item's page: the link still says what it is.
            for (auto& known : nodes) {
              if (known.url == url && known.link_context.empty()) known.link_context = c.context;
            }
            continue;
          }
          nodes.push_back(Node{url, depth + 1, nodes[i].url, c.anchor_text, c.context});
          ++taken;
          added = true;
        }
      }
    }
    if (!added) break;
  }
  std::set<std::string> dead;
  for (const auto& [url, r] : records_) {
    if (fetch::evidence_class(r.fetched->outcome, r.fetched->http_status) == fetch::EvidenceClass::missing) dead.insert(url);
  }
  std::map<std::string, std::vector<EvidenceDoc>> out;
  for (const auto& [item, nodes] : graph) {
    auto& docs = out[item];
    for (const auto& n : nodes) {
      EvidenceDoc d = to_evidence(records_.at(n.url), dead);
      d.depth = n.depth;
      d.linked_from = n.linked_from;
      d.anchor_text = n.anchor_text;
      d.link_context = n.link_context;
      docs.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace oitscan::check
