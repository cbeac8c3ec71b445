#pragma once
// The rule engine judges the gather stage's documents (gather/evidence.hpp); these names keep the
// rule code short.
#include "gather/evidence.hpp"

namespace oitscan::evaluate {

using gather::DocDate;
using gather::DocPart;
using gather::EvidenceDoc;

}  // namespace oitscan::evaluate
