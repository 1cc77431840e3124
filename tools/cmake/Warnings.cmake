# SPDX-License-Identifier: Apache-2.0
# idforge_warnings: an INTERFACE target linked PRIVATE by every idforge target.
add_library(idforge_warnings INTERFACE)
target_compile_options(idforge_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wimplicit-fallthrough
  -Wno-missing-field-initializers  # designated initializers rely on member defaults
  $<$<CXX_COMPILER_ID:Clang>:-Wthread-safety>
  # GCC 12 at -O3 reports -Wrestrict/-Wstringop-overflow false positives inside std::string
  # (GCC bug 105329); they are not our code.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict -Wno-stringop-overflow>
  $<$<BOOL:${IDFORGE_WERROR}>:-Werror>)
