// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Blocking: new key functions, and giant blocks. A value shared by a large share of the records
// (test@test.com) must add work linear in its block, not quadratic: the candidate count with the
// giant block stays within (block size x window) of the count without it.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/block/block_index.h"
#include "engine/match/comparisons.h"
#include "engine/match/pair_iteration.h"
#include "engine/match/score.h"
#include "engine/match/train.h"
#include "engine/normalize/normalize_table.h"
#include "tests/match/synthetic_customers.h"

namespace idforge::match {
namespace {

// Every `every`-th record gets the same email (one shared mailbox).
RecordTable WithSharedEmail(RecordTable table, uint32_t every) {
  RecordTable out = std::move(table);
  StringColumn& email = out.mutable_field(Field::kEmail);
  StringColumn replaced;
  for (uint32_t row = 0; row < out.row_count(); ++row) {
    replaced.Append(row % every == 0 ? std::string_view("jane.doe@mailbox-shop.net") : email.Get(row));
  }
  email = std::move(replaced);
  return out;
}

uint64_t DistinctCandidatePairs(const block::BlockIndex& blocks) {
  uint64_t pairs = 0;
  for (size_t r = 0; r < blocks.rule_count(); ++r) {
    for (uint32_t b = 0; b < blocks.block_count(r); ++b) {
      ForEachPairInBlock(blocks, r, b, [&](uint32_t x, uint32_t y) { pairs += !blocks.ProposedEarlier(r, x, y); });
    }
  }
  return pairs;
}

TEST(GiantBlockTest, OneEmailSharedByAFifthOfTheRecordsStaysLinear) {
  ExecContext ctx(2);
  const RecordTable plain = test::SyntheticCustomers(10'000, 5);
  const RecordTable shared = WithSharedEmail(test::SyntheticCustomers(10'000, 5), 5);
  const uint32_t rows = plain.row_count();
  const uint32_t giant = (rows + 4) / 5;
  ASSERT_GT(giant, 3000u);

  const NormalizedTable plain_n = std::move(normalize::NormalizeTable(plain, {}, ctx)).value();
  const NormalizedTable shared_n = std::move(normalize::NormalizeTable(shared, {}, ctx)).value();
  block::BlockingOptions options;  // default rules, max_block_size 1000, window 8
  const block::BlockIndex plain_blocks = std::move(block::BuildBlocks(plain_n, options, ctx)).value();
  const block::BlockIndex shared_blocks = std::move(block::BuildBlocks(shared_n, options, ctx)).value();

  // Reported for the audit, masked, with its size.
  bool reported = false;
  for (const block::GenericValue& value : shared_blocks.generic_values()) {
    if (shared_blocks.rule(value.rule).text == "email_canonical" ||
        shared_blocks.rule(value.rule).text == "email_local") {
      EXPECT_EQ(value.size, giant);
      EXPECT_EQ(value.masked_value.find("jane.doe@"), std::string::npos) << value.masked_value;
      reported = true;
    }
  }
  EXPECT_TRUE(reported);

  // Pairwise, the giant block alone would be giant * (giant - 1) / 2 (~2 M) pairs.
  const uint64_t plain_pairs = DistinctCandidatePairs(plain_blocks);
  const uint64_t shared_pairs = DistinctCandidatePairs(shared_blocks);
  const uint64_t linear_allowance = 2ull * giant * options.generic_window;  // email + email_local
  EXPECT_LE(shared_pairs, plain_pairs + linear_allowance)
      << "plain " << plain_pairs << ", with the shared email " << shared_pairs;
}

TEST(GiantBlockTest, WindowedBlockCountsMatchItsPairs) {
  ExecContext ctx(1);
  const RecordTable shared = WithSharedEmail(test::SyntheticCustomers(3000, 9), 2);
  const NormalizedTable normalized = std::move(normalize::NormalizeTable(shared, {}, ctx)).value();
  block::BlockingOptions options;
  options.rules = {std::move(block::ParseBlockingRule("email_canonical")).value()};
  options.max_block_size = 100;
  options.generic_window = 4;
  const block::BlockIndex blocks = std::move(block::BuildBlocks(normalized, options, ctx)).value();
  ASSERT_EQ(blocks.stats(0).generic_blocks, 1u);
  uint64_t visited = 0;
  for (uint32_t b = 0; b < blocks.block_count(0); ++b) {
    uint64_t in_block = 0;
    ForEachPairInBlock(blocks, 0, b, [&](uint32_t x, uint32_t y) {
      EXPECT_LT(x, y);
      ++in_block;
    });
    EXPECT_EQ(in_block, PairsInBlock(blocks, 0, b));
    if (blocks.is_generic(0, b)) {
      EXPECT_LE(in_block, blocks.members(0, b).size() * 4);
    }
    visited += in_block;
  }
  EXPECT_EQ(visited, blocks.stats(0).candidate_pairs);
}

TEST(BlockingKeysTest, EmailLocalPartAndPhoneticSortedNames) {
  RecordTable raw;
  raw.AddSource({.name = "crm", .default_country = "GB"});
  const std::vector<std::array<std::string, 3>> people = {
      {"dylan", "macdonald", "dmacdonald@rivers-glass.biz"},
      {"macdonald", "dylan", "dmacdonald@rivers-glas.biz"},  // swapped names, domain typo
      {"dilan", "mcdonald", "info@rivers-glass.biz"},       // a role mailbox: no local key
  };
  uint32_t row = 0;
  for (const auto& [first, last, email] : people) {
    for (Field field : AllFields()) {
      std::string value;
      if (field == Field::kFirstName) value = first;
      if (field == Field::kLastName) value = last;
      if (field == Field::kEmail) value = email;
      raw.mutable_field(field).Append(value);
    }
    raw.mutable_source_id_column().Append(std::to_string(row));
    raw.mutable_updated_at_column().Append("");
    raw.AppendRowMeta(0, ++row + 1);
  }
  ExecContext ctx(1);
  const NormalizedTable table = std::move(normalize::NormalizeTable(raw, {}, ctx)).value();
  std::string key0, key1, key2, scratch;
  const block::BlockingRule local = std::move(block::ParseBlockingRule("email_local")).value();
  ASSERT_TRUE(block::BuildKey(local, table, 0, key0, scratch));
  ASSERT_TRUE(block::BuildKey(local, table, 1, key1, scratch));
  EXPECT_EQ(key0, "dmacdonald");
  EXPECT_EQ(key0, key1);
  EXPECT_FALSE(block::BuildKey(local, table, 2, key2, scratch));
  EXPECT_EQ(local.fields, std::vector<Field>{Field::kEmail});

  const block::BlockingRule names = std::move(block::ParseBlockingRule("names_sorted_phonetic")).value();
  ASSERT_TRUE(block::BuildKey(names, table, 0, key0, scratch));
  ASSERT_TRUE(block::BuildKey(names, table, 1, key1, scratch));
  EXPECT_EQ(key0, key1);
}

}  // namespace
TEST(DefaultRulesTest, OrganisationRecordsAddCompanyPhoneAndAddressRules) {
  // Rows of {first name, last name, company}: organisation records have no person name.
  auto table_of = [](const std::vector<std::array<std::string, 3>>& rows) {
    RecordTable raw;
    raw.AddSource({.name = "sites", .default_country = "US"});
    uint32_t row = 0;
    for (const auto& [first, last, company] : rows) {
      for (Field field : AllFields()) {
        std::string value;
        if (field == Field::kFirstName) value = first;
        if (field == Field::kLastName) value = last;
        if (field == Field::kCompany) value = company;
        raw.mutable_field(field).Append(value);
      }
      raw.mutable_source_id_column().Append(std::to_string(row));
      raw.mutable_updated_at_column().Append("");
      raw.AppendRowMeta(0, ++row + 1);
    }
    ExecContext ctx(1);
    return std::move(normalize::NormalizeTable(raw, {}, ctx)).value();
  };
  auto has_company_rule = [](const std::vector<block::BlockingRule>& rules) {
    return std::any_of(rules.begin(), rules.end(), [](const block::BlockingRule& r) { return r.text == "company"; });
  };
  const size_t person_rules = block::DefaultBlockingRules().size();
  const NormalizedTable sites = table_of({{"", "", "Haley Academy"}, {"", "", "CPS Haley"}, {"", "", "Acme Corp"}});
  EXPECT_TRUE(has_company_rule(block::DefaultBlockingRules(sites)));
  EXPECT_GT(block::DefaultBlockingRules(sites).size(), person_rules);
  // Customers with an employer column keep the person rules only.
  const NormalizedTable customers =
      table_of({{"Ann", "Lee", "Acme Corp"}, {"Bob", "Ray", "Acme Corp"}, {"Cy", "Oh", ""}});
  EXPECT_FALSE(has_company_rule(block::DefaultBlockingRules(customers)));
  EXPECT_EQ(block::DefaultBlockingRules(customers).size(), person_rules);
}

}  // namespace idforge::match
