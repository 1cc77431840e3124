// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// One JSON record to the values of its needed dotted paths. The paths of a source compile into a
// small trie of path components; a JsonRecordParser walks each record's object once, matching keys
// against the trie and descending only into members that some needed path goes through.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/arena.h"
#include "engine/common/reject_log.h"

namespace idforge::read {

// The needed dotted paths of a source ("default_address.city", "addresses.0.city") as a trie of
// components. A component matches an object key spelled exactly like it (keys are compared as
// written in the file, without unescaping, like simdjson's find_field, unless the key contains a
// backslash escape, which is unescaped first); a component that is a decimal number also indexes
// an array. Keys that contain a '.' cannot be addressed.
// Immutable once built; shared read-only by all parse tasks.
class JsonPathTrie {
 public:
  struct Node {
    std::string name;                // the component (empty for the root)
    int64_t array_index = -1;        // name as a non-negative decimal, else -1
    int32_t value_index = -1;        // needed index of the path that ends here, else -1
    std::vector<uint32_t> children;  // node indexes, in first-seen order
    int64_t max_array_index = -1;    // largest array_index among children
    uint64_t prefix = 0;             // the first 8 bytes of name, zero-padded, for fast matching
  };

  explicit JsonPathTrie(std::span<const std::string> paths);

  const Node& node(uint32_t index) const { return nodes_[index]; }
  static constexpr uint32_t kRoot = 0;
  size_t node_count() const { return nodes_.size(); }
  size_t value_count() const { return value_count_; }
  // The dotted path of needed index `value_index` (for reject details).
  const std::string& path(size_t value_index) const { return paths_[value_index]; }

 private:
  std::vector<Node> nodes_;
  std::vector<std::string> paths_;
  size_t value_count_ = 0;
};

// Parses records and extracts their needed values. Strings are unescaped UTF-8; numbers keep their
// JSON text; booleans are "true"/"false"; null and missing are empty; an object or array value is
// its minified JSON text. When a key repeats in one object, its first occurrence wins.
//
// Ownership: values() views point into the parser's buffers or its arena and the input text; they
// are valid until the next Parse*() call.
// Thread-safety: not thread-safe; one per worker thread (it owns simdjson parsers).
class JsonRecordParser {
 public:
  explicit JsonRecordParser(const JsonPathTrie& trie);
  JsonRecordParser(JsonRecordParser&&) noexcept = default;
  JsonRecordParser& operator=(JsonRecordParser&&) = delete;

  // Parses `text` as one JSON text that must be an object. Returns true and fills values(), or
  // false and fills error_reason()/error_detail(). Everything after the object but whitespace is
  // a syntax error.
  // REQUIRES: `capacity` >= text.size() + SIMDJSON_PADDING bytes are readable at text.data().
  bool ParseDocument(std::string_view text, size_t capacity);

  // Extracts the values of `object`, an element of a document another parser iterates. On a
  // simdjson error returns false with kJsonSyntax; the caller's iteration cannot go on then.
  bool ParseObject(simdjson::ondemand::object& object);

  std::span<const std::string_view> values() const { return values_; }
  RejectReason error_reason() const { return error_reason_; }
  const std::string& error_detail() const { return error_detail_; }
  // After a failed Parse*(): true when simdjson itself failed, so the document's iterator is
  // unusable; false for a value the reader refused (too large, a malformed number), after which an
  // enclosing array can still move on to its next element.
  bool iterator_failed() const { return iterator_failed_; }

 private:
  void BeginRecord();
  bool Fail(RejectReason reason, std::string detail);
  bool FailJson(simdjson::error_code error);
  // Walks the members of `object` whose keys are children of `node`. At the root every member is
  // visited, so that a syntax error anywhere in the top level is seen; below it the walk stops once
  // every child was found (simdjson skips the rest when the parent moves on).
  bool WalkObject(simdjson::ondemand::object& object, uint32_t node, bool is_root, int depth);
  bool WalkArray(simdjson::ondemand::array& array, uint32_t node, int depth);
  bool TakeValue(simdjson::ondemand::value& value, uint32_t node, int depth);
  // A node that is both a needed path and a prefix of others: its value's raw text is kept and
  // re-parsed by a nested parser to reach the longer paths (rare in mappings).
  bool TakeContainerAndDescend(std::string_view raw, uint32_t node, int depth);
  bool SetValue(uint32_t node, std::string_view value, int depth);
  bool Minify(std::string_view raw, std::string_view& out);

  const JsonPathTrie* trie_;
  simdjson::ondemand::parser parser_;
  // Parsers for the rare re-parse path, by nesting depth; created on first use.
  std::vector<std::unique_ptr<simdjson::ondemand::parser>> nested_parsers_;
  Arena arena_;  // minified containers and re-parsed strings of the current record
  std::vector<std::string_view> values_;
  std::vector<uint32_t> seen_stamp_;  // per node: record_stamp_ when the node was matched
  uint32_t record_stamp_ = 0;
  RejectReason error_reason_ = RejectReason::kJsonSyntax;
  bool iterator_failed_ = false;
  std::string error_detail_;
};

}  // namespace idforge::read
