#include "extract/html_regions.hpp"

#include <vector>

namespace oitscan::extract {
namespace {

std::string_view attr_or_empty(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }

}  // namespace

ElementMarks marks_of(const GumboNode* element) {
  ElementMarks m;
  m.tag = gumbo_normalized_tagname(element->v.element.tag);
  if (m.tag.empty()) {
    // Unknown tags: gumbo keeps the original spelling only; they never name chrome by tag.
    m.tag = "unknown";
  }
  m.id = attr_or_empty(element, "id");
  m.cls = attr_or_empty(element, "class");
  m.role = attr_or_empty(element, "role");
  return m;
}

HtmlRegions find_regions(const GumboNode* root, const ChromeRules& rules) {
  HtmlRegions r;
  std::vector<const GumboNode*> by_main_markup, by_article, by_name;
  std::vector<const GumboNode*> todo{root};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    const GumboVector* kids = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) kids = &n->v.document.children;
    if (is_element(n)) {
      const GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) continue;
      kids = &n->v.element.children;
      if (tag == GUMBO_TAG_TABLE) {
        for (const GumboNode* up = n; up != nullptr && r.holds_table.insert(up).second; up = up->parent) {
        }
      }
      const ElementMarks m = marks_of(n);
      if (rules.is_main_by_markup(m)) (m.tag == "article" ? by_article : by_main_markup).push_back(n);
      else if (rules.is_main_by_name(m)) by_name.push_back(n);
    }
    if (kids == nullptr) continue;
    for (unsigned i = kids->length; i-- > 0;) todo.push_back(static_cast<const GumboNode*>(kids->data[i]));
  }
  // A candidate inside declared chrome (an <article> in a sidebar's "latest news", a "content"
  // div of a widget) is not the page's main content.
  auto inside_chrome = [&](const GumboNode* n) {
    for (const GumboNode* up = n->parent; up != nullptr && is_element(up); up = up->parent) {
      if (!rules.chrome_kind(marks_of(up), false, r.holds_table.count(up) != 0).empty()) return true;
    }
    return false;
  };
  for (const auto* tier : {&by_main_markup, &by_article, &by_name}) {
    for (const GumboNode* n : *tier) {
      if (!inside_chrome(n)) r.main.insert(n);
    }
    if (!r.main.empty()) break;
  }
  return r;
}

}  // namespace oitscan::extract
