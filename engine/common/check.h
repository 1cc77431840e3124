// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Invariant checks for bugs, never for user input (bad input is a reject or a Status).
// IDFORGE_CHECK is always on and cheap; IDFORGE_DCHECK only in debug builds.
#pragma once

#include <cstdio>
#include <cstdlib>

#define IDFORGE_CHECK(cond)                                                                    \
  do {                                                                                         \
    if (!(cond)) [[unlikely]] {                                                                \
      std::fprintf(stderr, "idforge: internal check failed at %s:%d: %s\n", __FILE__, __LINE__, \
                   #cond);                                                                     \
      std::abort();                                                                            \
    }                                                                                          \
  } while (false)

#ifdef NDEBUG
#define IDFORGE_DCHECK(cond) \
  do {                       \
  } while (false)
#else
#define IDFORGE_DCHECK(cond) IDFORGE_CHECK(cond)
#endif

#if defined(__clang__)
#define IDFORGE_LIFETIME_BOUND [[clang::lifetimebound]]
#else
#define IDFORGE_LIFETIME_BOUND
#endif
