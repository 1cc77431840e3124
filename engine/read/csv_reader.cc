// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// ReadCsv: windows of decoded text, split into chunks at newlines, parsed speculatively in
// parallel (each chunk assumes it starts at a record), then checked and appended in file order.
// A chunk whose guess was wrong (a quoted newline at its start) is parsed again from the true
// record boundary, so the result never depends on the chunking or the thread count.
#include "engine/read/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include <oneapi/tbb/parallel_pipeline.h>

#include "engine/read/byte_buffer.h"
#include "engine/read/csv_parser.h"
#include "engine/read/csv_scan.h"
#include "engine/read/source_appender.h"
#include "engine/read/table_builder.h"

namespace idforge::read {
namespace {

constexpr size_t kDetectSampleBytes = size_t{64} << 10;
constexpr size_t kDetectRecords = 50;
constexpr size_t kReadStepBytes = size_t{1} << 20;  // page-cache reads are fastest at <= 1 MiB
// Chunk tables address a chunk with 32-bit offsets; a chunk may grow by one record past its end.
constexpr size_t kMaxChunkBytes = size_t{1} << 30;

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "\\t";
  return std::string(1, delimiter);
}

// The decoded input, held one window at a time: text()[0] is decoded offset `base`.
//
// Two buffers: while the parse tasks read the current window, the pipeline's serial input stage
// reads the next window's bytes into the other buffer (Prefetch), behind a gap that the current
// window's unparsed tail is copied into (Consume). Reading no longer leaves the other threads
// idle between windows.
class Window {
 public:
  Window(InputStream& input, size_t window_bytes)
      : input_(input), gap_(std::clamp<size_t>(window_bytes / 8, 4096, size_t{1} << 20)) {}

  // Reads until text() holds at least `bytes` bytes or the input ends.
  //
  // Performance: the window is 64 MiB; touched first in 4 KiB pages it cost ~16 K page faults
  // per copy (perf record -e page-faults on BM_ReadCsvFile_Large), so it is sized once with
  // headroom (the header and a record crossing the window's end fit) and advised for huge pages
  // before anything is written to it (ByteBuffer). Bytes are read() straight into it.
  Status FillTo(size_t bytes) {
    ByteBuffer& buffer = buffers_[current_];
    const size_t end = start_ + bytes;
    if (buffer.capacity() < end) buffer.Reserve(end + bytes / 16 + kReadStepBytes);
    while (!eof_ && buffer.size() < end) {
      const size_t want = std::min(kReadStepBytes, end - buffer.size());
      Result<size_t> got = input_.ReadInto(buffer.data() + buffer.size(), want);
      if (!got.ok()) return got.status();
      if (*got == 0) eof_ = true;
      buffer.Resize(buffer.size() + *got);
      decoded_bytes_ += *got;
    }
    return Status::Ok();
  }

  // Reads up to `bytes` of the input that follow text() into the other buffer, for the next
  // Consume. Runs while tasks read text(), which it does not touch. At most once per window.
  Status Prefetch(size_t bytes) {
    ByteBuffer& spare = buffers_[1 - current_];
    spare.Reserve(gap_ + bytes + bytes / 16 + kReadStepBytes);
    spare.Resize(gap_);
    prefetched_ = true;
    while (!eof_ && spare.size() < gap_ + bytes) {
      const size_t want = std::min(kReadStepBytes, gap_ + bytes - spare.size());
      Result<size_t> got = input_.ReadInto(spare.data() + spare.size(), want);
      if (!got.ok()) return got.status();
      if (*got == 0) eof_ = true;
      spare.Resize(spare.size() + *got);
      decoded_bytes_ += *got;
    }
    return Status::Ok();
  }

  // Drops the bytes before `pos` of text(); they are all appended. Prefetched bytes follow what
  // is left.
  void Consume(size_t pos) {
    ByteBuffer& buffer = buffers_[current_];
    const std::string_view tail = text().substr(pos);
    if (prefetched_) {
      ByteBuffer& spare = buffers_[1 - current_];
      if (tail.size() <= gap_) {
        std::memcpy(spare.data() + gap_ - tail.size(), tail.data(), tail.size());
        start_ = gap_ - tail.size();
        current_ = 1 - current_;
      } else {  // a long record crosses the window's end: move it, then the prefetched bytes
        buffer.Erase(start_ + pos);
        start_ = 0;
        buffer.Append(spare.data() + gap_, spare.size() - gap_);
        spare.Clear();
      }
      prefetched_ = false;
    } else {
      buffer.Erase(start_ + pos);
      start_ = 0;
    }
    base_ += pos;
  }

  std::string_view text() const { return buffers_[current_].view().substr(start_); }
  // True when the input is read to its end and all of it is in text().
  bool eof() const { return eof_ && !prefetched_; }
  // True while a Prefetch is worth doing: more input may follow text().
  bool can_prefetch() const { return !eof_ && !prefetched_; }
  uint64_t base() const { return base_; }
  uint64_t decoded_bytes() const { return decoded_bytes_; }

 private:
  InputStream& input_;
  size_t gap_;  // room kept before prefetched bytes for the previous window's unparsed tail
  ByteBuffer buffers_[2];
  int current_ = 0;
  size_t start_ = 0;  // text() begins at buffers_[current_].data() + start_
  bool prefetched_ = false;
  bool eof_ = false;
  uint64_t base_ = 0;
  uint64_t decoded_bytes_ = 0;
};

// Boundaries of the chunks of [begin, text.size()): each ends just after a newline near a
// multiple of `chunk_bytes`, or at the end of the text.
std::vector<size_t> ChunkBoundaries(std::string_view text, size_t begin, size_t chunk_bytes) {
  std::vector<size_t> bounds{begin};
  size_t pos = begin;
  while (pos < text.size()) {
    size_t next = pos + std::clamp<size_t>(chunk_bytes, 1, kMaxChunkBytes);
    if (next >= text.size()) {
      next = text.size();
    } else {
      const size_t newline = csv::FindNewline(text.data(), next - 1, text.size());
      next = newline == text.size() ? newline : newline + 1;
    }
    bounds.push_back(next);
    pos = next;
  }
  return bounds;
}

// A chunk's parse result, reused from chunk to chunk so its buffers stay warm.
struct Slot {
  ParsedChunk chunk;
  csv::RangeEnd range;
};

// The slots of a source; about two per pipeline token are ever in use.
class SlotPool {
 public:
  Slot* Get() {
    const std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<Slot>());
      return all_.back().get();
    }
    Slot* slot = free_.back();
    free_.pop_back();
    return slot;
  }
  void Put(Slot* slot) {
    if (slot == nullptr) return;
    slot->chunk.Clear();
    const std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(slot);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Slot>> all_;
  std::vector<Slot*> free_;
};

// Everything the per-window pipeline shares.
struct SourceState {
  const csv::Dialect& dialect;
  const SourceLayout& layout;
  std::span<const std::string> header;
  std::span<const std::string> extra_names;
  uint16_t source_idx;
  bool check_utf8;
  SourceAppender& appender;
  SlotPool& slots;
  // The decoded size of the whole input for SourceAppender::MaybeReserve, or 0 when unknown
  // (compressed input).
  uint64_t total_bytes = 0;
  Window* window = nullptr;  // for Prefetch from the serial input stage
  size_t window_bytes = 0;
  uint64_t line = 1;  // absolute line of the next record start
};

// Parses and appends every record that starts in the window text from `begin`. Returns the offset
// of the first record left for the next window (the window's end unless a record crosses it).
Result<size_t> ParseWindow(std::string_view text, size_t begin, bool final, uint64_t base,
                           const ReadOptions& options, SourceState& state, ExecContext& ctx) {
  const std::vector<size_t> bounds = ChunkBoundaries(text, begin, options.chunk_bytes);
  const size_t chunk_count = bounds.size() - 1;
  std::vector<Slot*> slots(chunk_count, nullptr);
  size_t next_chunk = 0;
  size_t cursor = begin;   // the true start of the next record, known in the serial stage
  bool stopped = false;    // a record crosses the window end: the rest waits for more input
  std::atomic<bool> failed{false};
  Status status;
  // TBB already runs each serial filter one call at a time, in order, with the hand-offs ordered.
  // These uncontended locks (taken once per chunk) make that ordering explicit in the code, so
  // ThreadSanitizer, which cannot see inside the uninstrumented libtbb, can check the rest.
  std::mutex input_mu;
  std::mutex slots_mu;
  std::mutex serial_mu;

  // The next window is read while chunks of this one are in flight (two are, by the third call
  // of the input stage), so the read overlaps parsing; a failure stops the pipeline like a
  // failed append.
  const size_t prefetch_at = std::min<size_t>(2, chunk_count - 1);
  Status read_status;
  auto prefetch = [&] {
    if (state.window == nullptr || !state.window->can_prefetch()) return;
    read_status = state.window->Prefetch(state.window_bytes);
    if (!read_status.ok()) failed.store(true, std::memory_order_relaxed);
  };
  auto parse_range = [&](size_t range_begin, size_t range_end) {
    Slot* slot = state.slots.Get();
    slot->chunk.Clear();
    csv::ChunkParser parser(state.dialect, state.layout, state.header, state.extra_names,
                            state.source_idx, state.check_utf8);
    slot->range = parser.Parse(text, range_begin, range_end, final, slot->chunk);
    return slot;
  };
  auto parse = [&](size_t index) {
    Slot* slot = parse_range(bounds[index], bounds[index + 1]);
    const std::lock_guard<std::mutex> lock(slots_mu);
    slots[index] = slot;
  };
  auto append = [&](size_t index) {
    Slot* slot = nullptr;
    {
      const std::lock_guard<std::mutex> lock(slots_mu);
      slot = slots[index];
      slots[index] = nullptr;
    }
    const std::lock_guard<std::mutex> lock(serial_mu);
    const size_t chunk_begin = bounds[index];
    const size_t chunk_end = bounds[index + 1];
    if (slot == nullptr || stopped || failed.load(std::memory_order_relaxed) ||
        cursor >= chunk_end) {  // the last case: the previous record covers this whole chunk
      state.slots.Put(slot);
      return;
    }
    if (cursor != chunk_begin) {
      // The guess was wrong (the chunk began inside a quoted field): parse again from the truth.
      state.slots.Put(slot);
      slot = parse_range(cursor, chunk_end);
    }
    const uint64_t lines = slot->chunk.lines;
    Status appended = state.appender.Append(std::move(slot->chunk), state.line, base + cursor);
    state.line += lines;
    cursor = slot->range.next;
    stopped = slot->range.incomplete;
    state.slots.Put(slot);
    // Per chunk, not per window: the store's columns are sized before they grow past the first
    // chunk, so they are written once, on huge pages, and never copied by doubling.
    if (state.total_bytes != 0) state.appender.MaybeReserve(base + cursor, state.total_bytes);
    if (!appended.ok()) {
      status = std::move(appended);
      failed.store(true, std::memory_order_relaxed);
    }
  };

  const auto tokens = static_cast<size_t>(std::max(2, 2 * ctx.threads()));
  ctx.task_arena().execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, size_t>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> size_t {
                                         const std::lock_guard<std::mutex> lock(input_mu);
                                         if (next_chunk == chunk_count ||
                                             failed.load(std::memory_order_relaxed) ||
                                             ctx.cancelled()) {
                                           fc.stop();
                                           return 0;
                                         }
                                         if (next_chunk == prefetch_at) prefetch();
                                         return next_chunk++;
                                       }) &
            tbb::make_filter<size_t, size_t>(tbb::filter_mode::parallel,
                                             [&](size_t index) {
                                               if (!failed.load(std::memory_order_relaxed)) {
                                                 parse(index);
                                               }
                                               return index;
                                             }) &
            tbb::make_filter<size_t, void>(tbb::filter_mode::serial_in_order, append));
  });
  const std::lock_guard<std::mutex> lock(serial_mu);  // see the last append's writes
  const std::lock_guard<std::mutex> input_lock(input_mu);  // and the prefetch's (Window state)
  for (Slot* slot : slots) state.slots.Put(slot);    // chunks skipped after a failure
  if (!read_status.ok()) return read_status;
  if (!status.ok()) return status;
  if (ctx.cancelled()) return Status(StatusCode::kCancelled, "reading was cancelled");
  return cursor;
}

}  // namespace

std::optional<char> DetectDelimiter(std::string_view sample) {
  sample = sample.substr(0, std::min(sample.size(), kDetectSampleBytes));
  std::optional<char> best;
  double best_consistency = 0;
  uint32_t best_fields = 0;
  for (char candidate : {',', ';', '\t', '|'}) {
    const std::vector<uint32_t> counts = csv::CountFields(sample, candidate, kDetectRecords);
    if (counts.empty() || counts[0] < 2) continue;
    const auto matching = std::count(counts.begin(), counts.end(), counts[0]);
    const double consistency = static_cast<double>(matching) / static_cast<double>(counts.size());
    // Ties keep the earlier candidate, so comma wins them.
    if (!best || consistency > best_consistency ||
        (consistency == best_consistency && counts[0] > best_fields)) {
      best = candidate;
      best_consistency = consistency;
      best_fields = counts[0];
    }
  }
  return best;
}

Status ReadCsv(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
               const ReadOptions& options, RecordTable& table, ExecContext& ctx,
               SourceReadStats& stats) {
  Window window(input, std::max<size_t>(options.window_bytes, 1));
  const size_t window_bytes = std::max<size_t>(options.window_bytes, 1);
  IDFORGE_RETURN_IF_ERROR(window.FillTo(std::max(window_bytes, kDetectSampleBytes)));

  csv::Dialect dialect{.delimiter = ',', .trim = spec.trim};
  if (spec.delimiter) {
    if (*spec.delimiter == '"' || *spec.delimiter == '\n' || *spec.delimiter == '\r') {
      return InvalidArgument(spec.path + ": source \"" + spec.name +
                             "\": a quote or line break cannot be the CSV delimiter; set "
                             "\"delimiter\" to one of , ; | or a tab, or leave it out to detect it");
    }
    dialect.delimiter = *spec.delimiter;
    stats.delimiter_detected = false;
  } else {
    dialect.delimiter = DetectDelimiter(window.text()).value_or(',');
    stats.delimiter_detected = true;
  }
  stats.delimiter = DelimiterName(dialect.delimiter);

  // The header: the first non-blank record, however many windows it takes.
  csv::HeaderScan header = csv::ScanHeader(window.text(), window.eof(), dialect);
  while (header.kind == csv::HeaderScan::Kind::kIncomplete) {
    IDFORGE_RETURN_IF_ERROR(window.FillTo(window.text().size() * 2 + window_bytes));
    header = csv::ScanHeader(window.text(), window.eof(), dialect);
  }
  SourceAppender appender(spec, source_idx, !spec.id_column.empty(), table, ctx,
                          options.on_error);
  auto finish_stats = [&] {
    stats.decoded_bytes = window.decoded_bytes();
    stats.records_read = appender.records();
    stats.accepted = appender.accepted();
    stats.rejected = appender.rejected();
    stats.blank_lines = appender.blank_lines() + header.blank_lines;
  };
  if (header.kind == csv::HeaderScan::Kind::kEmpty) {  // only blank lines, all of them read
    finish_stats();
    return Status::Ok();
  }
  if (header.kind == csv::HeaderScan::Kind::kError) {
    return InvalidArgument(spec.path + ": source \"" + spec.name +
                           "\": cannot read the CSV header: " + header.error +
                           ". Fix the first line of the file.");
  }
  IDFORGE_ASSIGN_OR_RETURN(SourceLayout layout,
                           SourceLayout::ForHeader(spec, header.names, table.extra_names()));
  stats.unmapped_columns = layout.unmapped_columns();

  SlotPool slot_pool;
  SourceState state{.dialect = dialect,
                    .layout = layout,
                    .header = header.names,
                    .extra_names = table.extra_names(),
                    .source_idx = source_idx,
                    .check_utf8 = spec.encoding == Encoding::kUtf8,
                    .appender = appender,
                    .slots = slot_pool,
                    .total_bytes =
                        input.compression() == Compression::kNone ? input.file_bytes() : 0,
                    .window = &window,
                    .window_bytes = window_bytes,
                    .line = 1 + header.lines};
  size_t pos = header.end;
  size_t want = window_bytes;  // bytes to hold beyond `pos`; grows while one record needs more
  for (;;) {
    IDFORGE_RETURN_IF_ERROR(window.FillTo(pos + want));
    const std::string_view text = window.text();
    if (pos == text.size() && window.eof()) break;
    IDFORGE_ASSIGN_OR_RETURN(const size_t next, ParseWindow(text, pos, window.eof(), window.base(),
                                                            options, state, ctx));
    ctx.Progress("read", window.base() + next, input.file_bytes());
    if (next == text.size() && window.eof()) break;
    // Either the window was used up, or one record crosses its end: keep that record's bytes
    // and read on. A record that alone fills the window doubles the next read.
    want = next == pos ? std::max(want, text.size() - pos) * 2 : window_bytes;
    window.Consume(next);
    pos = 0;
  }
  finish_stats();
  return Status::Ok();
}

}  // namespace idforge::read
