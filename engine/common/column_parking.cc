// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/column_parking.h"

#include <algorithm>
#include <cstring>

#include <oneapi/tbb/parallel_for.h>
#include <zstd.h>

#include "engine/common/check.h"

namespace idforge {

// Friend of StringColumn: moves its buffers in and out of compressed frames.
class ColumnParking {
 public:
  static ParkedFields::Column Park(StringColumn& column) {
    ParkedFields::Column out;
    if (!column.materialized_ || column.parked_) return out;
    out.parked = true;
    out.value_bytes = column.bytes_.size();
    out.offset_count = column.rel_offsets_.size();
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    IDFORGE_CHECK(cctx != nullptr);
    Compress(cctx, column.bytes_.data(), column.bytes_.size(), out.frames);
    Compress(cctx, column.rel_offsets_.data(), column.rel_offsets_.size() * sizeof(uint32_t), out.frames);
    ZSTD_freeCCtx(cctx);
    out.frames.shrink_to_fit();
    std::vector<char>().swap(column.bytes_);
    std::vector<uint32_t>().swap(column.rel_offsets_);
    column.parked_ = true;
    return out;
  }

  static void Restore(StringColumn& column, ParkedFields::Column& parked) {
    if (!parked.parked) return;
    column.bytes_.resize(parked.value_bytes);
    column.rel_offsets_.resize(parked.offset_count);
    size_t pos = 0;
    Decompress(parked.frames, pos, column.bytes_.data(), parked.value_bytes);
    Decompress(parked.frames, pos, column.rel_offsets_.data(), parked.offset_count * sizeof(uint32_t));
    IDFORGE_CHECK(pos == parked.frames.size());
    std::string().swap(parked.frames);
    column.parked_ = false;
  }

 private:
  // Chunks keep each compression call's scratch small and cache-resident.
  static constexpr size_t kChunkBytes = size_t{4} << 20;
  static constexpr int kLevel = 1;

  static void Compress(ZSTD_CCtx* cctx, const void* data, size_t size, std::string& out) {
    const auto* bytes = static_cast<const char*>(data);
    for (size_t begin = 0; begin < size; begin += kChunkBytes) {
      const size_t chunk = std::min(kChunkBytes, size - begin);
      const size_t header = out.size();
      out.resize(header + sizeof(uint32_t) + ZSTD_compressBound(chunk));
      const size_t written = ZSTD_compressCCtx(cctx, out.data() + header + sizeof(uint32_t),
                                               out.size() - header - sizeof(uint32_t), bytes + begin,
                                               chunk, kLevel);
      IDFORGE_CHECK(!ZSTD_isError(written));
      const auto frame = static_cast<uint32_t>(written);
      std::memcpy(out.data() + header, &frame, sizeof(frame));
      out.resize(header + sizeof(uint32_t) + written);
    }
  }

  static void Decompress(const std::string& frames, size_t& pos, void* data, size_t size) {
    auto* bytes = static_cast<char*>(data);
    for (size_t begin = 0; begin < size; begin += kChunkBytes) {
      const size_t chunk = std::min(kChunkBytes, size - begin);
      uint32_t frame = 0;
      IDFORGE_CHECK(pos + sizeof(frame) <= frames.size());
      std::memcpy(&frame, frames.data() + pos, sizeof(frame));
      pos += sizeof(frame);
      const size_t read = ZSTD_decompress(bytes + begin, chunk, frames.data() + pos, frame);
      IDFORGE_CHECK(!ZSTD_isError(read) && read == chunk);
      pos += frame;
    }
  }
};

namespace {

// Column `index` in ParkedFields' numbering.
StringColumn& ColumnAt(RecordTable& table, size_t index) {
  if (index < kFieldCount) return table.mutable_field(static_cast<Field>(index));
  if (index - kFieldCount < table.extra_names().size()) return table.mutable_extra(index - kFieldCount);
  return table.mutable_updated_at_column();
}

}  // namespace

ParkedFields ParkedFields::Park(RecordTable& table, std::string_view readable_prefix, ExecContext& ctx) {
  ParkedFields parked;
  const size_t columns = kFieldCount + table.extra_names().size() + 1;
  parked.columns_.resize(columns);
  ctx.task_arena().execute([&] {
    tbb::parallel_for(size_t{0}, columns, [&](size_t index) {
      const size_t extra = index - kFieldCount;
      if (index >= kFieldCount && extra < table.extra_names().size() && !readable_prefix.empty() &&
          table.extra_names()[extra].starts_with(readable_prefix)) {
        return;
      }
      parked.columns_[index] = ColumnParking::Park(ColumnAt(table, index));
    }, tbb::simple_partitioner());
  });
  for (const Column& column : parked.columns_) {
    if (!column.parked) continue;
    parked.raw_bytes_ += column.value_bytes + column.offset_count * sizeof(uint32_t);
    parked.compressed_bytes_ += column.frames.size();
  }
  return parked;
}

void ParkedFields::Restore(RecordTable& table, ExecContext& ctx) {
  if (columns_.empty()) return;
  ctx.task_arena().execute([&] {
    tbb::parallel_for(size_t{0}, columns_.size(), [&](size_t index) {
      ColumnParking::Restore(ColumnAt(table, index), columns_[index]);
    }, tbb::simple_partitioner());
  });
  columns_.clear();
}

}  // namespace idforge
