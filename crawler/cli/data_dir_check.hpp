#pragma once
// The data folder (rules, frameworks, report templates) must be there before any command reads
// from it: an OITSCAN_DATA_DIR that names a wrong folder otherwise shows up as an empty list
// (`frameworks` printed nothing and exited 0) or a confusing error much later.
namespace oitscan::cli {

// Throws InputError naming OITSCAN_DATA_DIR (or the folder found without it) and what is missing.
void require_data_dir();

}  // namespace oitscan::cli
