#include "gather/gather.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <set>

#include "common/cpu_pool.hpp"
#include "common/document_extensions.hpp"
#include "common/text.hpp"
#include "extract/extract.hpp"
#include "extract/structure.hpp"
#include "fetch/url_key.hpp"
#include "gather/extraction_cache.hpp"
#include "thai/date_roles.hpp"

namespace oitscan::gather {
namespace {

// Normalised text kept of one document, all its parts (pages, sheets) together: about 700 dense pages
// of Thai. What is read costs a multiple of this downstream (dates, copies into the evidence; the
// rule engine's text index is about 1 byte per byte), so this bounds a unit's memory, not only
// extraction's: the workbook whose 300 sheets point at one 18 MB sheet (7.1 GB once) stops here,
// read up to the limit and marked limit-exceeded. The extract stage's own default is the same
// 4 MiB now; the cap stays here so a unit's bound does not depend on that default.
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

namespace {

// One gather: the evidence graph of every item and the state of its streaming fetch. Runs on the
// fetching thread; readings run on the CPU pool.
class Crawl {
 public:
  Crawl(const GatherPlan& plan, const GatherOptions& options, std::map<std::string, Record>& records)
      : plan_(plan), options_(options), records_(records) {
    for (const auto& [item, urls] : plan.items) {
      for (const auto& u : urls) add_node(item, Node{strip_fragment(u), 0, "", "", ""});
    }
  }

  // The submitted URLs, across all items at once, each once.
  std::vector<std::string> seeds() {
    std::vector<std::string> out;
    for (const auto& [item, nodes] : graph_) {
      for (const auto& n : nodes) {
        if (records_.count(n.url) == 0 && requested_.insert(n.url).second) out.push_back(n.url);
      }
    }
    return out;
  }

  // A fetch is in: read it (now when its links are followed, else on the pool), and return the
  // URLs the graph wants next.
  std::vector<std::string> arrived(const FetchedPtr& f, const BodyHold& hold, BodyLedger& ledger) {
    Record& r = records_[f->url];
    r.fetched = f;
    r.body_bytes = f->body.size();
    if (const Record* first = first_of_same_url(f); first != nullptr) {
      // The engine fetched this URL under another spelling earlier in the run and sends its
      // metadata only: the reading is that of the first copy, whenever this one comes in.
      if (pending_.count(first->fetched->url) != 0) wait_for_readings();
      r.document = first->document;
      r.read = first->read;
    } else if (fetch::evidence_class(f->outcome, f->http_status) == fetch::EvidenceClass::obtained) {
      if (link_sources_.count(f->url) != 0) {
        // Its links decide what is fetched next: read it now (on the pool; this thread helps).
        cpu::TaskGroup now;
        now.run([this, &r, hold] { read(r, hold); });
        now.wait();
      } else {
        pending_.insert(f->url);
        readings_.run([this, &r, held = BodyHold(hold)]() mutable {
          read(r, held);
          held.reset();  // the body may go now (once archived), not when the pool drops the task
        });
      }
    }
    auto next = advance();
    // Memory bounded by a budget: too many bodies in flight, so the fetching waits for the readings
    // (helping with them) and the archive. This body itself is still held by the caller.
    if (ledger.held_bytes() > options_.body_budget) {
      wait_for_readings();
      ledger.wait_until_at_most(options_.body_budget + r.body_bytes);
    }
    return next;
  }

  // Every reading started is done; whatever the graph still wants (nothing when every fetch came
  // in through arrived()).
  std::vector<std::string> finish() {
    wait_for_readings();
    return advance();
  }

  std::map<std::string, std::vector<EvidenceDoc>> evidence() const {
    std::set<std::string> dead;
    for (const auto& [url, r] : records_) {
      if (fetch::evidence_class(r.fetched->outcome, r.fetched->http_status) == fetch::EvidenceClass::missing) dead.insert(url);
    }
    std::map<std::string, std::vector<EvidenceDoc>> out;
    for (const auto& [item, nodes] : graph_) {
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

 private:
  void add_node(const std::string& item, Node node) {
    if (!seen_[item].insert(node.url).second) return;
    if (node.depth < depth_limit(item)) link_sources_.insert(node.url);
    graph_[item].push_back(std::move(node));
  }

  int depth_limit(const std::string& item) const {
    auto it = plan_.follow_depth.find(item);
    return it == plan_.follow_depth.end() ? 0 : it->second;
  }

  // Cue keys per item: the policy's document words and the item's own phrases.
  const std::vector<std::string>& cues_of(const std::string& item) {
    auto [it, fresh] = cue_keys_.try_emplace(item);
    if (fresh) {
      for (const auto& c : plan_.follow.document_cues) it->second.push_back(thai::cue_key(c));
      if (auto own = plan_.item_cues.find(item); own != plan_.item_cues.end()) {
        for (const auto& c : own->second) it->second.push_back(thai::cue_key(c));
      }
    }
    return it->second;
  }

  // Reading is CPU work (PDF layout, OCR): it runs on the process's pool.
  void read(Record& r, const BodyHold&) {
    if (options_.on_reading) options_.on_reading(r.fetched->url);
    if (options_.before_reading) {
      if (const auto skip = options_.before_reading(*r.fetched)) {
        // A copy: the archive's thread may still be looking at the original.
        auto skipped = std::make_shared<fetch::Response>(*r.fetched);
        skipped->outcome = *skip;
        std::string().swap(skipped->body);  // never read, so never needed
        r.fetched = std::move(skipped);
        return;  // not read: no text, no links followed
      }
    }
    extract::ExtractOptions opt;
    opt.declared_type = r.fetched->content_type;
    opt.base_url = r.fetched->final_url;
    if (options_.context_fiscal_year_be > 0) opt.context_fiscal_year_be = options_.context_fiscal_year_be;
    opt.limits.max_text_bytes = std::min(opt.limits.max_text_bytes, kDocumentTextBudget);
    opt.cancel = options_.cancel;
    r.document = options_.extraction_cache ? options_.extraction_cache->extract(r.fetched->body, r.fetched->sha256, opt)
                                           : extract::extract_document(r.fetched->body, opt);
    r.read = true;
    if (options_.on_read) options_.on_read(*r.fetched, r.document);
  }

  void wait_for_readings() {
    readings_.wait();
    pending_.clear();
  }

  // For a late duplicate (a URL the engine had delivered under another spelling, e.g. an upper-
  // case host), the record of the first spelling; null otherwise. Remembers first spellings.
  const Record* first_of_same_url(const FetchedPtr& f) {
    const auto parsed = fetch::parse_http_url(f->url);
    if (!parsed) return nullptr;
    const auto [known, fresh] = first_spelling_.try_emplace(parsed->normalized, f->url);
    if (fresh || !f->duplicate || known->second == f->url) return nullptr;
    auto first = records_.find(known->second);
    return first == records_.end() ? nullptr : &first->second;
  }

  // Follows links in discovery order: each item's nodes are taken in turn (breadth first, as they
  // were found), and a node's links are followed only when every node before it has been, so
  // limits, dedup and which page a shared link is credited to come out the same whatever order the
  // fetches complete in. A node waits only for its own fetch; nodes past the depth limit never wait.
  std::vector<std::string> advance() {
    std::vector<std::string> wanted;
    for (auto& [item, nodes] : graph_) {
      std::size_t& next = cursor_[item];
      while (next < nodes.size()) {
        if (nodes[next].depth >= depth_limit(item)) {
          ++next;
          continue;
        }
        auto rec = records_.find(nodes[next].url);
        if (rec == records_.end()) break;  // not fetched yet
        // Read on the pool as a leaf of another item, and now its links are wanted here.
        if (pending_.count(rec->first) != 0) wait_for_readings();
        if (rec->second.read) follow(item, next, rec->second, wanted);
        ++next;
      }
    }
    return wanted;
  }

  void follow(const std::string& item, std::size_t index, const Record& r, std::vector<std::string>& wanted) {
    auto& nodes = graph_[item];
    const Node page = nodes[index];  // nodes grows below
    std::size_t taken = 0;
    for (const auto& c : candidates_of(r.document)) {
      if (taken >= plan_.follow.max_links_per_page || nodes.size() >= plan_.follow.max_documents_per_item) break;
      const std::string url = strip_fragment(c.url);
      if (!should_follow(r.fetched->final_url, url, plan_.website, c.context, cues_of(item))) continue;
      if (seen_[item].count(url) != 0) {
        // Submitted and also linked from the item's page: the link still says what it is.
        for (auto& known : nodes) {
          if (known.url == url && known.link_context.empty()) known.link_context = c.context;
        }
        continue;
      }
      add_node(item, Node{url, page.depth + 1, page.url, c.anchor_text, c.context});
      ++taken;
      if (records_.count(url) == 0 && requested_.insert(url).second) wanted.push_back(url);
    }
  }

  const GatherPlan& plan_;
  const GatherOptions& options_;
  std::map<std::string, Record>& records_;
  std::map<std::string, std::vector<Node>> graph_;  // item -> nodes in discovery order
  std::map<std::string, std::set<std::string>> seen_;
  std::map<std::string, std::size_t> cursor_;  // item -> first node whose links are not followed yet
  std::map<std::string, std::vector<std::string>> cue_keys_;
  std::set<std::string> link_sources_;  // URLs some item follows links from
  std::set<std::string> requested_;     // URLs asked of the source
  std::set<std::string> pending_;       // URLs being read on the pool (their Record is the pool's until waited for)
  std::map<std::string, std::string> first_spelling_;  // normalised URL -> the first URL delivered for it
  cpu::TaskGroup readings_;
};

}  // namespace

std::map<std::string, std::vector<EvidenceDoc>> EvidenceGatherer::gather(const GatherPlan& plan) {
  BodyLedger ledger;
  Crawl crawl(plan, options_, records_);
  auto on_fetched = [&](const FetchedPtr& f, const BodyHold& hold) { return crawl.arrived(f, hold, ledger); };
  source_.fetch_stream(crawl.seeds(), ledger, on_fetched);
  // Every URL asked for came back through arrived(), so nothing is left; a source that dropped one
  // would be asked again rather than leave a node without a record.
  for (auto more = crawl.finish(); !more.empty(); more = crawl.finish()) source_.fetch_stream(more, ledger, on_fetched);
  peak_body_bytes_ = ledger.peak_bytes();
  return crawl.evidence();
}

}  // namespace oitscan::check
