#pragma once
// Checks one curl-style --resolve entry (HOST:PORT:ADDR[,ADDR]...; ADDR may be a [bracketed] IPv6).
#include <string>

namespace oitscan::fetch {

// Throws std::invalid_argument naming the entry and what is wrong with it.
void validate_resolve_entry(const std::string& entry);

}  // namespace oitscan::fetch
