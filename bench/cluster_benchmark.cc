// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Clustering and survivorship: union-find on 10 M nodes / 20 M random edges (fixed seed) on 1
// and 2 threads, the whole ConnectEdges() on the same graph and on an entity-like graph (small
// components), and BuildGolden() records/s on synthetic customers with 1-3 records per entity.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/cluster/union_find.h"
#include "engine/normalize/normalize_table.h"
#include "engine/survive/survive.h"

namespace idforge {
namespace {

constexpr uint32_t kNodes = 10'000'000;
constexpr size_t kEdges = 20'000'000;

// Uniform random edges (a < b): a random graph of average degree 4, one giant component.
const std::vector<Edge>& RandomEdges() {
  static const std::vector<Edge> edges = [] {
    std::mt19937_64 rng(20260501);
    std::vector<Edge> out;
    out.reserve(kEdges);
    while (out.size() < kEdges) {
      const auto a = static_cast<uint32_t>(rng() % kNodes);
      const auto b = static_cast<uint32_t>(rng() % kNodes);
      if (a == b) continue;
      out.push_back({std::min(a, b), std::max(a, b), static_cast<float>(rng() % 40)});
    }
    return out;
  }();
  return edges;
}

// What matching produces: records in small entities (1-8 rows spread over the table, as sources
// are appended one after another), every edge inside one entity.
const std::vector<Edge>& EntityEdges() {
  static const std::vector<Edge> edges = [] {
    std::mt19937_64 rng(20260502);
    std::vector<uint32_t> order(kNodes);
    for (uint32_t i = 0; i < kNodes; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<Edge> out;
    out.reserve(kEdges);
    size_t at = 0;
    while (out.size() < kEdges && at + 8 < kNodes) {
      const size_t size = 2 + rng() % 7;
      for (size_t i = 1; i < size; ++i) {
        for (size_t j = 0; j < i && out.size() < kEdges; ++j) {
          const uint32_t a = order[at + i];
          const uint32_t b = order[at + j];
          if (rng() % 2) out.push_back({std::min(a, b), std::max(a, b), 10.0f});
        }
        const uint32_t a = order[at + i];
        const uint32_t b = order[at + i - 1];
        out.push_back({std::min(a, b), std::max(a, b), 12.0f});  // keeps the entity connected
      }
      at += size;
    }
    return out;
  }();
  return edges;
}

void BM_UnionFind_Random10M20M(benchmark::State& state) {
  const std::vector<Edge>& edges = RandomEdges();
  ExecContext ctx(static_cast<int>(state.range(0)));
  const std::span<const Edge> chunks[1] = {edges};
  for (auto _ : state) {
    cluster::ConcurrentUnionFind sets(kNodes);
    sets.UnionAll(cluster::EdgeChunks(chunks), ctx);
    benchmark::DoNotOptimize(sets.Find(kNodes - 1));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(edges.size()));
}
BENCHMARK(BM_UnionFind_Random10M20M)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void RunConnectEdges(benchmark::State& state, const std::vector<Edge>& edges) {
  ExecContext ctx(static_cast<int>(state.range(0)));
  cluster::ClusterOptions options;
  options.max_entity_size = std::numeric_limits<uint32_t>::max();  // the guards never fire
  uint32_t entities = 0;
  for (auto _ : state) {
    const cluster::Clustering clustering = cluster::ConnectEdges(kNodes, edges, options, {}, ctx);
    entities = clustering.entity_count();
    benchmark::DoNotOptimize(clustering.entity_of.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(edges.size()));
  state.counters["entities"] = entities;
}

// Union-find, then Find for every row, grouping, numbering and best link per row.
void BM_ConnectEdges_Random10M20M(benchmark::State& state) { RunConnectEdges(state, RandomEdges()); }
BENCHMARK(BM_ConnectEdges_Random10M20M)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ConnectEdges_Entities10M20M(benchmark::State& state) { RunConnectEdges(state, EntityEdges()); }
BENCHMARK(BM_ConnectEdges_Entities10M20M)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- survivorship ----

struct GoldenFixture {
  RecordTable raw;
  NormalizedTable normalized;
  cluster::Clustering clustering;
  std::vector<std::string> golden_ids;
};

// 200 k persons with 1-3 records each over two sources (different priorities), names with
// typos and case variants, emails, phones, birth dates, addresses and update times.
const GoldenFixture& GetGoldenFixture() {
  static const GoldenFixture fixture = [] {
    GoldenFixture f;
    std::mt19937_64 rng(20260503);
    const std::vector<std::string> firsts = {"Robert", "Bob",  "Jérôme", "Zoe",  "Maria", "Jean",
                                             "Emilie", "Hans", "Siobhan", "Ahmed", "Anna", "Grace"};
    const std::vector<std::string> lasts = {"Lefèvre", "Smith",  "Garcia", "van der Berg",
                                            "Müller",  "O'Brien", "Nguyen", "Dubois"};
    const std::vector<std::string> cities = {"Lyon", "London", "Berlin", "Madrid", "Paris"};
    f.raw.AddSource({.name = "crm", .priority = 1});
    f.raw.AddSource({.name = "shop", .priority = 2});
    std::vector<Edge> edges;
    uint32_t row = 0;
    for (uint32_t person = 0; person < 200'000; ++person) {
      const std::string first = firsts[rng() % firsts.size()];
      const std::string last = lasts[rng() % lasts.size()] + std::to_string(rng() % 500);
      const std::string email = "p" + std::to_string(person) + "@example.com";
      const std::string phone = "+33 6 " + std::to_string(10000000 + rng() % 89999999);
      const std::string dob = std::to_string(1940 + rng() % 60) + "-0" +
                              std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 9);
      const std::string street = std::to_string(1 + rng() % 200) + " rue de la Paix";
      const std::string city = cities[rng() % cities.size()];
      const uint32_t copies = 1 + static_cast<uint32_t>(rng() % 3);
      const uint32_t first_row = row;
      for (uint32_t copy = 0; copy < copies; ++copy, ++row) {
        for (Field field : AllFields()) {
          std::string value;
          switch (field) {
            case Field::kFirstName:
              value = copy == 1 ? first.substr(0, first.size() - 1) : first;
              break;
            case Field::kLastName:
              value = last;
              break;
            case Field::kEmail:
              value = rng() % 5 ? email : "";
              break;
            case Field::kPhone:
              value = rng() % 3 ? phone : "";
              break;
            case Field::kDob:
              value = rng() % 4 ? dob : "";
              break;
            case Field::kStreet:
              value = rng() % 4 ? street : "";
              break;
            case Field::kCity:
              value = city;
              break;
            case Field::kPostcode:
              value = rng() % 2 ? "69001" : "";
              break;
            default:
              break;
          }
          f.raw.mutable_field(field).Append(value);
        }
        f.raw.mutable_source_id_column().Append(std::to_string(row));
        f.raw.mutable_updated_at_column().Append("2024-0" + std::to_string(1 + rng() % 9) + "-1" +
                                                 std::to_string(rng() % 9) + "T10:00:00");
        f.raw.AppendRowMeta(static_cast<uint16_t>(copy % 2), row + 2);
        if (copy > 0) edges.push_back({first_row, row, 20.0f});
      }
    }
    ExecContext ctx(2);
    f.normalized = std::move(normalize::NormalizeTable(f.raw, {}, ctx)).value();
    f.clustering = cluster::ConnectEdges(f.raw.row_count(), edges, {}, {}, ctx);
    for (uint32_t entity = 0; entity < f.clustering.entity_count(); ++entity) {
      f.golden_ids.push_back("g" + std::to_string(entity));
    }
    return f;
  }();
  return fixture;
}

void BM_BuildGolden_Customers(benchmark::State& state) {
  const GoldenFixture& f = GetGoldenFixture();
  ExecContext ctx(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto golden = survive::BuildGolden(f.raw, f.normalized, f.clustering, f.golden_ids, {}, ctx);
    benchmark::DoNotOptimize(golden);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.raw.row_count()));
  state.counters["records"] = f.raw.row_count();
  state.counters["entities"] = f.clustering.entity_count();
}
BENCHMARK(BM_BuildGolden_Customers)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace idforge
