// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// RejectLog: every input record that does not reach the record store is kept here with its
// location, reason and raw bytes, so nothing vanishes (rejects.csv) and the audit can count it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace idforge {

enum class RejectReason : uint8_t {
  kUnterminatedQuote,   // a quoted CSV field runs to the end of the input
  kBadQuote,            // a character other than a delimiter or newline follows a closing quote
  kFieldCountMismatch,  // a CSV row has more or fewer fields than its header
  kInvalidUtf8,         // bytes that are not UTF-8 in a source declared UTF-8
  kFieldTooLarge,       // one value above StringColumn::kMaxFieldBytes
  kJsonSyntax,          // a JSON record that does not parse
  kNotAnObject,         // a JSON record that is not an object
  kMissingId,           // the source's id column is empty or absent
  kDuplicateId,         // the id was already seen earlier in the same source
};
inline constexpr size_t kRejectReasonCount = 9;

// Stable snake_case name used in rejects.csv and report.json ("unterminated_quote").
std::string_view RejectReasonName(RejectReason reason);

struct Reject {
  uint16_t source = 0;
  uint64_t line = 0;         // 1-based line where the record starts (JSON lines: line; JSON: record)
  uint64_t byte_offset = 0;  // offset of the record in the decoded input
  RejectReason reason = RejectReason::kBadQuote;
  std::string detail;  // what exactly, e.g. "18 fields, header has 17"; no personal data
  std::string raw;     // the record's bytes, at most kMaxRawBytes; invalid UTF-8 escaped as \xNN

  static constexpr size_t kMaxRawBytes = 64 * 1024;
};

// Copies `raw` for a Reject: truncated to kMaxRawBytes, invalid UTF-8 bytes written as "\xNN" so
// rejects.csv is always valid UTF-8.
std::string SanitizeRaw(std::string_view raw);

// Not thread-safe: parallel stages collect rejects locally and append them in a serial,
// order-preserving step, so the log is in input order for any thread count.
class RejectLog {
 public:
  void Add(Reject reject);
  void Append(std::vector<Reject>&& rejects);

  const std::vector<Reject>& entries() const { return entries_; }
  // Adds `delta` to the byte_offset of entries [from_index, size()): readers report offsets in
  // decoded text, and the read stage turns them into file offsets (a dropped BOM).
  void ShiftByteOffsets(size_t from_index, uint64_t delta);
  uint64_t size() const { return entries_.size(); }
  // Rejects of `source` for `reason`.
  uint64_t Count(uint16_t source, RejectReason reason) const;
  uint64_t CountForSource(uint16_t source) const;

 private:
  std::vector<Reject> entries_;
  std::vector<std::array<uint64_t, kRejectReasonCount>> counts_;  // [source][reason]
};

}  // namespace idforge
