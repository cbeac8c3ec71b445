// Compiled with only the include roots the fetch stage has: a header of a stage below it (common)
// must be found. The positive control for upward_include.cpp.
#include "common/text.hpp"
#include "fetch/outcome.hpp"
