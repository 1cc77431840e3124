// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// A minimal streaming JSON writer for reports: keys in the order written (so reports are
// deterministic), strings escaped per RFC 8259, two-space indentation for people who read them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace idforge {

// Not thread-safe. Callers nest Begin/End correctly; Key() precedes every value inside an object.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Uint(uint64_t value);
  // Finite doubles with up to `precision` significant digits; NaN/inf are written as null.
  void Double(double value, int precision = 6);
  void Bool(bool value);
  void Null();

  // Shorthands for "key": value.
  void Field(std::string_view key, std::string_view value) { Key(key); String(value); }
  void Field(std::string_view key, const char* value) { Key(key); String(value); }
  void Field(std::string_view key, uint64_t value) { Key(key); Uint(value); }
  void Field(std::string_view key, int64_t value) { Key(key); Int(value); }
  void Field(std::string_view key, bool value) { Key(key); Bool(value); }
  void Field(std::string_view key, double value) { Key(key); Double(value); }

  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  void Newline();

  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

void AppendJsonString(std::string& out, std::string_view value);
// Appends `joined` split at `separator` as a JSON array of strings ("a;b" -> ["a","b"]; "" -> []).
void AppendJsonStringArray(std::string& out, std::string_view joined, char separator);

}  // namespace idforge
