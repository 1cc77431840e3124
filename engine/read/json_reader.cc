// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// JSON lines: a tbb::parallel_pipeline of a serial chunker (complete lines from the InputStream),
// parallel parse tasks (one simdjson parser per thread) and a serial in-order SourceAppender step.
// JSON arrays: one On-Demand pass over the whole document, appended in batches.
#include "engine/read/json_reader.h"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/utf8.h"
#include "engine/read/byte_buffer.h"
#include "engine/read/json_record.h"
#include "engine/read/source_appender.h"
#include "engine/read/table_builder.h"

namespace idforge::read {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
// Chunks are addressed with 32-bit offsets (ParsedChunk::raw_spans).
constexpr size_t kMaxChunkBytes = size_t{1} << 30;
constexpr size_t kMaxLineBytes = (size_t{1} << 32) - 1 - kPadding;

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

std::string_view TrimSpace(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string BuilderRejectDetail(const SourceSpec& spec, RejectReason reason) {
  if (reason == RejectReason::kMissingId) {
    return "id \"" + spec.id_column + "\" is empty or absent";
  }
  return "a mapped value is above " + std::to_string(StringColumn::kMaxFieldBytes) + " bytes";
}

// Complete lines of a JSON lines input, then SIMDJSON_PADDING spaces so each line can be parsed in
// place. Reused across pipeline tokens, so the buffer's pages are touched once.
struct LineChunk {
  ByteBuffer buffer;  // size bytes of lines, then kPadding spaces
  size_t size = 0;
  ParsedChunk parsed;
};

// The serial first stage: cuts the decoded input into chunks of about `chunk_bytes` that end at a
// newline (or at the end of the input), carrying a partial line to the next chunk.
class LineChunker {
 public:
  LineChunker(InputStream& input, size_t chunk_bytes, const SourceSpec& spec)
      : input_(input), chunk_bytes_(chunk_bytes), spec_(spec) {}

  // Fills `chunk`; false at the end of the input.
  //
  // Performance: bytes are read() straight into the chunk's buffer (no zero-fill, as a growing
  // std::string would do), which is advised for huge pages before the first write (ByteBuffer).
  Result<bool> Next(LineChunk& chunk) {
    ByteBuffer& buffer = chunk.buffer;
    buffer.Clear();
    buffer.Reserve(std::max(chunk_bytes_ + chunk_bytes_ / 8, carry_.size() + chunk_bytes_) +
                   kPadding);
    buffer.Append(carry_.data(), carry_.size());  // a carried partial line holds no newline
    carry_.clear();
    size_t last_newline = std::string::npos;
    while (!eof_) {
      if (buffer.size() >= chunk_bytes_ && last_newline != std::string::npos) break;
      const size_t want =
          buffer.size() < chunk_bytes_ ? chunk_bytes_ - buffer.size() : chunk_bytes_;
      const size_t old_size = buffer.size();
      if (old_size + want + kPadding > buffer.capacity()) {
        buffer.Reserve(std::max(2 * buffer.capacity(), old_size + want + kPadding));
      }
      Result<size_t> got = input_.ReadInto(buffer.data() + old_size, want);
      if (!got.ok()) return got.status();
      if (*got == 0) {
        eof_ = true;
        break;
      }
      buffer.Resize(old_size + *got);
      decoded_bytes_ += *got;
      const void* newline = memrchr(buffer.data() + old_size, '\n', buffer.size() - old_size);
      if (newline != nullptr) {
        last_newline = static_cast<size_t>(static_cast<const char*>(newline) - buffer.data());
      }
      if (buffer.size() > kMaxLineBytes && last_newline == std::string::npos) {
        return ResourceExhausted(spec_.path + ": a line longer than 4 GiB near decoded byte " +
                                 std::to_string(decoded_bytes_) +
                                 "; JSON lines need one record per line");
      }
    }
    if (!eof_) {
      carry_.assign(buffer.data() + last_newline + 1, buffer.size() - last_newline - 1);
      buffer.Resize(last_newline + 1);
    }
    chunk.size = buffer.size();
    buffer.Reserve(chunk.size + kPadding);
    std::memset(buffer.data() + chunk.size, ' ', kPadding);
    buffer.Resize(chunk.size + kPadding);
    return chunk.size > 0;
  }

  uint64_t decoded_bytes() const { return decoded_bytes_; }

 private:
  InputStream& input_;
  size_t chunk_bytes_;
  const SourceSpec& spec_;
  std::string carry_;
  bool eof_ = false;
  uint64_t decoded_bytes_ = 0;
};

// Everything a parse task reads; shared read-only.
struct ParseContext {
  const SourceSpec& spec;
  const SourceLayout& layout;
  std::span<const std::string> extra_names;
  uint16_t source_idx;
};

// Parses the lines of `chunk` into chunk.parsed (line numbers and offsets relative to the chunk).
void ParseLines(const ParseContext& context, JsonRecordParser& parser, LineChunk& chunk) {
  ParsedChunk& out = chunk.parsed;
  out.Clear();
  TableBuilder builder(context.layout, out.rows);
  char* const base = chunk.buffer.data();
  const size_t size = chunk.size;
  size_t pos = 0;
  uint64_t line_idx = 0;
  uint64_t record_idx = 0;
  while (pos < size) {
    char* newline = static_cast<char*>(std::memchr(base + pos, '\n', size - pos));
    const size_t end = newline != nullptr ? static_cast<size_t>(newline - base) : size;
    size_t line_end = end;
    if (line_end > pos && base[line_end - 1] == '\r') --line_end;
    // The byte after a line becomes a space, as the padding after the last line is, so what a
    // line parses to never depends on the bytes that follow it (chunking cannot change results).
    if (line_end < size) base[line_end] = ' ';
    if (end < size) base[end] = ' ';
    const std::string_view line(base + pos, line_end - pos);
    if (IsBlank(line)) {
      ++out.blank_lines;
    } else {
      const uint64_t record = record_idx++;
      std::optional<RejectReason> reason;
      std::string detail;
      if (parser.ParseDocument(line, size + kPadding - pos)) {
        reason = builder.AddRow(line_idx, record, parser.values());
        if (!reason) {
          out.raw_spans.emplace_back(static_cast<uint32_t>(pos), static_cast<uint32_t>(line_end));
        } else {
          detail = BuilderRejectDetail(context.spec, *reason);
        }
      } else {
        // Performance: no separate UTF-8 pass over the chunk: simdjson's stage 1 validates every
        // byte of the line while indexing it, so only a line that failed can be invalid UTF-8.
        const size_t invalid = utf8::FirstInvalid(line);
        if (invalid < line.size()) {
          reason = RejectReason::kInvalidUtf8;
          detail = "invalid UTF-8 at byte " + std::to_string(invalid) + " of the line";
        } else {
          reason = parser.error_reason();
          detail = parser.error_detail();
        }
      }
      if (reason) {
        out.rejects.push_back(Reject{.line = line_idx,
                                     .byte_offset = pos,
                                     .reason = *reason,
                                     .detail = std::move(detail),
                                     .raw = SanitizeRaw(line)});
      }
    }
    if (newline == nullptr) break;
    ++line_idx;
    pos = end + 1;
  }
  out.lines = line_idx;
  out.records = record_idx;
  out.bytes = size;
  out.text = std::string_view(base, size);
}

void FillStats(const SourceAppender& appender, uint64_t decoded_bytes, SourceReadStats& stats) {
  stats.decoded_bytes = decoded_bytes;
  stats.records_read = appender.records();
  stats.accepted = appender.accepted();
  stats.rejected = appender.rejected();
  stats.blank_lines = appender.blank_lines();
}

Status Cancelled(const SourceSpec& spec) {
  return Status(StatusCode::kCancelled, spec.path + ": reading cancelled");
}

}  // namespace

Status ReadJsonLines(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
                     const ReadOptions& options, RecordTable& table, ExecContext& ctx,
                     SourceReadStats& stats) {
  IDFORGE_ASSIGN_OR_RETURN(SourceLayout layout,
                           SourceLayout::ForJsonPaths(spec, table.extra_names()));
  const JsonPathTrie trie(layout.needed());
  const std::vector<std::string> extra_names(table.extra_names().begin(),
                                             table.extra_names().end());
  const ParseContext context{spec, layout, extra_names, source_idx};
  SourceAppender appender(spec, source_idx, layout.has_id_column(), table, ctx, options.on_error);
  const size_t chunk_bytes = std::clamp<size_t>(options.chunk_bytes, 1, kMaxChunkBytes);
  LineChunker chunker(input, chunk_bytes, spec);

  // Chunks in flight bound memory: about window_bytes, but at least two so reading overlaps
  // parsing, and at most four per thread (more only queue up).
  const auto threads = static_cast<size_t>(std::max(1, ctx.task_arena().max_concurrency()));
  const size_t max_tokens =
      std::clamp<size_t>(options.window_bytes / chunk_bytes, 2, std::max<size_t>(2, 4 * threads));

  tbb::enumerable_thread_specific<JsonRecordParser> parsers(
      [&trie] { return JsonRecordParser(trie); });
  std::vector<std::unique_ptr<LineChunk>> pool;  // touched by the serial first stage only
  tbb::concurrent_queue<LineChunk*> free_chunks;
  std::atomic<bool> failed{false};
  Status read_status;    // written by the first stage only
  Status append_status;  // written by the last stage only
  uint64_t next_line = 1;
  uint64_t next_offset = 0;

  ctx.task_arena().execute([&] {
    tbb::parallel_pipeline(max_tokens,
                           tbb::make_filter<void, LineChunk*>(
                               tbb::filter_mode::serial_in_order,
                               [&](tbb::flow_control& flow) -> LineChunk* {
                                 if (failed.load(std::memory_order_relaxed) || ctx.cancelled()) {
                                   flow.stop();
                                   return nullptr;
                                 }
                                 LineChunk* chunk = nullptr;
                                 if (!free_chunks.try_pop(chunk)) {
                                   pool.push_back(std::make_unique<LineChunk>());
                                   chunk = pool.back().get();
                                 }
                                 Result<bool> more = chunker.Next(*chunk);
                                 if (!more.ok() || !*more) {
                                   if (!more.ok()) {
                                     read_status = more.status();
                                     failed.store(true, std::memory_order_relaxed);
                                   }
                                   free_chunks.push(chunk);
                                   flow.stop();
                                   return nullptr;
                                 }
                                 return chunk;
                               }) &
                               tbb::make_filter<LineChunk*, LineChunk*>(
                                   tbb::filter_mode::parallel,
                                   [&](LineChunk* chunk) {
                                     if (!failed.load(std::memory_order_relaxed)) {
                                       ParseLines(context, parsers.local(), *chunk);
                                     }
                                     return chunk;
                                   }) &
                               tbb::make_filter<LineChunk*, void>(
                                   tbb::filter_mode::serial_in_order, [&](LineChunk* chunk) {
                                     if (!failed.load(std::memory_order_relaxed)) {
                                       const uint64_t lines = chunk->parsed.lines;
                                       const uint64_t bytes = chunk->parsed.bytes;
                                       Status status = appender.Append(std::move(chunk->parsed),
                                                                       next_line, next_offset);
                                       next_line += lines;
                                       next_offset += bytes;
                                       if (input.compression() == Compression::kNone) {
                                         appender.MaybeReserve(next_offset, input.file_bytes());
                                       }
                                       if (!status.ok()) {
                                         append_status = std::move(status);
                                         failed.store(true, std::memory_order_relaxed);
                                       }
                                     }
                                     chunk->parsed.Clear();
                                     free_chunks.push(chunk);
                                   }));
  });

  FillStats(appender, chunker.decoded_bytes(), stats);
  if (!read_status.ok()) return read_status;
  if (!append_status.ok()) return append_status;
  if (ctx.cancelled()) return Cancelled(spec);
  return Status::Ok();
}

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where a JSON array's text is cut for the truncated-array fallback.
struct ArrayCut {
  size_t keep = 0;        // the document is text[0, keep) + "]"
  size_t tail_begin = 0;  // what is not read: text[tail_begin, size)
  bool closed = false;    // the array was closed; the tail is trailing content
};

// A byte-at-a-time scan of a top-level array (strings and nesting only; no validation) that finds
// the longest prefix of whole elements. Used only when simdjson refuses the document as a whole
// (a truncated file), so the records before the damage are kept.
ArrayCut FindArrayCut(std::string_view text, size_t open_bracket) {
  ArrayCut cut;
  size_t last_comma = std::string_view::npos;
  int64_t depth = 0;
  bool in_string = false;
  bool escape = false;
  for (size_t pos = open_bracket + 1; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) {
        cut.keep = pos;  // the closing bracket is added back
        cut.tail_begin = pos + 1;
        cut.closed = true;
        return cut;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      last_comma = pos;
    }
  }
  if (!in_string && depth == 0) {
    cut.keep = text.size();  // every element is whole; only the closing bracket is missing
    cut.tail_begin = text.size();
  } else if (last_comma != std::string_view::npos) {
    cut.keep = last_comma;
    cut.tail_begin = last_comma + 1;
  } else {
    cut.keep = open_bracket + 1;
    cut.tail_begin = open_bracket + 1;
  }
  return cut;
}

// Reads one JSON document (an array of objects, or one object) into the appender.
class JsonArrayReader {
 public:
  // Rows are handed to the SourceAppender in batches of this many elements, so the chunk table
  // stays small whatever the array's length.
  static constexpr uint64_t kBatchElements = 16 * 1024;

  JsonArrayReader(const ParseContext& context, const JsonPathTrie& trie, SourceAppender& appender)
      : context_(context), record_parser_(trie), appender_(appender) {}

  // REQUIRES: `padded` holds the document, then at least SIMDJSON_PADDING spaces; `size` bytes of
  // it are the document.
  Status Read(std::string& padded, size_t size) {
    const std::string_view text(padded.data(), size);
    const std::string_view trimmed = TrimSpace(text);
    if (trimmed.empty()) return Status::Ok();
    const auto open = static_cast<size_t>(trimmed.data() - text.data());
    simdjson::error_code root_error = simdjson::SUCCESS;
    IDFORGE_RETURN_IF_ERROR(Iterate(text, padded.size(), root_error));
    if (root_error == simdjson::SUCCESS) return Flush();
    if (trimmed.front() != '[') {
      AddReject(1, open, RejectReason::kJsonSyntax, simdjson::error_message(root_error), trimmed);
      return Flush();
    }
    // simdjson checks a root array's closing bracket before yielding any element: re-read the
    // whole elements of a damaged document, then report what could not be read as one reject.
    const ArrayCut cut = FindArrayCut(text, open);
    std::string patched(text.substr(0, cut.keep));
    patched += ']';
    const size_t patched_size = patched.size();
    patched.append(kPadding, ' ');
    text_override_ = std::string_view(patched.data(), patched_size);
    IDFORGE_RETURN_IF_ERROR(Iterate(text_override_, patched.size(), root_error));
    if (root_error != simdjson::SUCCESS) {
      AddReject(1, open, RejectReason::kJsonSyntax, simdjson::error_message(root_error), trimmed);
    } else if (!stopped_) {
      std::string_view tail = TrimSpace(text.substr(cut.tail_begin));
      const auto tail_offset = static_cast<size_t>(tail.data() - text.data());
      AddReject(element_ + 1, tail.empty() ? text.size() : tail_offset, RejectReason::kJsonSyntax,
                cut.closed
                    ? "unexpected content after the array"
                    : "the array is truncated: " +
                          std::string(simdjson::error_message(
                              root_error == simdjson::SUCCESS ? simdjson::INCOMPLETE_ARRAY_OR_OBJECT
                                                              : root_error)),
                tail);
    }
    Status status = Flush();
    text_override_ = {};
    return status;
  }

 private:
  // Iterates `text` (readable up to `capacity`). A failure before any element sets `root_error`.
  Status Iterate(std::string_view text, size_t capacity, simdjson::error_code& root_error) {
    text_ = text;
    ondemand::document doc;
    root_error =
        parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity)).get(doc);
    if (root_error) return Status::Ok();
    ondemand::json_type type;
    if ((root_error = doc.type().get(type))) return Status::Ok();
    const std::string_view trimmed = TrimSpace(text);
    const auto begin = static_cast<size_t>(trimmed.data() - text.data());
    if (type == ondemand::json_type::object) {
      ondemand::object object;
      if ((root_error = doc.get_object().get(object))) return Status::Ok();
      element_ = 1;
      if (!record_parser_.ParseObject(object)) {
        AddReject(1, begin, record_parser_.error_reason(), record_parser_.error_detail(), trimmed);
      } else {
        const char* trailing = nullptr;
        if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
          AddReject(1, begin, RejectReason::kJsonSyntax, "unexpected content after the object",
                    trimmed);
        } else {
          AddRow(1, begin, begin + trimmed.size());
        }
      }
      stopped_ = true;
      return Status::Ok();
    }
    if (type != ondemand::json_type::array) {
      AddReject(1, begin, RejectReason::kNotAnObject,
                "the document is a JSON scalar, not an array of objects", trimmed);
      stopped_ = true;
      return Status::Ok();
    }
    ondemand::array array;
    if ((root_error = doc.get_array().get(array))) return Status::Ok();
    size_t after_previous = begin + 1;  // just after '[' or the previous element
    for (auto element_result : array) {
      ++element_;
      ondemand::value value;
      const char* location = nullptr;
      if (auto error = std::move(element_result).get(value)) {
        const size_t at = doc.current_location().get(location) == simdjson::SUCCESS
                              ? Offset(location)
                              : after_previous;
        ResolvePending(at);
        RejectRest(std::max(after_previous, std::min(at, text_.size())), error_message(error));
        return Status::Ok();
      }
      const size_t element_begin = Offset(value.raw_json_token().data());
      ResolvePending(element_begin);
      if (element_ - batch_first_ >= kBatchElements) IDFORGE_RETURN_IF_ERROR(Flush());
      pending_begin_ = element_begin;
      pending_element_ = element_;
      ondemand::json_type element_type;
      if (auto error = value.type().get(element_type)) {
        RejectRest(element_begin, error_message(error));
        return Status::Ok();
      }
      if (element_type != ondemand::json_type::object) {
        PendingReject(RejectReason::kNotAnObject,
                      "element " + std::to_string(element_) + " is not an object");
      } else {
        ondemand::object object;
        if (auto error = value.get_object().get(object)) {
          RejectRest(element_begin, error_message(error));
          return Status::Ok();
        }
        if (record_parser_.ParseObject(object)) {
          PendingRow();
        } else if (record_parser_.iterator_failed()) {
          RejectRest(element_begin, record_parser_.error_detail());
          return Status::Ok();
        } else {
          PendingReject(record_parser_.error_reason(), record_parser_.error_detail());
        }
      }
      after_previous = element_begin + 1;
      if (appender_failed_) return appender_status_;
    }
    // The document ends with the array's closing bracket (simdjson checked it).
    size_t close = TrimSpace(text_).size() + begin;
    if (close > 0) --close;
    ResolvePending(close);
    stopped_ = false;
    return Status::Ok();
  }

  size_t Offset(const char* pointer) const { return static_cast<size_t>(pointer - text_.data()); }

  // End of the element before `next`: back over whitespace, one separator, whitespace.
  size_t ElementEnd(size_t next) const {
    size_t end = std::min(next, text_.size());
    while (end > 0 && IsJsonSpace(text_[end - 1])) --end;
    if (end > 0 && text_[end - 1] == ',') --end;
    while (end > 0 && IsJsonSpace(text_[end - 1])) --end;
    return end;
  }

  // The element just read is kept (row) or refused (reject), but where it ends is only known when
  // the next one starts; its raw text is filled in then.
  void PendingRow() {
    pending_kind_ = Pending::kRow;
    pending_values_.assign(record_parser_.values().begin(), record_parser_.values().end());
  }
  void PendingReject(RejectReason reason, std::string detail) {
    pending_kind_ = Pending::kReject;
    pending_reason_ = reason;
    pending_detail_ = std::move(detail);
  }
  void ResolvePending(size_t next) {
    const Pending kind = pending_kind_;
    pending_kind_ = Pending::kNone;
    const size_t end = std::max(pending_begin_, ElementEnd(next));
    if (kind == Pending::kRow) {
      AddRowValues(pending_element_, pending_begin_, end, pending_values_);
    } else if (kind == Pending::kReject) {
      AddReject(pending_element_, pending_begin_, pending_reason_, std::move(pending_detail_),
                text_.substr(pending_begin_, end - pending_begin_));
    }
  }

  void AddRow(uint64_t element, size_t begin, size_t end) {
    pending_values_.assign(record_parser_.values().begin(), record_parser_.values().end());
    AddRowValues(element, begin, end, pending_values_);
  }
  void AddRowValues(uint64_t element, size_t begin, size_t end,
                    std::span<const std::string_view> values) {
    TableBuilder& builder = Builder(element);
    const uint64_t relative = element - batch_first_;
    ++batch_.records;
    if (std::optional<RejectReason> reason = builder.AddRow(relative, relative, values)) {
      batch_.records -= 1;  // AddReject counts it
      AddReject(element, begin, *reason, BuilderRejectDetail(context_.spec, *reason),
                text_.substr(begin, end - begin));
      return;
    }
    batch_.raw_spans.emplace_back(static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
  }
  void AddReject(uint64_t element, size_t offset, RejectReason reason, std::string detail,
                 std::string_view raw) {
    Builder(element);
    ++batch_.records;
    batch_.rejects.push_back(Reject{.line = element - batch_first_,
                                    .byte_offset = offset,
                                    .reason = reason,
                                    .detail = std::move(detail),
                                    .raw = SanitizeRaw(raw)});
  }
  // A syntax error inside the array: simdjson cannot resume after it, so everything from `from`
  // on is one reject and reading stops; the records before it are kept.
  void RejectRest(size_t from, std::string_view why) {
    pending_kind_ = Pending::kNone;
    std::string_view rest = TrimSpace(text_.substr(std::min(from, text_.size())));
    if (!rest.empty() && rest.front() == ',') rest = TrimSpace(rest.substr(1));
    const size_t offset = rest.empty() ? text_.size() : Offset(rest.data());
    AddReject(element_, offset, RejectReason::kJsonSyntax,
              std::string(why) + " (element " + std::to_string(element_) +
                  "; the rest of the array is not read)",
              rest);
    stopped_ = true;
  }

  // The batch's builder; a new batch starts at `element`.
  TableBuilder& Builder(uint64_t element) {
    if (!builder_) {
      builder_.emplace(context_.layout, batch_.rows);
      batch_first_ = element;
    }
    return *builder_;
  }

  Status Flush() {
    if (!builder_) return Status::Ok();
    batch_.text = text_;
    const uint64_t first_line = batch_first_;
    builder_.reset();
    Status status = appender_.Append(std::move(batch_), first_line, 0);
    batch_.Clear();
    if (!status.ok()) {
      appender_failed_ = true;
      appender_status_ = status;
    }
    return status;
  }

  enum class Pending : uint8_t { kNone, kRow, kReject };

  const ParseContext& context_;
  ondemand::parser parser_;
  JsonRecordParser record_parser_;
  SourceAppender& appender_;
  std::string_view text_;           // the document being iterated
  std::string_view text_override_;  // the patched copy, while the fallback reads it
  uint64_t element_ = 0;            // 1-based index of the current element
  bool stopped_ = false;            // reading ended early with a reject for the rest
  bool appender_failed_ = false;
  Status appender_status_;
  std::optional<TableBuilder> builder_;
  ParsedChunk batch_;
  uint64_t batch_first_ = 1;
  Pending pending_kind_ = Pending::kNone;
  size_t pending_begin_ = 0;
  uint64_t pending_element_ = 0;
  RejectReason pending_reason_ = RejectReason::kJsonSyntax;
  std::string pending_detail_;
  std::vector<std::string_view> pending_values_;
};

}  // namespace

// The document is read whole (simdjson indexes it in one pass), so it must fit in memory; a record
// is an array element and its "line" in the table and in rejects.csv is its 1-based position in
// the array. Single-threaded: JSON lines is the format for large inputs.
Status ReadJsonArray(const SourceSpec& spec, InputStream& input, uint16_t source_idx,
                     const ReadOptions& options, RecordTable& table, ExecContext& ctx,
                     SourceReadStats& stats) {
  IDFORGE_ASSIGN_OR_RETURN(SourceLayout layout,
                           SourceLayout::ForJsonPaths(spec, table.extra_names()));
  const JsonPathTrie trie(layout.needed());
  const std::vector<std::string> extra_names(table.extra_names().begin(),
                                             table.extra_names().end());
  const ParseContext context{spec, layout, extra_names, source_idx};
  SourceAppender appender(spec, source_idx, layout.has_id_column(), table, ctx, options.on_error);
  std::string text;
  while (true) {
    if (ctx.cancelled()) return Cancelled(spec);
    Result<size_t> got = input.Read(text, size_t{1} << 20);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
  }
  const size_t size = text.size();
  if (size > kMaxLineBytes) {
    return ResourceExhausted(spec.path + ": a JSON document above 4 GiB cannot be read whole; " +
                             "convert it to JSON lines (jq -c '.[]')");
  }
  text.append(kPadding, ' ');
  auto reader = std::make_unique<JsonArrayReader>(context, trie, appender);
  Status status = reader->Read(text, size);
  FillStats(appender, size, stats);
  return status;
}

}  // namespace idforge::read
