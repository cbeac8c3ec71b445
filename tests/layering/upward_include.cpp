// Compiled with only the include roots the fetch stage has: a header of a stage above it (check)
// must not be found, so the build refuses an upward include. This test passes when the compile fails.
#include "check/pipeline.hpp"
