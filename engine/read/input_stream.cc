// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
// PLACEHOLDER: being written; replaced before the first commit.
#include "engine/read/input_stream.h"
namespace idforge::read {
Result<std::unique_ptr<InputStream>> InputStream::Open(const std::string&, Compression, Encoding) {
  return Internal("not yet");
}
}  // namespace idforge::read
