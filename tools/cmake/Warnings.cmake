# SPDX-License-Identifier: Apache-2.0
# idforge_warnings: an INTERFACE target linked PRIVATE by every idforge target.
add_library(idforge_warnings INTERFACE)
target_compile_options(idforge_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wimplicit-fallthrough
  -Wno-missing-field-initializers  # designated initializers rely on member defaults
  $<$<CXX_COMPILER_ID:Clang>:-Wthread-safety>
  $<$<BOOL:${IDFORGE_WERROR}>:-Werror>)
