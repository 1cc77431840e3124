// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/reject_log.h"

#include "engine/common/utf8.h"

namespace idforge {

std::string_view RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kUnterminatedQuote: return "unterminated_quote";
    case RejectReason::kBadQuote: return "bad_quote";
    case RejectReason::kFieldCountMismatch: return "field_count_mismatch";
    case RejectReason::kInvalidUtf8: return "invalid_utf8";
    case RejectReason::kFieldTooLarge: return "field_too_large";
    case RejectReason::kJsonSyntax: return "json_syntax";
    case RejectReason::kNotAnObject: return "not_an_object";
    case RejectReason::kMissingId: return "missing_id";
    case RejectReason::kDuplicateId: return "duplicate_id";
  }
  return "unknown";
}

std::string SanitizeRaw(std::string_view raw) {
  const bool truncated = raw.size() > Reject::kMaxRawBytes;
  if (truncated) raw = raw.substr(0, Reject::kMaxRawBytes);
  std::string out = utf8::EscapeInvalid(raw);
  if (truncated) out += "...[truncated]";
  return out;
}

void RejectLog::Add(Reject reject) {
  if (counts_.size() <= reject.source) counts_.resize(reject.source + 1u, {});
  ++counts_[reject.source][static_cast<size_t>(reject.reason)];
  entries_.push_back(std::move(reject));
}

void RejectLog::Append(std::vector<Reject>&& rejects) {
  for (Reject& reject : rejects) Add(std::move(reject));
  rejects.clear();
}

void RejectLog::ShiftByteOffsets(size_t from_index, uint64_t delta) {
  for (size_t index = from_index; index < entries_.size(); ++index) {
    entries_[index].byte_offset += delta;
  }
}

uint64_t RejectLog::Count(uint16_t source, RejectReason reason) const {
  if (source >= counts_.size()) return 0;
  return counts_[source][static_cast<size_t>(reason)];
}

uint64_t RejectLog::CountForSource(uint16_t source) const {
  if (source >= counts_.size()) return 0;
  uint64_t total = 0;
  for (uint64_t count : counts_[source]) total += count;
  return total;
}

}  // namespace idforge
