#pragma once
// First pass over a parsed HTML page: where its main content is, and which elements contain a
// <table>. The extractor's second pass routes text to the page or to chrome parts with these.
#include <gumbo.h>

#include <string>
#include <unordered_set>

#include "extract/structure_rules.hpp"

namespace oitscan::extract {

struct HtmlRegions {
  // The main-content elements: <main>/role=main when the page has one; else <article>s; else
  // elements whose id/class names main content. Empty when the page marks none: then all of it
  // is content except the chrome its elements declare.
  std::unordered_set<const GumboNode*> main;
  std::unordered_set<const GumboNode*> holds_table;  // elements with a <table> inside (or being one)
};

HtmlRegions find_regions(const GumboNode* root, const ChromeRules& rules);

ElementMarks marks_of(const GumboNode* element);  // tag name, id, class and role of an element

}  // namespace oitscan::extract
