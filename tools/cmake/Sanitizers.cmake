# SPDX-License-Identifier: Apache-2.0
# idforge_sanitizers: IDFORGE_SANITIZE="address,undefined" or "thread".
add_library(idforge_sanitizers INTERFACE)
if(IDFORGE_SANITIZE)
  target_compile_options(idforge_sanitizers INTERFACE
    -fsanitize=${IDFORGE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(idforge_sanitizers INTERFACE -fsanitize=${IDFORGE_SANITIZE})
endif()
