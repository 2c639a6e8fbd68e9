# navigator_library(<name> SOURCES ... [DEPS ...])
#   One folder, one static library. Include paths are rooted at src/, so code
#   includes "navigator/<folder>/<file>.h".
function(navigator_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  _navigator_reuse_pch(${name} navigator_pch_library)
endfunction()

# navigator_test(<name> SOURCES ... [DEPS ...] [LABELS ...])
#   A GoogleTest binary registered with CTest, one CTest entry per test case.
function(navigator_test name)
  if(NOT NAVIGATOR_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest GTest::gtest_main)
  _navigator_reuse_pch(${name} navigator_pch_test)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# Precompiled headers. Parsing the standard library, Boost.JSON, fmt and
# GoogleTest took about 40 % of a translation unit's compile time, so every
# library shares one precompiled cmake/pch/library.h and every test one
# cmake/pch/test.h, each compiled once per build. GCC uses a precompiled
# header only when the macros it depends on are defined alike, so the users
# link the same macro-defining targets as the owner (Boost::json, fmt; and
# -pthread is on everywhere, cmake/Dependencies.cmake); a mismatch fails the build
# (-Winvalid-pch with -Werror) instead of silently compiling without it.
# NAVIGATOR_PRECOMPILE_HEADERS=OFF checks that every file includes what it
# uses.
option(NAVIGATOR_PRECOMPILE_HEADERS "Share precompiled standard and third-party headers" ON)
set(_navigator_pch_deps Boost::json fmt::fmt)
if(NAVIGATOR_PRECOMPILE_HEADERS)
  add_library(navigator_pch_library OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/anchor.cc)
  target_link_libraries(navigator_pch_library PRIVATE ${_navigator_pch_deps})
  target_precompile_headers(navigator_pch_library PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/library.h)
  if(NAVIGATOR_BUILD_TESTS)
    add_library(navigator_pch_test OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/anchor.cc)
    target_link_libraries(navigator_pch_test PRIVATE ${_navigator_pch_deps} GTest::gmock GTest::gtest)
    target_precompile_headers(navigator_pch_test PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/test.h)
  endif()
endif()

function(_navigator_reuse_pch target owner)
  if(NAVIGATOR_PRECOMPILE_HEADERS)
    target_link_libraries(${target} PRIVATE ${_navigator_pch_deps})
    target_precompile_headers(${target} REUSE_FROM ${owner})
  endif()
endfunction()
