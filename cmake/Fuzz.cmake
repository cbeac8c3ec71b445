# libFuzzer build (scripts/fuzz.sh): clang only. Every library gets coverage instrumentation and
# ASan+UBSan; the fuzz targets link the libFuzzer driver (tests/fuzz/CMakeLists.txt).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "OITSCAN_FUZZ=ON needs clang: CC=clang CXX=clang++")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
