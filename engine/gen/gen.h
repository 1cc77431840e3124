// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The scale generator: writes the customer exports of one fictional company as real tools write
// them (a Salesforce contact extract, a Mailchimp audience re-saved with ';', Shopify customers as
// JSON lines), with realistic per-record errors, hard negatives, a truth file and a job file.
// Streaming: persons are made in fixed-size batches, each from its own seed, and written in
// order, so memory does not grow with the population and the bytes do not depend on threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "idforge/status.h"

namespace idforge::gen {

// Per-record variation rates (each drawn independently per record). Rates say "of the records
// where the error can apply" (a nickname needs a first name that has one).
struct ErrorRates {
  double keyboard_typo = 0.02;     // one slip in a name: neighbour key, transposition, drop, double
  double phonetic = 0.01;          // sound-alike spelling: ph/f, y/i, c/k, doubled letters
  double ocr = 0.003;              // scanned forms: rn/m, l/1, O/0, cl/d in a name or postcode
  double nickname = 0.08;          // Robert -> Bob
  double swapped_names = 0.01;     // first and last name exchanged
  double married_name = 0.4;       // of persons whose surname changed: the record has the other one
  double moved = 0.05;             // the person's previous address
  double gmail_variant = 0.15;     // of gmail addresses: dots moved or a +tag
  double case_noise = 0.04;        // JEAN DUPONT, jean dupont
  double accents_dropped = 0.2;    // of names with accents: Jérôme -> Jerome, Müller -> Mueller
  double alt_email = 0.08;         // the person's other address
  double dob_typo = 0.01;          // day and month swapped, or a digit off
  double junk = 0.01;              // placeholders: test@test.com, N/A, 000-000-0000
  double leading_zero_lost = 0.2;  // CRM postcodes through a spreadsheet: 02115 -> 2115
  double missing = 1.0;            // scales the per-source missing-value rates (0: none missing)
  double within_source_duplicate = 0.04;  // a second record of the person in the same source
};

// Who the persons are and where they appear.
struct PopulationOptions {
  double household = 0.04;   // partner of an earlier person: same address and landline
  double twin = 0.004;       // same surname, birth date, address; different first name
  double namesake = 0.01;    // same first and last name and city, otherwise another person
  double married = 0.25;     // of women: a birth and a married surname
  double in_crm = 0.55;
  double in_marketing = 0.6;
  double in_shop = 0.45;
};

struct GenerateOptions {
  uint64_t persons = 0;
  uint64_t seed = 1;
  std::string out_dir;
  int threads = 0;  // 0: all cores; the output does not depend on it
  ErrorRates rates;
  PopulationOptions population;
  // Persons per batch: the unit of parallelism and of memory. Part of the output's identity
  // (another batch size gives other files), so it is not a tuning knob for callers.
  uint32_t batch_persons = 4096;
  Status Validate() const;
};

// How often one variation was applied, out of the records where it could apply.
struct VariationCount {
  std::string name;
  uint64_t applied = 0;
  uint64_t eligible = 0;
};

struct GenerateSummary {
  uint64_t persons = 0;
  uint64_t persons_without_records = 0;
  uint64_t crm_records = 0;
  uint64_t marketing_records = 0;
  uint64_t shop_records = 0;
  uint64_t truth_rows = 0;
  uint64_t bytes_written = 0;
  uint64_t households = 0, twins = 0, namesakes = 0;
  uint64_t max_batch_bytes = 0;  // largest batch held in memory: bounded, whatever `persons` is
  std::vector<VariationCount> variations;
  std::vector<std::string> files;  // full paths, in the order written
  uint64_t records() const { return crm_records + marketing_records + shop_records; }
};

// Writes crm.csv, marketing.csv, shop.jsonl, truth.csv and job.json into options.out_dir (each
// atomically). Same options -> byte-identical files for any thread count.
Result<GenerateSummary> Generate(const GenerateOptions& options);

// Mean records per person under `options` (to size a data set by records: persons = N / this).
double ExpectedRecordsPerPerson(const GenerateOptions& options);

}  // namespace idforge::gen
