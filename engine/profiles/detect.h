// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Detection: what a file is (format, compression, encoding, delimiter, columns) and which export
// profile fits it, with a confidence, the runner-up when two profiles are close, and the columns
// no mapping uses. Never a silent guess: every doubt is in the Detection for the caller to print.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/profiles/profile.h"
#include "idforge/options.h"
#include "idforge/status.h"

namespace idforge::profiles {

struct FileSniff {
  std::string path;
  InputFormat format = InputFormat::kCsv;
  Compression compression = Compression::kNone;
  Encoding encoding = Encoding::kUtf8;
  std::optional<char> delimiter;  // CSV
  bool delimiter_detected = false;
  // CSV: the header row. JSON: the dotted paths of the first objects' scalar values, first-seen.
  std::vector<std::string> columns;
};

// Sniffs the start of a file (decompressed, up to 1 MiB). `hint` fixes the format, compression,
// encoding or delimiter when the job gives them. NotFound/IOError for unreadable files,
// InvalidArgument naming the file when it has no header or no JSON object to learn from.
Result<FileSniff> SniffFile(const std::string& path, const SourceSpec* hint = nullptr);

// The same on decoded text (tests and the fuzzer). `complete`: the text is the whole file.
Result<FileSniff> SniffText(std::string_view text, InputFormat format, bool complete,
                            std::optional<char> delimiter = std::nullopt);

struct ProfileScore {
  std::string profile;
  double score = 0;                // 0..1
  size_t fingerprint_hits = 0;     // fingerprint groups present
  size_t recognised_columns = 0;   // columns the profile maps or knows
};

struct Detection {
  const Profile* profile = nullptr;  // never null after DetectProfile (generic at worst)
  double confidence = 0;             // the chosen profile's score
  std::vector<ProfileScore> scores;  // every applicable profile, best first
  bool fell_back_to_generic = false;  // no tool profile scored enough
  // Set when another tool profile scores within kAmbiguityMargin of the chosen one.
  std::string runner_up;
  double runner_up_score = 0;
  std::vector<std::string> unmapped;  // columns neither mapped nor known to the profile
  bool ambiguous() const { return !runner_up.empty(); }
};

// A tool profile needs this score to be chosen over the generic one.
inline constexpr double kMinToolScore = 0.45;
inline constexpr double kAmbiguityMargin = 0.1;

// Scores every profile against `columns`: 0.6 x fingerprint groups found (three make it certain)
// + 0.4 x share of the columns the profile recognises; a tool profile with no fingerprint column
// scores 0. Ties break by profile name, so detection is deterministic.
Detection DetectProfile(std::span<const std::string> columns, InputFormat format,
                        const std::vector<Profile>& profiles);

// The source a profile makes of a sniffed file: its format, delimiter and encoding, the id and
// updated_at columns, every canonical field the file has, carried fields and known-link columns
// ("link:<namespace>" extras). Only columns present in the file are mapped.
SourceSpec BuildSource(const Profile& profile, const FileSniff& sniff, std::string name);

// Columns of `columns` neither used by `spec` nor known to `profile`.
std::vector<std::string> UnmappedColumns(const Profile& profile, const SourceSpec& spec,
                                         std::span<const std::string> columns);

}  // namespace idforge::profiles
