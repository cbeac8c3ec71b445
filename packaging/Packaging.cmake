# Installation of everything but the binary and the data folders (those are installed where they
# are built) and the Debian package (CPack DEB). `cmake --install build --prefix P` and
# `cpack --config build/CPackConfig.cmake` both use these rules; tests/packaging checks the result.
set(pkg_src "${PROJECT_SOURCE_DIR}/packaging")
set(pkg_out "${PROJECT_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${pkg_out}")

# Debian wants manual pages and changelogs gzipped with no timestamp (-n), for reproducibility.
# The version has no Debian revision (a native package), so the changelog is changelog.gz.
find_program(GZIP_PROGRAM gzip REQUIRED)
foreach(pair "oitscan.1|oitscan.1.gz" "changelog|changelog.gz")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  add_custom_command(OUTPUT "${pkg_out}/${to}"
    COMMAND "${GZIP_PROGRAM}" -9nc "${pkg_src}/${from}" > "${pkg_out}/${to}"
    DEPENDS "${pkg_src}/${from}" VERBATIM)
  list(APPEND pkg_gz "${pkg_out}/${to}")
endforeach()
add_custom_target(oitscan_packaging_files ALL DEPENDS ${pkg_gz})

install(FILES "${pkg_out}/oitscan.1.gz" DESTINATION share/man/man1)
install(FILES "${pkg_src}/completion/oitscan" DESTINATION share/bash-completion/completions)
install(FILES "${pkg_src}/copyright" "${pkg_out}/changelog.gz" DESTINATION share/doc/oitscan)
install(FILES "${PROJECT_SOURCE_DIR}/examples/demo/bangna.yaml" DESTINATION share/doc/oitscan/examples)
install(CODE "set(OITSCAN_PACKAGING_DIR \"${pkg_src}\")\nset(OITSCAN_STAGING_DIR \"${pkg_out}/system-files\")")
install(SCRIPT "${pkg_src}/install-system-files.cmake")

# The .deb: cpack -G DEB (tests/packaging runs it).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "oitscan")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "oitscan maintainers <maintainers@users.noreply.b-seed-1e33bbc7.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks Thai public-sector OIT disclosures and computes ITA scores")
# Lines of at most 80 characters (lintian: extended-description-line-too-long).
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "oitscan fetches the URLs a Thai public-sector unit submits for the Open"
  "Integrity and Transparency Assessment (OIT) of the ITA, reads HTML, PDF"
  "(with OCR), Word, Excel and CSV in Thai, applies a versioned rule file per"
  "item and says pass, fail or unverified, with the reason and the fix in Thai"
  "and English, archiving the evidence as WARC. It also computes the ITA scores."
  "A systemd timer runs a nightly scan of many units.")
set(CPACK_DEBIAN_PACKAGE_SECTION "web")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Run-time data the binary does not link: the Thai OCR model, and Thai fonts are not needed.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tesseract-ocr-tha")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${pkg_src}/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Install with DESTDIR and prefix /usr, so the units and /etc/oitscan land outside the prefix.
set(CPACK_SET_DESTDIR ON)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
include(CPack)
