// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "engine/report/profile_json.h"

#include <string>

namespace idforge::report {
namespace {

double Ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

const FieldQuality* QualityOf(const RunStats& stats, size_t source_idx, Field field) {
  if (source_idx >= stats.quality().size()) return nullptr;
  return &stats.quality()[source_idx][static_cast<size_t>(field)];
}

std::string SourceName(std::span<const SourceInfo> sources, size_t idx) {
  return idx < sources.size() ? sources[idx].name : "source " + std::to_string(idx + 1);
}

void WriteCounts(JsonWriter& json, std::string_view key, std::string_view text_key,
                 const std::vector<ValueCount>& counts) {
  json.Key(key);
  json.BeginArray();
  for (const ValueCount& item : counts) {
    json.BeginObject();
    json.Field(text_key, item.value);
    json.Field("count", item.count);
    json.EndObject();
  }
  json.EndArray();
}

void WriteDuplicates(JsonWriter& json, std::string_view key, const DuplicateStats& stats) {
  json.Key(key);
  json.BeginObject();
  json.Field("records", stats.records);
  json.Field("distinct", stats.distinct);
  json.Field("duplicate_records", stats.duplicate_records);
  json.Field("groups", stats.groups);
  json.Field("largest_group", stats.largest_group);
  json.EndObject();
}

}  // namespace

double FillRate(const RunStats& stats, size_t source_idx, Field field) {
  const FieldQuality* quality = QualityOf(stats, source_idx, field);
  const uint64_t records =
      source_idx < stats.profile().sources.size() ? stats.profile().sources[source_idx].records : 0;
  return quality == nullptr ? 0.0 : Ratio(quality->filled, records);
}

double ValidityRate(const RunStats& stats, size_t source_idx, Field field) {
  const FieldQuality* quality = QualityOf(stats, source_idx, field);
  return quality == nullptr ? 0.0 : Ratio(quality->valid, quality->filled);
}

void WriteProfileJson(JsonWriter& json, std::span<const SourceInfo> sources, const RunStats& stats) {
  const ProfileStats& profile = stats.profile();
  json.Key("profile");
  json.BeginObject();
  json.Field("values", profile.values_unmasked ? "unmasked" : "masked");
  json.Field("distinct_method", "exact (XXH3-64 hash of each normalized value)");
  json.Key("sources");
  json.BeginArray();
  for (size_t source_idx = 0; source_idx < profile.sources.size(); ++source_idx) {
    const SourceProfile& source = profile.sources[source_idx];
    json.BeginObject();
    json.Field("source", SourceName(sources, source_idx));
    json.Field("records", source.records);
    json.Key("fields");
    json.BeginObject();
    for (const FieldProfile& field : source.fields) {
      json.Key(FieldName(field.field));
      json.BeginObject();
      json.Key("fill_rate");
      json.Double(FillRate(stats, source_idx, field.field), 6);
      json.Key("validity_rate");
      json.Double(ValidityRate(stats, source_idx, field.field), 6);
      json.Field("values", field.values);
      json.Field("distinct", field.distinct);
      WriteCounts(json, "top_values", "value", field.top_values);
      json.Field("patterns", field.patterns);
      WriteCounts(json, "top_patterns", "pattern", field.top_patterns);
      json.EndObject();
    }
    json.EndObject();
    WriteDuplicates(json, "exact_duplicate_records", source.exact_records);
    json.Key("duplicate_keys");
    json.BeginObject();
    WriteDuplicates(json, "email", source.email);
    WriteDuplicates(json, "phone", source.phone);
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.Key("across_sources");
  json.BeginArray();
  for (const SourcePairProfile& pair : profile.pairs) {
    json.BeginObject();
    json.Key("sources");
    json.BeginArray();
    json.String(SourceName(sources, pair.a));
    json.String(SourceName(sources, pair.b));
    json.EndArray();
    json.Key("common_fields");
    json.BeginArray();
    for (Field field : pair.common_fields) json.String(FieldName(field));
    json.EndArray();
    json.Field("first_records_in_second", pair.a_records_in_b);
    json.Field("second_records_in_first", pair.b_records_in_a);
    json.Field("shared_emails", pair.shared_emails);
    json.Field("shared_phones", pair.shared_phones);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

}  // namespace idforge::report
