#pragma once
// A scoring framework (one assessment year) as plain data, loaded from rules/frameworks/<id>.yaml.
// The engine knows nothing about any particular year: everything year-specific lives here.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "score/exact.hpp"

namespace oitscan::score {

// How answer counts turn into a score: options in the order the counts are given, and the
// score each option earns (e.g. 6-level 0/20/…/100, reversed, yes/no where "ไม่มี" is good).
struct Scale {
  std::string id;
  std::vector<std::string> options;
  std::vector<Exact> scores;
};

enum class NodeKind { Tool, Indicator, Subindicator, Question, SubItem, Item };

// What an aggregate node is the mean of. The years differ here: IIT 2567 is the mean of its
// questions, IIT 2565 the mean of its indicators; OIT sub-indicators 2565 are the mean of their
// items even where sub-sub-indicators sit in between.
enum class Aggregate { Children, Questions, Items };

struct Node {
  std::string id;
  NodeKind kind = NodeKind::Item;
  std::string name_th;
  std::string name_en;
  int parent = -1;
  std::vector<int> children;
  Aggregate aggregate = Aggregate::Children;
  int scale = -1;   // leaf questions and sub-items: index into Framework::scales
  Exact weight;     // tools: weight in the total
  int line = 0;     // where it is defined in the framework file
};

struct RatingLevel {
  std::string code;
  std::string th;
  std::string en;
  Exact min_total;                     // the level needs total >= this (2-decimal score)
  std::optional<Exact> min_each_tool;  // and, where set, every tool >= this
};

struct Framework {
  std::string id;
  std::string title_th;
  std::string title_en;
  int fiscal_year = 0;
  std::filesystem::path file;

  int decimals = 2;
  bool round_each_level = true;  // round every computed figure before aggregating it upward
  bool grade_each_level = false; // also grade every node with the rating table's ranges

  std::vector<Scale> scales;
  std::vector<Node> nodes;  // in file order; tools first-level
  std::vector<int> tools;
  std::vector<RatingLevel> rating;  // best first

  int find(std::string_view node_id) const;  // -1 when unknown
  const Node& node(int i) const { return nodes[static_cast<std::size_t>(i)]; }

  std::map<std::string, int, std::less<>> by_id;  // node id -> index in nodes
};

std::string_view kind_name(NodeKind kind);

}  // namespace oitscan::score
