# navigator_library(<name> SOURCES ... [DEPS ...])
#   One folder, one static library. Include paths are rooted at src/, so code
#   includes "navigator/<folder>/<file>.h".
function(navigator_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
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
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
