# Runs at install time (cmake --install, and CPack for the .deb), when the real prefix is known:
# the systemd units and the sample configuration live outside the prefix on a Debian system
# (/lib/systemd/system, /etc) but under it elsewhere (--prefix /opt/oitscan → /opt/oitscan/etc).
# OITSCAN_PACKAGING_DIR and OITSCAN_STAGING_DIR are set by the install(CODE) before this script.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(unit_dir "/lib/systemd/system")
  set(sysconf_dir "/etc")
else()
  set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
  set(sysconf_dir "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(BINDIR "${CMAKE_INSTALL_PREFIX}/bin")
set(SYSCONFDIR "${sysconf_dir}")
set(staging "${OITSCAN_STAGING_DIR}")
file(MAKE_DIRECTORY "${staging}")
foreach(unit oitscan-nightly.service oitscan-nightly.timer)
  configure_file("${OITSCAN_PACKAGING_DIR}/systemd/${unit}" "${staging}/${unit}" @ONLY)
endforeach()
configure_file("${OITSCAN_PACKAGING_DIR}/oitscan.yaml" "${staging}/oitscan.yaml" @ONLY)
file(INSTALL "${staging}/oitscan-nightly.service" "${staging}/oitscan-nightly.timer" DESTINATION "${unit_dir}"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
# The submissions folder the service scans (empty: the service is skipped until units are added).
file(INSTALL "${staging}/oitscan.yaml" DESTINATION "${sysconf_dir}/oitscan" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(MAKE_DIRECTORY "$ENV{DESTDIR}${sysconf_dir}/oitscan/units")
