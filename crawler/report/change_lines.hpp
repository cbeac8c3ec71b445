#pragma once
// What changed for a unit since its previous night, as lines a person reads: Thai first, English
// after, regressions marked so the dashboard lists them first.
#include <map>
#include <string>
#include <vector>

#include "store/history_store.hpp"

namespace oitscan::report {

struct ChangeLine {
  std::string item;     // "" for a document change
  std::string text_th;  // "O15 ผ่าน → ไม่ผ่าน เมื่อคืน" (plain text, escaped when shown)
  std::string text_en;  // "O15: pass → fail"
  bool regression = false;
};

// Regressions first, then the rest, each in the order of `changes`.
std::vector<ChangeLine> change_lines(const store::Changes& changes);

// Items failing on several nights in a row, "O15 ไม่ผ่านติดต่อกัน 3 คืน": item -> nights, for
// streaks of at least `min_nights`.
std::map<std::string, int> failing_streaks(const std::map<std::string, std::vector<std::string>>& item_history,
                                           int min_nights);

const char* verdict_th(const std::string& verdict);

}  // namespace oitscan::report
