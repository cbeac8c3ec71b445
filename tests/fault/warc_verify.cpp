// Verifies WARC files with the project's reader: every record's framing (version, fields,
// Content-Length, terminator) and every digest it declares. Exit 0 when all files verify, 1 with
// the file, offset and problem otherwise. Prints "records N" per file.
//
//   warc_verify FILE.warc.gz...
#include <exception>
#include <iostream>

#include "archive/warc_reader.hpp"

int main(int argc, char** argv) {
  int bad = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      oitscan::archive::WarcReader reader(argv[i]);
      std::size_t records = 0;
      while (auto rec = reader.next()) {
        ++records;
        if (!oitscan::archive::verify_digests(*rec).ok()) {
          std::cerr << argv[i] << ": record at offset " << rec->offset << " (" << rec->record_id()
                    << "): a declared digest does not match\n";
          ++bad;
        }
      }
      std::cout << argv[i] << "\trecords " << records << "\n";
    } catch (const std::exception& e) {
      std::cerr << argv[i] << ": " << e.what() << "\n";
      ++bad;
    }
  }
  return bad == 0 ? 0 : 1;
}
