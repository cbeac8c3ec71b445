# Every library comes from Debian 12 packages installed by scripts/install-deps.sh.
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)                                   # CURL::libcurl
find_package(LibXml2 REQUIRED)                                # LibXml2::LibXml2
find_package(SQLite3 REQUIRED)                                # SQLite::SQLite3
find_package(ICU REQUIRED COMPONENTS uc i18n data)            # ICU::uc ICU::i18n
find_package(nlohmann_json 3.11 REQUIRED)                     # nlohmann_json::nlohmann_json
find_package(yaml-cpp REQUIRED)                               # yaml-cpp (0.7: no namespace)
find_package(CLI11 REQUIRED)                                  # CLI11::CLI11
find_package(OpenSSL REQUIRED)                                # OpenSSL::Crypto (sha256)
find_package(TBB REQUIRED)                                    # TBB::tbb (common/cpu_pool: the CPU pool)
find_package(ZLIB REQUIRED)                                   # ZLIB::ZLIB (gzip members of .warc.gz)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS url json)  # Boost::headers Boost::url Boost::json

find_package(PkgConfig REQUIRED)
pkg_check_modules(GUMBO       REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBMAGIC    REQUIRED IMPORTED_TARGET libmagic)
pkg_check_modules(LIBZIP      REQUIRED IMPORTED_TARGET libzip)  # libzip's CMake config is broken on bookworm
pkg_check_modules(ARGON2      REQUIRED IMPORTED_TARGET libargon2)  # auditor passwords (serve)
pkg_check_modules(BROTLIDEC   REQUIRED IMPORTED_TARGET libbrotlidec)  # fetch: br content coding
pkg_check_modules(LIBPQ       REQUIRED IMPORTED_TARGET libpq)  # queue: PostgreSQL as job queue (scale-out)

# Mark third-party include dirs as SYSTEM so -Werror applies to our code only.
foreach(tgt CURL::libcurl LibXml2::LibXml2 nlohmann_json::nlohmann_json yaml-cpp CLI11::CLI11
            Boost::headers PkgConfig::GUMBO PkgConfig::POPPLER_CPP PkgConfig::LIBMAGIC PkgConfig::LIBZIP TBB::tbb PkgConfig::LIBPQ)
  if(TARGET ${tgt})
    get_target_property(_inc ${tgt} INTERFACE_INCLUDE_DIRECTORIES)
    if(_inc)
      set_target_properties(${tgt} PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${_inc}")
    endif()
  endif()
endforeach()
