#pragma once
// Builds oitscan.results/1 documents for the store tests, in the exact shape contracts.md gives.
#include <nlohmann/json.hpp>
#include <string>

namespace oitscan::test {

inline nlohmann::json evidence(const std::string& url, const std::string& sha256, int status = 200) {
  return {{"url", url},
          {"final_url", url},
          {"http_status", status},
          {"fetched_at", "2026-11-21T01:00:05Z"},
          {"sha256", sha256},
          {"warc_record_id", "<urn:uuid:0b5e8c3a-1d2e-4f00-9a61-2f0c6f1b7e11>"},
          {"format", "pdf"},
          {"machine_readable", false},
          {"text_source", "text-layer"},
          {"snippet", "รายงานสรุปผลการจัดซื้อจัดจ้าง"},
          {"location", "page 3"},
          {"dates", {"2025-03-31"}}};
}

inline nlohmann::json requirement(const std::string& id, const std::string& verdict, const std::string& reason,
                                  nlohmann::json evidence_list = nlohmann::json::array()) {
  return {{"id", id},
          {"verdict", verdict},
          {"reason", reason},
          {"message_th", "ข้อกำหนด " + id},
          {"message_en", "requirement " + id},
          {"evidence", std::move(evidence_list)}};
}

inline nlohmann::json item(const std::string& id, const std::string& verdict, nlohmann::json requirements) {
  return {{"id", id}, {"verdict", verdict}, {"requirements", std::move(requirements)}};
}

inline nlohmann::json results(const std::string& unit_id, nlohmann::json items, double oit = 95.45) {
  return {{"schema", "oitscan.results/1"},
          {"tool", {{"name", "oitscan"}, {"version", "0.1.0"}}},
          {"unit", {{"id", unit_id}, {"name_th", "สำนักงานเขตบางนา"}, {"website", "https://www.example.go.th/bangna/"}}},
          {"framework", "bma-district-2568"},
          {"rules_version", "2568.1"},
          {"started_at", "2026-11-21T01:00:00Z"},
          {"finished_at", "2026-11-21T01:20:00Z"},
          {"items", std::move(items)},
          {"score",
           {{"framework", "bma-district-2568"},
            {"oit", oit},
            {"oit_min", oit},
            {"oit_max", 100.0},
            {"indicators", {{"9", 92.0}, {"9.1", 100.0}, {"10", 100.0}}},
            {"items", {{"O1", 100}, {"O15", 0}}}}}};
}

}  // namespace oitscan::test
