# SPDX-License-Identifier: Apache-2.0
# Short helpers in the spirit of absl_cc_library.
#
#   idforge_add_library(idforge_read SRCS csv_reader.cc DEPS idforge_common)
#   idforge_add_test(read_csv_test SRCS csv_reader_test.cc DEPS idforge_read [LABELS slow])
#   idforge_add_benchmark(read_benchmark SRCS read_benchmark.cc DEPS idforge_read)
#   idforge_add_fuzzer(csv_reader_fuzzer SRCS csv_reader_fuzzer.cc DEPS idforge_read CORPUS dir)

function(idforge_add_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SRCS})
  target_compile_features(${name} PUBLIC cxx_std_20)
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS}
    $<BUILD_INTERFACE:idforge_warnings> $<BUILD_INTERFACE:idforge_sanitizers>)
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  set_property(GLOBAL APPEND PROPERTY IDFORGE_LIBRARIES ${name})
endfunction()

function(idforge_add_test name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT IDFORGE_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} idforge_testing GTest::gtest GTest::gmock
    GTest::gtest_main idforge_warnings idforge_sanitizers)
  # The code under test is the libraries, built with the preset's optimization; the test bodies
  # themselves (gtest macros, table setup) need no -O3, and at -O1 they compile ~40 % faster.
  target_compile_options(${name} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:-O1>)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT
    "IDFORGE_SOURCE_DIR=${PROJECT_SOURCE_DIR};IDFORGE_BINARY_DIR=${PROJECT_BINARY_DIR}")
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()

function(idforge_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main
    idforge_warnings)
  if(IDFORGE_USE_MIMALLOC)
    target_link_libraries(${name} PRIVATE mimalloc)
  endif()
endfunction()

# A fuzz target. In the fuzz preset (IDFORGE_BUILD_FUZZERS, clang) it links libFuzzer; otherwise it
# links tests/fuzz/replay_main.cc and replays its corpus under ctest, so the harnesses never bitrot.
function(idforge_add_fuzzer name)
  cmake_parse_arguments(ARG "" "CORPUS" "SRCS;DEPS" ${ARGN})
  if(IDFORGE_BUILD_FUZZERS)
    add_executable(${name} ${ARG_SRCS})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  elseif(IDFORGE_BUILD_TESTS)
    add_executable(${name} ${ARG_SRCS} ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cc)
  else()
    return()
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} idforge_warnings idforge_sanitizers)
  add_test(NAME ${name}_replay COMMAND ${name} ${ARG_CORPUS})
  set_tests_properties(${name}_replay PROPERTIES LABELS fuzz)
endfunction()
