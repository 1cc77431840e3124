// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/common/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/common/check.h"

namespace idforge {

void AppendJsonStringArray(std::string& out, std::string_view joined, char separator) {
  out += '[';
  for (size_t begin = 0; begin < joined.size();) {
    size_t end = joined.find(separator, begin);
    if (end == std::string_view::npos) end = joined.size();
    if (begin > 0) out += ',';
    AppendJsonString(out, joined.substr(begin, end - begin));
    begin = end + 1;
  }
  out += ']';
}

void AppendJsonString(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::Newline() {
  out_.push_back('\n');
  out_.append(has_items_.size() * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_.push_back(',');
    has_items_.back() = true;
    Newline();
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  has_items_.push_back(false);
}

void JsonWriter::EndObject() {
  IDFORGE_CHECK(!has_items_.empty());
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) Newline();
  out_.push_back('}');
  if (has_items_.empty()) out_.push_back('\n');
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  has_items_.push_back(false);
}

void JsonWriter::EndArray() {
  IDFORGE_CHECK(!has_items_.empty());
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) Newline();
  out_.push_back(']');
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(out_, value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::Double(double value, int precision) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, precision);
  out_.append(buffer, result.ptr);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

}  // namespace idforge
