// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Generate(): batches rendered in parallel (tbb::parallel_pipeline), written in batch order. A
// bounded number of batches is alive at once, so memory stays flat however many persons.
#include <tbb/concurrent_queue.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <memory>
#include <optional>

#include "engine/common/atomic_file.h"
#include "engine/gen/gen.h"
#include "engine/gen/records.h"
#include "engine/gen/tables.h"

namespace idforge::gen {
namespace {

// Maximum persons: mobile numbers are a bijection of the person index on 27 bits.
constexpr uint64_t kMaxPersons = 1ULL << 27;

constexpr std::string_view kCrmHeader =
    "\xEF\xBB\xBF\"Id\",\"FirstName\",\"LastName\",\"Email\",\"Phone\",\"MobilePhone\","
    "\"MailingStreet\",\"MailingCity\",\"MailingState\",\"MailingPostalCode\",\"MailingCountry\","
    "\"Birthdate\",\"Title\",\"AccountName\",\"CreatedDate\",\"LastModifiedDate\"\r\n";
constexpr std::string_view kMarketingHeader =
    "Email Address;First Name;Last Name;Address;Phone Number;Birthday;MEMBER_RATING;OPTIN_TIME;"
    "LAST_CHANGED;LEID;EUID;TAGS\n";
constexpr std::string_view kTruthHeader = "source,source_id,entity_id\n";

// The job that reads the three exports (paths relative to it, as SPEC.md says).
constexpr std::string_view kJobJson = R"({
  "sources": [
    {
      "name": "crm",
      "path": "crm.csv",
      "format": "csv",
      "delimiter": ",",
      "id": "Id",
      "default_country": "US",
      "updated_at": "LastModifiedDate",
      "priority": 1,
      "fields": {
        "first_name": "FirstName",
        "last_name": "LastName",
        "email": "Email",
        "phone": "Phone",
        "street": "MailingStreet",
        "city": "MailingCity",
        "region": "MailingState",
        "postcode": "MailingPostalCode",
        "country": "MailingCountry",
        "dob": {"column": "Birthdate", "format": "%Y-%m-%d"},
        "company": "AccountName",
        "job_title": "Title",
        "mobile_phone": "MobilePhone"
      }
    },
    {
      "name": "marketing",
      "path": "marketing.csv",
      "format": "csv",
      "delimiter": ";",
      "id": "LEID",
      "default_country": "US",
      "updated_at": "LAST_CHANGED",
      "priority": 3,
      "fields": {
        "email": "Email Address",
        "first_name": "First Name",
        "last_name": "Last Name",
        "address": "Address",
        "phone": "Phone Number",
        "member_rating": "MEMBER_RATING"
      }
    },
    {
      "name": "shop",
      "path": "shop.jsonl",
      "format": "jsonl",
      "id": "id",
      "default_country": "US",
      "updated_at": "updated_at",
      "priority": 2,
      "fields": {
        "email": "email",
        "first_name": "first_name",
        "last_name": "last_name",
        "phone": "phone",
        "street": ["default_address.address1", "default_address.address2"],
        "city": "default_address.city",
        "region": "default_address.province_code",
        "postcode": "default_address.zip",
        "country": "default_address.country_code",
        "company": "default_address.company",
        "total_spent": "total_spent"
      }
    }
  ],
  "output": {"dir": "out"},
  "on_error": "reject"
}
)";

struct Token {
  uint64_t batch = 0;
  BatchOutput out;
};

Status CheckRate(std::string_view name, double rate) {
  if (rate >= 0 && rate <= 1) return Status::Ok();
  return InvalidArgument("gen: " + std::string(name) + " = " + std::to_string(rate) +
                         ": a rate must be between 0 and 1");
}

}  // namespace

Status GenerateOptions::Validate() const {
  if (persons == 0 || persons > kMaxPersons) {
    return InvalidArgument("gen: persons must be between 1 and " + std::to_string(kMaxPersons));
  }
  if (out_dir.empty()) return InvalidArgument("gen: an output directory is required (--out DIR)");
  if (batch_persons < 64 || batch_persons > (1u << 20)) {
    return InvalidArgument("gen: batch_persons must be between 64 and 1048576");
  }
  const std::pair<std::string_view, double> checks[] = {
      {"keyboard_typo", this->rates.keyboard_typo}, {"phonetic", this->rates.phonetic},
      {"ocr", this->rates.ocr}, {"nickname", this->rates.nickname},
      {"swapped_names", this->rates.swapped_names}, {"married_name", this->rates.married_name},
      {"moved", this->rates.moved}, {"gmail_variant", this->rates.gmail_variant},
      {"case_noise", this->rates.case_noise}, {"accents_dropped", this->rates.accents_dropped},
      {"alt_email", this->rates.alt_email}, {"dob_typo", this->rates.dob_typo},
      {"junk", this->rates.junk}, {"leading_zero_lost", this->rates.leading_zero_lost},
      {"within_source_duplicate", this->rates.within_source_duplicate},
      {"household", population.household}, {"twin", population.twin},
      {"namesake", population.namesake}, {"married", population.married},
      {"in_crm", population.in_crm}, {"in_marketing", population.in_marketing},
      {"in_shop", population.in_shop}};
  for (const auto& [name, rate] : checks) IDFORGE_RETURN_IF_ERROR(CheckRate(name, rate));
  if (this->rates.missing < 0 || this->rates.missing > 10) {
    return InvalidArgument("gen: missing is a scale of the per-source rates, between 0 and 10");
  }
  if (population.household + population.twin + population.namesake > 1) {
    return InvalidArgument("gen: household + twin + namesake must not exceed 1");
  }
  return Status::Ok();
}

double ExpectedRecordsPerPerson(const GenerateOptions& options) {
  const PopulationOptions& p = options.population;
  return (p.in_crm + p.in_marketing + p.in_shop) * (1 + options.rates.within_source_duplicate);
}

Result<GenerateSummary> Generate(const GenerateOptions& options) {
  IDFORGE_RETURN_IF_ERROR(options.Validate());
  IDFORGE_RETURN_IF_ERROR(EnsureDirectory(options.out_dir));
  const Tables tables;
  const std::string dir = options.out_dir + "/";
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile crm, AtomicFile::Open(dir + "crm.csv"));
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile marketing, AtomicFile::Open(dir + "marketing.csv"));
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile shop, AtomicFile::Open(dir + "shop.jsonl"));
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile truth, AtomicFile::Open(dir + "truth.csv"));
  crm.Write(kCrmHeader);
  marketing.Write(kMarketingHeader);
  truth.Write(kTruthHeader);

  GenerateSummary summary;
  summary.bytes_written = kCrmHeader.size() + kMarketingHeader.size() + kTruthHeader.size();
  std::array<Counter, kVariationCount> variations{};
  const uint64_t batches = (options.persons + options.batch_persons - 1) / options.batch_persons;
  std::optional<tbb::task_arena> arena;
  if (options.threads > 0) arena.emplace(options.threads);
  else arena.emplace();
  arena->execute([&] {
    const auto tokens = static_cast<size_t>(2 * tbb::this_task_arena::max_concurrency());
    std::vector<std::unique_ptr<Token>> pool;
    tbb::concurrent_queue<Token*> free_tokens;
    for (size_t k = 0; k < tokens; ++k) {
      pool.push_back(std::make_unique<Token>());
      free_tokens.push(pool.back().get());
    }
    tbb::enumerable_thread_specific<std::unique_ptr<BatchRenderer>> renderers(
        [&] { return std::make_unique<BatchRenderer>(tables, options); });
    uint64_t next = 0;
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, Token*>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> Token* {
                                         if (next == batches) {
                                           fc.stop();
                                           return nullptr;
                                         }
                                         Token* token = nullptr;
                                         if (!free_tokens.try_pop(token)) {
                                           pool.push_back(std::make_unique<Token>());
                                           token = pool.back().get();
                                         }
                                         token->batch = next++;
                                         return token;
                                       }) &
            tbb::make_filter<Token*, Token*>(tbb::filter_mode::parallel,
                                             [&](Token* token) {
                                               renderers.local()->Render(token->batch, token->out);
                                               return token;
                                             }) &
            tbb::make_filter<Token*, void>(tbb::filter_mode::serial_in_order, [&](Token* token) {
              const BatchOutput& out = token->out;
              crm.Write(out.crm);
              marketing.Write(out.marketing);
              shop.Write(out.shop);
              truth.Write(out.truth);
              summary.bytes_written += out.bytes();
              summary.max_batch_bytes = std::max(summary.max_batch_bytes, out.bytes());
              summary.persons += out.persons;
              summary.persons_without_records += out.persons_without_records;
              summary.crm_records += out.crm_records;
              summary.marketing_records += out.marketing_records;
              summary.shop_records += out.shop_records;
              summary.households += out.households;
              summary.twins += out.twins;
              summary.namesakes += out.namesakes;
              for (size_t v = 0; v < kVariationCount; ++v) {
                variations[v].applied += out.variations[v].applied;
                variations[v].eligible += out.variations[v].eligible;
              }
              free_tokens.push(token);
            }));
  });
  if (summary.persons != options.persons) {
    return Internal("gen: wrote " + std::to_string(summary.persons) + " persons of " +
                    std::to_string(options.persons));
  }
  summary.truth_rows = summary.records();
  for (size_t v = 0; v < kVariationCount; ++v) {
    summary.variations.push_back({std::string(VariationName(static_cast<Variation>(v))),
                                  variations[v].applied, variations[v].eligible});
  }
  for (auto* file : {&crm, &marketing, &shop, &truth}) IDFORGE_RETURN_IF_ERROR(file->Commit());
  IDFORGE_ASSIGN_OR_RETURN(AtomicFile job, AtomicFile::Open(dir + "job.json"));
  job.Write(kJobJson);
  IDFORGE_RETURN_IF_ERROR(job.Commit());
  summary.bytes_written += kJobJson.size();
  summary.files = {dir + "crm.csv", dir + "marketing.csv", dir + "shop.jsonl", dir + "truth.csv",
                   dir + "job.json"};
  return summary;
}

}  // namespace idforge::gen
