// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Renders one batch of persons into the bytes of each export and of the truth file: the unit
// of work of Generate(). A batch depends only on (options, batch index), never on other batches.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/gen/gen.h"
#include "engine/gen/person.h"
#include "engine/gen/random.h"
#include "engine/gen/tables.h"

namespace idforge::gen {

enum class Variation : uint8_t {
  kKeyboardTypo, kPhonetic, kOcr, kNickname, kSwappedNames, kMarriedName, kMoved, kGmailVariant,
  kCaseNoise, kAccentsDropped, kAltEmail, kDobTypo, kJunk, kMissing, kWithinSourceDuplicate,
  kLeadingZeroLost, kCount
};
inline constexpr size_t kVariationCount = static_cast<size_t>(Variation::kCount);
std::string_view VariationName(Variation v);

struct Counter {
  uint64_t applied = 0;
  uint64_t eligible = 0;
};

struct BatchOutput {
  std::string crm, marketing, shop, truth;
  uint64_t crm_records = 0, marketing_records = 0, shop_records = 0;
  uint64_t persons = 0, persons_without_records = 0;
  uint64_t households = 0, twins = 0, namesakes = 0;
  std::array<Counter, kVariationCount> variations{};
  uint64_t bytes() const { return crm.size() + marketing.size() + shop.size() + truth.size(); }
  void Clear();
};

// Holds per-batch scratch (persons, value buffers) reused from batch to batch; one per thread.
class BatchRenderer {
 public:
  BatchRenderer(const Tables& tables, const GenerateOptions& options)
      : tables_(tables), options_(options) {}
  void Render(uint64_t batch_index, BatchOutput& out);

 private:
  struct Values;
  void RenderCrm(const Person& p, uint32_t copy, BatchOutput& out);
  void RenderMarketing(const Person& p, uint32_t copy, BatchOutput& out);
  void RenderShop(const Person& p, uint32_t copy, BatchOutput& out);
  void Names(const Person& p, BatchOutput& out);
  void Email(const Person& p, uint8_t source, uint32_t copy, BatchOutput& out);
  bool Hit(Variation v, double rate, BatchOutput& out);
  // The address a record shows: current or previous, street type spelling, second line or not.
  struct AddressChoice {
    const Address* address;
    bool abbreviated;
    bool line2;
  };
  AddressChoice ChooseAddress(const Person& p, BatchOutput& out);
  // Whether the record gives the landline rather than the mobile.
  bool ChooseLandline(const Person& p);
  bool Missing(double rate, BatchOutput& out);
  void Truth(std::string_view source, std::string_view id, const Person& p, BatchOutput& out);

  const Tables& tables_;
  const GenerateOptions& options_;
  Rng rng_{0};
  bool last_alt_ = false;  // whether the previous record used the person's other address
  std::vector<Person> persons_;
  // Scratch values of the record being rendered (capacity reused: no per-record allocation).
  std::string first_, last_, email_, phone_, street_, id_, cell_;
};

}  // namespace idforge::gen
