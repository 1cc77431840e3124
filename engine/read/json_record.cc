// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/read/json_record.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "idforge/record_table.h"

namespace idforge::read {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr uint32_t kNoNode = UINT32_MAX;

// "12" -> 12; -1 for anything that is not a plain non-negative decimal (no sign, no leading zero).
int64_t ParseArrayIndex(std::string_view component) {
  if (component.empty() || component.size() > 9) return -1;
  if (component.size() > 1 && component[0] == '0') return -1;
  int64_t index = 0;
  for (char c : component) {
    if (c < '0' || c > '9') return -1;
    index = index * 10 + (c - '0');
  }
  return index;
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimTrailingSpace(std::string_view token) {
  while (!token.empty() && IsJsonSpace(token.back())) token.remove_suffix(1);
  return token;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// simdjson's raw_json_token() does not validate a number it has not parsed; this does, without
// converting it (so "8779761975521" or "1.10" keep their exact text).
bool IsJsonNumber(std::string_view text) {
  size_t pos = 0;
  const size_t size = text.size();
  if (pos < size && text[pos] == '-') ++pos;
  if (pos == size) return false;
  if (text[pos] == '0') {
    ++pos;
  } else if (IsDigit(text[pos])) {
    while (pos < size && IsDigit(text[pos])) ++pos;
  } else {
    return false;
  }
  if (pos < size && text[pos] == '.') {
    ++pos;
    if (pos == size || !IsDigit(text[pos])) return false;
    while (pos < size && IsDigit(text[pos])) ++pos;
  }
  if (pos < size && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < size && (text[pos] == '+' || text[pos] == '-')) ++pos;
    if (pos == size || !IsDigit(text[pos])) return false;
    while (pos < size && IsDigit(text[pos])) ++pos;
  }
  return pos == size;
}

// The closing quote or the first backslash of the object key that starts at `key`.
// REQUIRES: the key's closing quote exists (simdjson's stage 1 saw the string) and the document is
// followed by SIMDJSON_PADDING readable bytes, so 16-byte loads up to the quote stay readable.
//
// Performance: keys are compared in place for every member of every record (17 per Shopify
// record); a byte loop here was most of the key matching.
inline const char* FindKeyEnd(const char* key) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (;; key += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
    const int mask = _mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    if (mask != 0) return key + __builtin_ctz(static_cast<unsigned>(mask));
  }
#else
  while (*key != '"' && *key != '\\') ++key;
  return key;
#endif
}

std::string_view TypeName(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array:
      return "array";
    case ondemand::json_type::object:
      return "object";
    case ondemand::json_type::number:
      return "number";
    case ondemand::json_type::string:
      return "string";
    case ondemand::json_type::boolean:
      return "boolean";
    case ondemand::json_type::null:
      return "null";
  }
  return "value";
}

}  // namespace

JsonPathTrie::JsonPathTrie(std::span<const std::string> paths)
    : paths_(paths.begin(), paths.end()), value_count_(paths.size()) {
  nodes_.emplace_back();
  for (size_t value_index = 0; value_index < paths.size(); ++value_index) {
    uint32_t node = kRoot;
    std::string_view rest = paths[value_index];
    while (true) {
      const size_t dot = rest.find('.');
      const std::string_view component = rest.substr(0, dot);
      uint32_t child = kNoNode;
      for (uint32_t candidate : nodes_[node].children) {
        if (nodes_[candidate].name == component) child = candidate;
      }
      if (child == kNoNode) {
        child = static_cast<uint32_t>(nodes_.size());
        Node created;
        created.name = std::string(component);
        created.array_index = ParseArrayIndex(component);
        std::memcpy(&created.prefix, component.data(), std::min<size_t>(component.size(), 8));
        nodes_.push_back(std::move(created));  // may move nodes_: index, don't hold references
        nodes_[node].children.push_back(child);
        nodes_[node].max_array_index =
            std::max(nodes_[node].max_array_index, nodes_[child].array_index);
      }
      node = child;
      if (dot == std::string_view::npos) break;
      rest = rest.substr(dot + 1);
    }
    nodes_[node].value_index = static_cast<int32_t>(value_index);
  }
}

JsonRecordParser::JsonRecordParser(const JsonPathTrie& trie)
    : trie_(&trie), values_(trie.value_count()), seen_stamp_(trie.node_count(), 0) {}

void JsonRecordParser::BeginRecord() {
  std::fill(values_.begin(), values_.end(), std::string_view());
  if (++record_stamp_ == 0) {
    std::fill(seen_stamp_.begin(), seen_stamp_.end(), 0);
    record_stamp_ = 1;
  }
  if (arena_.MemoryBytes() != 0) arena_.Reset();
}

bool JsonRecordParser::Fail(RejectReason reason, std::string detail) {
  iterator_failed_ = false;
  error_reason_ = reason;
  error_detail_ = std::move(detail);
  return false;
}

bool JsonRecordParser::FailJson(simdjson::error_code error) {
  Fail(error == simdjson::UTF8_ERROR ? RejectReason::kInvalidUtf8 : RejectReason::kJsonSyntax,
       simdjson::error_message(error));
  iterator_failed_ = true;
  return false;
}

bool JsonRecordParser::ParseDocument(std::string_view text, size_t capacity) {
  BeginRecord();
  ondemand::document doc;
  if (auto error = parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity))
                       .get(doc)) {
    return FailJson(error);
  }
  ondemand::json_type type;
  if (auto error = doc.type().get(type)) return FailJson(error);
  if (type != ondemand::json_type::object) {
    // On-Demand types a value by its first byte, so "not json" looks like null: a scalar must
    // parse in full before it counts as a well-formed value that is merely not an object.
    simdjson::error_code scalar_error = simdjson::SUCCESS;
    switch (type) {
      case ondemand::json_type::null: {
        bool is_null = false;
        scalar_error = doc.is_null().get(is_null);
        if (!scalar_error && !is_null) scalar_error = simdjson::N_ATOM_ERROR;
        break;
      }
      case ondemand::json_type::boolean: {
        bool value = false;
        scalar_error = doc.get_bool().get(value);
        break;
      }
      case ondemand::json_type::number: {
        ondemand::number value;
        scalar_error = doc.get_number().get(value);
        break;
      }
      case ondemand::json_type::string: {
        std::string_view value;
        scalar_error = doc.get_string().get(value);
        break;
      }
      default: break;
    }
    if (scalar_error) return FailJson(scalar_error);
    return Fail(RejectReason::kNotAnObject,
                "the record is a JSON " + std::string(TypeName(type)) + ", not an object");
  }
  ondemand::object object;
  if (auto error = doc.get_object().get(object)) return FailJson(error);
  if (!WalkObject(object, JsonPathTrie::kRoot, /*is_root=*/true, /*nest=*/0)) return false;
  // Every top-level member was visited, so the iterator is at the end unless something follows.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    return Fail(RejectReason::kJsonSyntax, "unexpected content after the object");
  }
  return true;
}

bool JsonRecordParser::ParseObject(ondemand::object& object) {
  BeginRecord();
  return WalkObject(object, JsonPathTrie::kRoot, /*is_root=*/true, /*nest=*/0);
}

bool JsonRecordParser::WalkObject(ondemand::object& object, uint32_t node_index, bool is_root,
                                  int nest) {
  const JsonPathTrie::Node& node = trie_->node(node_index);
  const size_t wanted = node.children.size();
  size_t found = 0;
  for (auto field_result : object) {
    ondemand::field field;
    if (auto error = std::move(field_result).get(field)) return FailJson(error);
    if (found == wanted) {
      if (is_root) continue;  // keep going: the rest of the record must be well-formed too
      break;
    }
    // Performance: the key is compared in place (no copy, no unescaping) against the few
    // components wanted at this level, first as one 8-byte word (the document is padded, so the
    // load never leaves the buffer); only a key with a backslash escape is unescaped first.
    // Measured with BM_ReadJsonLines_ShopifyCustomers: memcmp per candidate cost ~4% of the read.
    const char* key_begin = field.key().raw();
    const char* key_end = FindKeyEnd(key_begin);
    std::string_view key(key_begin, static_cast<size_t>(key_end - key_begin));
    uint64_t word = 0;
    if (*key_end == '\\') {
      if (auto error = field.unescaped_key().get(key)) return FailJson(error);
      std::memcpy(&word, key.data(), std::min<size_t>(key.size(), 8));
    } else {
      std::memcpy(&word, key.data(), 8);
      if (key.size() < 8) word &= (uint64_t{1} << (8 * key.size())) - 1;
    }
    for (uint32_t child : node.children) {
      const JsonPathTrie::Node& child_node = trie_->node(child);
      if (child_node.prefix != word || child_node.name.size() != key.size() ||
          (key.size() > 8 &&
           std::memcmp(child_node.name.data() + 8, key.data() + 8, key.size() - 8) != 0)) {
        continue;
      }
      if (seen_stamp_[child] == record_stamp_) break;  // a repeated key: the first one wins
      seen_stamp_[child] = record_stamp_;
      ++found;
      if (!TakeValue(field.value(), child, nest)) return false;
      break;
    }
  }
  return true;
}

bool JsonRecordParser::WalkArray(ondemand::array& array, uint32_t node_index, int nest) {
  const JsonPathTrie::Node& node = trie_->node(node_index);
  int64_t index = -1;
  for (auto element_result : array) {
    ondemand::value element;
    if (auto error = std::move(element_result).get(element)) return FailJson(error);
    ++index;
    if (index > node.max_array_index) break;  // no wanted index left; the parent skips the rest
    for (uint32_t child : node.children) {
      if (trie_->node(child).array_index != index) continue;
      seen_stamp_[child] = record_stamp_;
      if (!TakeValue(element, child, nest)) return false;
      break;
    }
  }
  return true;
}

bool JsonRecordParser::TakeValue(ondemand::value& value, uint32_t node_index, int nest) {
  const JsonPathTrie::Node& node = trie_->node(node_index);
  const bool wants_value = node.value_index >= 0;
  ondemand::json_type type;
  if (auto error = value.type().get(type)) return FailJson(error);
  switch (type) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if (auto error = value.get_object().get(object)) return FailJson(error);
      if (node.children.empty() || wants_value) {
        std::string_view raw;
        if (auto error = object.raw_json().get(raw)) return FailJson(error);
        if (node.children.empty()) {
          std::string_view minified;
          return Minify(raw, minified) && SetValue(node_index, minified, nest);
        }
        return TakeContainerAndDescend(raw, node_index, nest);
      }
      return WalkObject(object, node_index, /*is_root=*/false, nest);
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (auto error = value.get_array().get(array)) return FailJson(error);
      if (node.children.empty() || wants_value) {
        std::string_view raw;
        if (auto error = array.raw_json().get(raw)) return FailJson(error);
        if (node.children.empty()) {
          std::string_view minified;
          return Minify(raw, minified) && SetValue(node_index, minified, nest);
        }
        return TakeContainerAndDescend(raw, node_index, nest);
      }
      return WalkArray(array, node_index, nest);
    }
    case ondemand::json_type::string: {
      if (!wants_value) return true;  // a longer path goes through a string: missing
      std::string_view text;
      if (auto error = value.get_string().get(text)) return FailJson(error);
      return SetValue(node_index, text, nest);
    }
    case ondemand::json_type::number: {
      if (!wants_value) return true;
      const std::string_view token = TrimTrailingSpace(value.raw_json_token());
      if (!IsJsonNumber(token)) {
        return Fail(
            RejectReason::kJsonSyntax,
            "invalid number at \"" + trie_->path(static_cast<size_t>(node.value_index)) + "\"");
      }
      return SetValue(node_index, token, nest);
    }
    case ondemand::json_type::boolean: {
      if (!wants_value) return true;
      bool flag = false;
      if (auto error = value.get_bool().get(flag)) return FailJson(error);
      return SetValue(node_index, flag ? "true" : "false", nest);
    }
    case ondemand::json_type::null: {
      if (!wants_value) return true;
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return FailJson(error);
      if (!is_null) return FailJson(simdjson::N_ATOM_ERROR);
      return true;  // null reads as empty
    }
  }
  return true;
}

bool JsonRecordParser::TakeContainerAndDescend(std::string_view raw, uint32_t node_index,
                                               int nest) {
  std::string_view minified;
  if (!Minify(raw, minified) || !SetValue(node_index, minified, nest)) return false;
  // The main parser has consumed the container; a nested parser re-reads its text for the paths
  // below. Its buffers are reused by the next re-parse at the same depth, so SetValue copies.
  const size_t capacity = raw.size() + simdjson::SIMDJSON_PADDING;
  char* copy = arena_.Allocate(capacity);
  std::memcpy(copy, raw.data(), raw.size());
  std::memset(copy + raw.size(), ' ', simdjson::SIMDJSON_PADDING);
  const auto level = static_cast<size_t>(nest);
  if (nested_parsers_.size() <= level) nested_parsers_.resize(level + 1);
  if (!nested_parsers_[level]) nested_parsers_[level] = std::make_unique<ondemand::parser>();
  ondemand::document doc;
  if (auto error = nested_parsers_[level]
                       ->iterate(simdjson::padded_string_view(copy, raw.size(), capacity))
                       .get(doc)) {
    return FailJson(error);
  }
  ondemand::json_type type;
  if (auto error = doc.type().get(type)) return FailJson(error);
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (auto error = doc.get_object().get(object)) return FailJson(error);
    return WalkObject(object, node_index, /*is_root=*/false, nest + 1);
  }
  ondemand::array array;
  if (auto error = doc.get_array().get(array)) return FailJson(error);
  return WalkArray(array, node_index, nest + 1);
}

bool JsonRecordParser::SetValue(uint32_t node_index, std::string_view value, int nest) {
  const auto value_index = static_cast<size_t>(trie_->node(node_index).value_index);
  if (value.size() > StringColumn::kMaxFieldBytes) {
    return Fail(RejectReason::kFieldTooLarge,
                "\"" + trie_->path(value_index) + "\" has " + std::to_string(value.size()) +
                    " bytes, above the limit of " + std::to_string(StringColumn::kMaxFieldBytes));
  }
  values_[value_index] = nest > 0 ? arena_.Copy(value) : value;
  return true;
}

bool JsonRecordParser::Minify(std::string_view raw, std::string_view& out) {
  char* buffer = arena_.Allocate(raw.size() + simdjson::SIMDJSON_PADDING);
  size_t length = 0;
  if (auto error = simdjson::minify(raw.data(), raw.size(), buffer, length)) return FailJson(error);
  out = std::string_view(buffer, length);
  return true;
}

}  // namespace idforge::read
