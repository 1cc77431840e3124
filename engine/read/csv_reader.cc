// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
// PLACEHOLDER: being written; replaced before the first commit.
#include "engine/read/csv_reader.h"
namespace idforge::read {
Status ReadCsv(const SourceSpec&, InputStream&, uint16_t, const ReadOptions&, RecordTable&,
               ExecContext&, SourceReadStats&) {
  return Internal("not yet");
}
}  // namespace idforge::read
