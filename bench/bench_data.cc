// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
#include "bench/bench_data.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string_view>

#include "engine/common/run_stats.h"
#include "engine/read/memory_input.h"

namespace idforge::bench {
namespace {

constexpr std::array<std::string_view, 16> kFirstNames = {
    "James", "Mary",   "Robert",  "Patricia", "John",    "Jennifer", "Michael", "Linda",
    "David", "Élodie", "William", "Søren",    "Richard", "Zoë",      "Joseph",  "Nguyễn"};
constexpr std::array<std::string_view, 16> kLastNames = {
    "Smith",   "Johnson",  "Williams",  "Brown", "Jones",    "Garcia", "Miller",   "Davis",
    "O'Brien", "Martinez", "Hernández", "Lopez", "Gonzalez", "Wilson", "Anderson", "Müller"};
constexpr std::array<std::string_view, 8> kStreets = {
    "Main St",    "Oak Avenue", "Pine Rd",         "Maple Drive",
    "Cedar Lane", "Elm Street", "Washington Blvd", "Lake View Terrace"};
constexpr std::array<std::string_view, 8> kCities = {"Springfield", "Riverside", "Franklin",
                                                     "Greenville",  "Bristol",   "Clinton",
                                                     "Fairview",    "Salem"};
constexpr std::array<std::string_view, 6> kNotes = {"",
                                                    "VIP customer",
                                                    "prefers email, not phone",
                                                    "said \"call after 5pm\"",
                                                    "moved in 2021\nold address on file",
                                                    "newsletter"};

template <size_t N>
std::string_view PickFrom(const std::array<std::string_view, N>& items, std::mt19937_64& rng) {
  return items[rng() % N];
}

void AppendQuoted(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
}

}  // namespace

void AppendCustomerCsvRecords(std::string& out, size_t first_row, size_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed ^ (first_row * 0x9E3779B97F4A7C15ull));
  char buffer[64];
  for (size_t row = first_row; row < first_row + rows; ++row) {
    const std::string_view first = PickFrom(kFirstNames, rng);
    const std::string_view last = PickFrom(kLastNames, rng);
    const uint64_t r = rng();
    // id, first, last, email
    out += "C";
    out += std::to_string(row + 1);
    out += ',';
    out += first;
    out += ',';
    out += last;
    out += ',';
    out += first;
    out += '.';
    out += last;
    out += std::to_string(r % 1000);
    out += "@example.com,";
    // phone, street number, street, unit
    std::snprintf(buffer, sizeof(buffer), "+1 (%03u) 555-%04u,%u,",
                  static_cast<unsigned>(r % 900 + 100), static_cast<unsigned>((r >> 10) % 10000),
                  static_cast<unsigned>((r >> 24) % 999 + 1));
    out += buffer;
    out += PickFrom(kStreets, rng);
    out += (r >> 34) % 4 == 0 ? ",\"Apt 4, Floor 2\"," : ",,";
    // city, region, postcode, country
    out += PickFrom(kCities, rng);
    std::snprintf(buffer, sizeof(buffer), ",CA,%05u,US,",
                  static_cast<unsigned>((r >> 40) % 100000));
    out += buffer;
    // dob, created_at, updated_at
    std::snprintf(buffer, sizeof(buffer), "19%02u-%02u-%02u,2023-01-%02uT10:00:00Z,",
                  static_cast<unsigned>(r % 100), static_cast<unsigned>((r >> 8) % 12 + 1),
                  static_cast<unsigned>((r >> 16) % 28 + 1),
                  static_cast<unsigned>((r >> 20) % 28 + 1));
    out += buffer;
    out += "2024-06-15T08:30:00Z,";
    // notes (quoted when needed), status
    const std::string_view note = PickFrom(kNotes, rng);
    if (note.find_first_of(",\"\n") != std::string_view::npos) {
      AppendQuoted(out, note);
    } else {
      out += note;
    }
    out += (r >> 50) % 3 == 0 ? ",\"Active\"\r\n" : ",Lead\r\n";
  }
}

std::string CustomerCsv(size_t rows, uint64_t seed) {
  std::string out =
      "Id,FirstName,LastName,Email,Phone,StreetNumber,Street,Unit,City,State,PostalCode,Country,"
      "Birthdate,CreatedDate,LastModifiedDate,Notes,Status\r\n";
  out.reserve(rows * 200);
  AppendCustomerCsvRecords(out, 0, rows, seed);
  return out;
}

SourceSpec CustomerCsvSpec() {
  SourceSpec spec;
  spec.name = "crm";
  spec.path = "crm.csv";
  spec.id_column = "Id";
  spec.updated_at_column = "LastModifiedDate";
  auto map = [&](Field field, std::vector<std::string> columns) {
    spec.fields[static_cast<size_t>(field)] = FieldMapping{std::move(columns), ""};
  };
  map(Field::kFirstName, {"FirstName"});
  map(Field::kLastName, {"LastName"});
  map(Field::kEmail, {"Email"});
  map(Field::kPhone, {"Phone"});
  map(Field::kStreet, {"StreetNumber", "Street"});
  map(Field::kCity, {"City"});
  map(Field::kRegion, {"State"});
  map(Field::kPostcode, {"PostalCode"});
  map(Field::kCountry, {"Country"});
  map(Field::kDob, {"Birthdate"});
  return spec;
}

uint64_t WriteCustomerCsvFile(const std::string& path, uint64_t bytes, uint64_t seed) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::string block = CustomerCsv(0, seed);
  uint64_t written = 0;
  uint64_t rows = 0;
  constexpr size_t kBlockRows = 50'000;
  while (written < bytes) {
    AppendCustomerCsvRecords(block, rows, kBlockRows, seed);
    rows += kBlockRows;
    written += std::fwrite(block.data(), 1, block.size(), file);
    block.clear();
  }
  std::fclose(file);
  return rows;
}

// ---- JSON lines (read stage) ----

namespace {

// splitmix64: a record's values depend only on (seed, index), so any range can be generated alone.
uint64_t JsonMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

void AppendJsonString(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

void AppendShopifyJsonRecords(std::string& out, size_t first, size_t records, uint64_t seed) {
  constexpr std::array<std::string_view, 4> kProvinces = {"IL", "CA", "NY", "TX"};
  for (size_t index = first; index < first + records; ++index) {
    uint64_t state = JsonMix(seed ^ (index * 0x2545F4914F6CDD1Dull));
    auto next = [&state] {
      state = JsonMix(state);
      return state;
    };
    const std::string_view first_name = kFirstNames[next() % kFirstNames.size()];
    const std::string_view last_name = kLastNames[next() % kLastNames.size()];
    const std::string id = std::to_string(8779761975521ull + index);
    out += "{\"id\":" + id;
    out += ",\"email\":";
    std::string email(1, static_cast<char>('a' + index % 26));
    email += ".";
    email += std::to_string(index % 100'000);
    email += "@example.com";
    AppendJsonString(out, email);
    out += ",\"accepts_marketing\":";
    out += (next() & 1) ? "true" : "false";
    out += ",\"created_at\":\"2023-0" + std::to_string(1 + next() % 9) + "-1" +
           std::to_string(next() % 10) + "T10:2" + std::to_string(next() % 10) + ":00-05:00\"";
    out += ",\"updated_at\":\"2024-0" + std::to_string(1 + next() % 9) + "-2" +
           std::to_string(next() % 10) + "T08:1" + std::to_string(next() % 10) + ":00-05:00\"";
    out += ",\"first_name\":";
    AppendJsonString(out, first_name);
    out += ",\"last_name\":";
    AppendJsonString(out, last_name);
    out += ",\"orders_count\":" + std::to_string(next() % 40);
    out += ",\"state\":\"enabled\",\"total_spent\":\"" + std::to_string(next() % 5000) + "." +
           std::to_string(10 + next() % 90) + "\"";
    out += ",\"note\":";
    if (next() % 4 == 0) {
      out += "\"caf\\u00e9 regular, \\\"VIP\\\"\"";
    } else {
      out += "null";
    }
    out += ",\"verified_email\":true,\"phone\":\"+1555" +
           std::to_string(1'000'000 + next() % 9'000'000) + "\"";
    out += ",\"tags\":[\"newsletter\",\"vip\"],\"default_address\":{\"id\":" +
           std::to_string(10'000'000'000ull + index);
    out += ",\"address1\":\"" + std::to_string(1 + next() % 9999) + " ";
    out += kStreets[next() % kStreets.size()];
    out += "\",\"address2\":";
    out += (next() % 3 == 0) ? "\"Apt " + std::to_string(1 + next() % 99) + "\"" : "\"\"";
    out += ",\"city\":\"";
    out += kCities[next() % kCities.size()];
    out += "\",\"province_code\":\"";
    out += kProvinces[next() % kProvinces.size()];
    out += "\",\"country_code\":\"US\",\"zip\":\"" + std::to_string(10'000 + next() % 89'999) +
           "\",\"default\":true}}\n";
  }
}

std::string ShopifyJsonLines(size_t records, uint64_t seed) {
  std::string out;
  out.reserve(records * 440);
  AppendShopifyJsonRecords(out, 0, records, seed);
  return out;
}

SourceSpec ShopifyJsonSpec() {
  SourceSpec spec;
  spec.name = "shop";
  spec.path = "customers.jsonl";
  spec.format = InputFormat::kJsonl;
  spec.id_column = "id";
  spec.updated_at_column = "updated_at";
  auto set = [&spec](Field field, std::vector<std::string> paths) {
    spec.fields[static_cast<size_t>(field)] = FieldMapping{std::move(paths), ""};
  };
  set(Field::kFirstName, {"first_name"});
  set(Field::kLastName, {"last_name"});
  set(Field::kEmail, {"email"});
  set(Field::kPhone, {"phone"});
  set(Field::kStreet, {"default_address.address1", "default_address.address2"});
  set(Field::kCity, {"default_address.city"});
  set(Field::kRegion, {"default_address.province_code"});
  set(Field::kPostcode, {"default_address.zip"});
  set(Field::kCountry, {"default_address.country_code"});
  return spec;
}

uint64_t WriteShopifyJsonLinesFile(const std::string& path, uint64_t bytes, uint64_t seed) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::string block;
  uint64_t written = 0;
  uint64_t records = 0;
  constexpr size_t kBlockRecords = 50'000;
  while (written < bytes) {
    block.clear();
    AppendShopifyJsonRecords(block, records, kBlockRecords, seed);
    records += kBlockRecords;
    written += std::fwrite(block.data(), 1, block.size(), file);
  }
  std::fclose(file);
  return records;
}

void RunInMemoryBenchmark(benchmark::State& state, const std::string& text, const SourceSpec& spec,
                          SourceReader reader) {
  const int threads = static_cast<int>(state.range(0));
  uint64_t records = 0;
  for (auto _ : state) {
    ExecContext ctx(threads);
    RecordTable table;
    table.AddSource(SourceInfo{});
    read::MemoryInputStream input(text);
    SourceReadStats stats;
    const Status status = reader(spec, input, 0, ReadOptions{}, table, ctx, stats);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    records = stats.records_read;
    benchmark::DoNotOptimize(table.row_count());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
}

void RunLargeFileBenchmark(benchmark::State& state, const char* path_env, const char* bytes_env,
                           FileWriter write, const SourceSpec& spec, SourceReader reader) {
  const char* path = std::getenv(path_env);
  if (path == nullptr) {
    state.SkipWithError((std::string("set ") + path_env + " to run").c_str());
    return;
  }
  if (!std::filesystem::exists(path)) {
    const char* bytes = std::getenv(bytes_env);
    write(path, bytes ? std::strtoull(bytes, nullptr, 10) : 1'100'000'000ull, /*seed=*/7);
  }
  const int threads = static_cast<int>(state.range(0));
  uint64_t records = 0;
  uint64_t file_bytes = 0;
  uint64_t store_bytes = 0;
  for (auto _ : state) {
    ExecContext ctx(threads);
    RecordTable table;
    table.AddSource(SourceInfo{});
    Result<std::unique_ptr<read::InputStream>> input =
        read::InputStream::Open(path, Compression::kNone, Encoding::kUtf8);
    if (!input.ok()) {
      state.SkipWithError(input.status().ToString().c_str());
      return;
    }
    SourceReadStats stats;
    const Status status = reader(spec, **input, 0, ReadOptions{}, table, ctx, stats);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    records = stats.records_read;
    file_bytes = stats.decoded_bytes;
    store_bytes = table.MemoryBytes();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(file_bytes));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records));
  state.counters["peak_rss_MB"] = static_cast<double>(PeakRssBytes()) / 1e6;
  state.counters["store_MB"] = static_cast<double>(store_bytes) / 1e6;
  state.counters["store_vs_input"] =
      static_cast<double>(store_bytes) / static_cast<double>(std::max<uint64_t>(file_bytes, 1));
}

}  // namespace idforge::bench
