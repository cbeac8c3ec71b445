// HistoryStore::changes: "what changed since the previous run, what broke" for one unit.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "store/history_store.hpp"

namespace oitscan::store {

namespace {

struct ItemState {
  std::string verdict;
  std::set<ReasonRef> reasons;  // reasons other than "ok"
};

std::map<std::string, ItemState> item_states(Database& db, std::int64_t run_id) {
  std::map<std::string, ItemState> out;
  Statement items = db.prepare("SELECT item_id, verdict FROM item_results WHERE run_id = ?1");
  items.bind(1, run_id);
  while (items.step()) out[items.text(0)].verdict = items.text(1);
  Statement reqs = db.prepare(
      "SELECT item_id, requirement_id, reason FROM requirement_results WHERE run_id = ?1 AND reason <> 'ok'");
  reqs.bind(1, run_id);
  while (reqs.step()) out[reqs.text(0)].reasons.insert({reqs.text(1), reqs.text(2)});
  return out;
}

struct DocState {
  std::optional<std::string> sha256;
  std::optional<std::string> outcome;
};

// What the run saw of each URL: its fetch log entries (the last one per URL wins), and the
// evidence of its verdicts for URLs the log does not have.
std::map<std::string, DocState> document_states(Database& db, std::int64_t run_id) {
  std::map<std::string, DocState> out;
  Statement fetches = db.prepare("SELECT url, sha256, outcome FROM fetches WHERE run_id = ?1 ORDER BY id");
  fetches.bind(1, run_id);
  while (fetches.step()) out[fetches.text(0)] = {fetches.optional_text(1), fetches.optional_text(2)};
  Statement evidence = db.prepare(
      "SELECT url, sha256 FROM evidence WHERE run_id = ?1 AND sha256 IS NOT NULL ORDER BY item_id, requirement_id, seq");
  evidence.bind(1, run_id);
  while (evidence.step()) {
    auto [it, inserted] = out.try_emplace(evidence.text(0), DocState{evidence.optional_text(1), std::nullopt});
    if (!inserted && !it->second.sha256) it->second.sha256 = evidence.optional_text(1);
  }
  return out;
}

std::set<std::string> evidence_urls(Database& db, std::int64_t run_id) {
  std::set<std::string> out;
  Statement st = db.prepare("SELECT DISTINCT url FROM evidence WHERE run_id = ?1");
  st.bind(1, run_id);
  while (st.step()) out.insert(st.text(0));
  return out;
}

// A 304 answer is the document obtained before, unchanged.
std::string obtained_as(const std::string& outcome) { return outcome == "not-modified" ? "ok" : outcome; }

std::vector<ReasonRef> minus(const std::set<ReasonRef>& a, const std::set<ReasonRef>& b) {
  std::vector<ReasonRef> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

Changes HistoryStore::changes(const std::string& unit_id) {
  const std::lock_guard lock(mutex_);
  const auto current = previous_run(unit_id, 0);
  if (!current) throw StoreError(db_->where() + ": no finished run of unit " + unit_id);
  return changes_for_run(current->id);
}

Changes HistoryStore::changes_for_run(std::int64_t run_id) {
  const std::lock_guard lock(mutex_);
  const auto current = run(run_id);
  if (!current) throw StoreError(db_->where() + ": no run " + std::to_string(run_id));
  Changes out;
  out.current_run = run_id;
  const auto previous = previous_run(current->unit_id, run_id);
  if (!previous) return out;
  out.previous_run = previous->id;

  const auto before = item_states(*db_, previous->id);
  const auto now = item_states(*db_, run_id);
  std::set<std::string> ids;
  for (const auto& [id, s] : before) ids.insert(id);
  for (const auto& [id, s] : now) ids.insert(id);
  for (const auto& id : ids) {
    const auto b = before.find(id);
    const auto n = now.find(id);
    ItemChange c;
    c.item_id = id;
    static const ItemState none;
    const ItemState& bs = b == before.end() ? none : b->second;
    const ItemState& ns = n == now.end() ? none : n->second;
    if (b != before.end()) c.verdict_before = bs.verdict;
    if (n != now.end()) c.verdict_now = ns.verdict;
    c.reasons_appeared = minus(ns.reasons, bs.reasons);
    c.reasons_disappeared = minus(bs.reasons, ns.reasons);
    if (c.verdict_before != c.verdict_now || !c.reasons_appeared.empty() || !c.reasons_disappeared.empty()) {
      out.items.push_back(std::move(c));
    }
  }

  // Documents: only real changes. A conditional GET answered 304 (not-modified) is the same
  // document as the 200 before it, so ok and not-modified never count as a change; a document
  // that became or stopped being evidence of a verdict does.
  const auto docs_before = document_states(*db_, previous->id);
  const auto docs_now = document_states(*db_, run_id);
  for (const auto& [url, ns] : docs_now) {
    const auto b = docs_before.find(url);
    if (b == docs_before.end()) continue;
    const DocState& bs = b->second;
    const bool content_changed = bs.sha256 && ns.sha256 && *bs.sha256 != *ns.sha256;
    const bool outcome_changed = bs.outcome && ns.outcome && obtained_as(*bs.outcome) != obtained_as(*ns.outcome);
    if (content_changed || outcome_changed) {
      out.documents.push_back({url, bs.sha256, ns.sha256, bs.outcome, ns.outcome});
    }
  }
  const auto evidence_before = evidence_urls(*db_, previous->id);
  const auto evidence_now = evidence_urls(*db_, run_id);
  for (const auto& url : evidence_now) {
    if (evidence_before.count(url) != 0) continue;
    DocumentChange c;
    c.url = url;
    c.appeared = true;
    if (const auto n = docs_now.find(url); n != docs_now.end()) {
      c.sha256_now = n->second.sha256;
      c.outcome_now = n->second.outcome;
    }
    out.documents.push_back(std::move(c));
  }
  for (const auto& url : evidence_before) {
    if (evidence_now.count(url) != 0) continue;
    DocumentChange c;
    c.url = url;
    c.disappeared = true;
    if (const auto b = docs_before.find(url); b != docs_before.end()) {
      c.sha256_before = b->second.sha256;
      c.outcome_before = b->second.outcome;
    }
    out.documents.push_back(std::move(c));
  }
  return out;
}

}  // namespace oitscan::store
