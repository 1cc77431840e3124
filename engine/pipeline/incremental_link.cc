// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// The local re-linking of one incremental run. The working set is built in three layers: the
// delta's records (D), the stored records that share a blocking key with them (candidates C), and
// the remaining members of every touched entity (M). Only D's pairs are scored; pairs between
// stored records are the stored edges (their score cannot change: the model is fixed).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <span>
#include <unordered_set>

#include "engine/cluster/cluster.h"
#include "engine/common/edge.h"
#include "engine/common/hash.h"
#include "engine/pipeline/incremental_session.h"
#include "engine/pipeline/matching.h"
#include "engine/state/record_codec.h"
#include "engine/state/stable_ids.h"

namespace idforge::pipeline {
namespace {

// Copies row `row` of `from` to the end of `to` (NormalizedTable has no row-append of its own).
void AppendNormalizedRow(const NormalizedTable& from, uint32_t row, NormalizedTable& to) {
  for (Field field : AllFields()) to.mutable_value(field).Append(from.Get(field, row));
  for (size_t key = 0; key < kDerivedKeyCount; ++key) {
    to.mutable_derived(static_cast<DerivedKey>(key)).Append(from.Get(static_cast<DerivedKey>(key), row));
  }
  to.mutable_flags().push_back(from.flags(row));
}

// Same bounds as engine/match/score.cc: a unique surname adds up to 6 bits, a common one
// removes up to 10.
constexpr double kMaxTfBonus = 6.0;
constexpr double kMaxTfPenalty = -10.0;

// The working set: raw and normalized rows, the stored rid and entity of each (0 for D rows).
struct Work {
  explicit Work(const Session& session) : raw(session.extra_names) {
    for (const SourceInfo& source : session.sources) raw.AddSource(source);
  }
  RecordTable raw;
  NormalizedTable norm;
  std::vector<int64_t> rid;
  std::vector<int64_t> entity;
  std::unordered_map<int64_t, uint32_t> row_of_rid;
};

// Loads stored records into `work` and normalizes them as one batch.
Status LoadStored(Session& session, const std::vector<int64_t>& rids, Work& work, ExecContext& ctx) {
  if (rids.empty()) return Status::Ok();
  RecordTable part(session.extra_names);
  for (const SourceInfo& source : session.sources) part.AddSource(source);
  for (int64_t rid : rids) {
    IDFORGE_ASSIGN_OR_RETURN(state::StoredRecord record, session.store.LoadRecord(rid));
    IDFORGE_RETURN_IF_ERROR(
        state::AppendDecodedRecord(record.data, record.source, record.source_id, record.line, part));
    work.row_of_rid.emplace(rid, static_cast<uint32_t>(work.rid.size()));
    work.rid.push_back(rid);
    work.entity.push_back(record.entity);
  }
  IDFORGE_ASSIGN_OR_RETURN(NormalizedTable norm, normalize::NormalizeTable(part, session.normalize, ctx));
  work.raw.AppendRows(part);
  work.norm.AppendRows(norm);
  return Status::Ok();
}

std::string RecordKey(const RecordTable& raw, uint32_t row) {
  std::string key(raw.sources()[raw.source(row)].name);
  key.push_back('\x1f');
  key.append(raw.source_id(row));
  return key;
}

// Frequencies of term values, read from the store once per (comparison, value).
class TermTable {
 public:
  TermTable(Session& session, std::vector<int64_t> totals) : session_(session), totals_(std::move(totals)) {}
  Result<double> Adjustment(size_t comparison, uint64_t hash, double u_exact) {
    const uint64_t key = HashCombine(comparison, hash);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      IDFORGE_ASSIGN_OR_RETURN(int64_t count, session_.store.TermCount(static_cast<int64_t>(comparison), hash));
      it = cache_.emplace(key, count).first;
    }
    if (it->second <= 0 || totals_[comparison] <= 0) return 0.0;
    const double tf = static_cast<double>(it->second) / static_cast<double>(totals_[comparison]);
    return std::clamp(std::log2(u_exact / tf), kMaxTfPenalty, kMaxTfBonus);
  }

 private:
  Session& session_;
  std::vector<int64_t> totals_;
  std::unordered_map<uint64_t, int64_t> cache_;
};

}  // namespace

int64_t NameOrder(const NormalizedTable& norm, uint32_t row) {
  // The first 8 bytes of block.cc's SortByName key "surname_compact|first_name|dob".
  uint64_t prefix = 0;
  int taken = 0;
  auto take = [&](std::string_view part) {
    for (size_t pos = 0; pos < part.size() && taken < 8; ++pos, ++taken) {
      prefix |= static_cast<uint64_t>(static_cast<unsigned char>(part[pos])) << (8 * (7 - taken));
    }
  };
  take(norm.Get(DerivedKey::kSurnameCompact, row));
  take("|");
  take(norm.Get(Field::kFirstName, row));
  take("|");
  take(norm.Get(Field::kDob, row));
  // Unsigned order -> signed order.
  return std::bit_cast<int64_t>(prefix ^ (uint64_t{1} << 63));
}

std::string_view TermValue(const NormalizedTable& norm, match::ComparisonKind kind, uint32_t row) {
  switch (kind) {
    case match::ComparisonKind::kFirstName: return norm.Get(Field::kFirstName, row);
    case match::ComparisonKind::kLastName: return norm.Get(DerivedKey::kSurnameCompact, row);
    default: return {};
  }
}

Result<std::string> NewGoldenId(state::Store& store, std::string_view key,
                                const std::vector<std::string>& issued_this_run) {
  std::string seed(key);
  for (uint32_t attempt = 0;; ++attempt) {
    char hex[24];
    std::snprintf(hex, sizeof(hex), "g%016llx", static_cast<unsigned long long>(HashKey(seed)));
    IDFORGE_ASSIGN_OR_RETURN(bool issued, store.GoldenIdIssued(hex));
    if (!issued && std::find(issued_this_run.begin(), issued_this_run.end(), hex) == issued_this_run.end()) {
      return std::string(hex);
    }
    seed = std::string(key) + "#" + std::to_string(attempt + 1);
  }
}

Result<LinkCounts> ApplyDelta(Session& session, Delta& delta, std::vector<ChangeEvent>& events,
                              ExecContext& ctx) {
  LinkCounts counts;
  state::Store& store = session.store;
  const std::unordered_set<int64_t> removed(delta.removed.begin(), delta.removed.end());

  // Entities before this run that lose records, and everything about the removed records that
  // events and term counts need, read before they are deleted.
  std::vector<int64_t> touched;  // prior entity numbers, first-seen order
  std::unordered_map<int64_t, uint32_t> touched_index;
  auto touch = [&](int64_t entity) {
    if (entity != 0 && touched_index.emplace(entity, static_cast<uint32_t>(touched.size())).second) {
      touched.push_back(entity);
    }
  };
  std::unordered_map<int64_t, int64_t> removed_entity;
  struct DeletedRecord {
    int64_t entity;
    std::string source;
    std::string source_id;
  };
  std::vector<DeletedRecord> deleted_records;
  for (int64_t rid : delta.removed) {
    IDFORGE_ASSIGN_OR_RETURN(state::StoredRecord record, store.LoadRecord(rid));
    removed_entity[rid] = record.entity;
    touch(record.entity);
    if (std::find(delta.deleted.begin(), delta.deleted.end(), rid) != delta.deleted.end()) {
      deleted_records.push_back({record.entity, session.sources[record.source].name, record.source_id});
    }
  }

  // Term counts follow the record set: removed records' values out, the delta's in.
  const size_t comparison_count = session.comparisons.size();
  std::vector<int64_t> totals(comparison_count, 0);
  for (size_t c = 0; c < comparison_count; ++c) {
    if (!session.comparisons[c].term_frequency) continue;
    IDFORGE_ASSIGN_OR_RETURN(std::optional<std::string> total,
                             store.GetMeta("term_total_" + std::to_string(c)));
    totals[c] = total ? std::stoll(*total) : 0;
  }
  for (int64_t rid : delta.removed) {
    IDFORGE_ASSIGN_OR_RETURN(auto keys, store.KeysOf(rid));
    for (const auto& [kind, key] : keys) {
      if (kind < state::kTermKindBase) continue;
      IDFORGE_RETURN_IF_ERROR(store.AddTermCount(kind - state::kTermKindBase, key, -1));
      --totals[static_cast<size_t>(kind - state::kTermKindBase)];
    }
    IDFORGE_RETURN_IF_ERROR(store.DeleteRecord(rid));
  }

  // D: the delta's records, normalized, keyed and counted.
  Work work(session);
  const uint32_t d_rows = delta.raw.row_count();
  {
    IDFORGE_ASSIGN_OR_RETURN(NormalizedTable norm,
                             normalize::NormalizeTable(delta.raw, session.normalize, ctx));
    work.raw.AppendRows(delta.raw);
    work.norm.AppendRows(norm);
    work.rid.assign(d_rows, 0);
    work.entity.assign(d_rows, 0);
  }
  std::vector<std::vector<state::KindKey>> d_keys(d_rows);  // (kind, key) per row
  std::vector<int64_t> d_name(d_rows);                       // NameOrder per row
  {
    std::string key;
    std::string scratch;
    for (uint32_t row = 0; row < d_rows; ++row) {
      d_name[row] = NameOrder(work.norm, row);
      for (size_t r = 0; r < session.rules.size(); ++r) {
        if (block::BuildKey(session.rules[r], work.norm, row, key, scratch)) {
          d_keys[row].emplace_back(static_cast<int64_t>(r), HashKey(key));
        }
      }
      for (size_t c = 0; c < comparison_count; ++c) {
        if (!session.comparisons[c].term_frequency) continue;
        const std::string_view value = TermValue(work.norm, session.comparisons[c].kind, row);
        if (value.empty()) continue;
        const uint64_t hash = HashKey(value);
        d_keys[row].emplace_back(state::kTermKindBase + static_cast<int64_t>(c), hash);
        IDFORGE_RETURN_IF_ERROR(store.AddTermCount(static_cast<int64_t>(c), hash, 1));
        ++totals[c];
      }
    }
  }
  for (size_t c = 0; c < comparison_count; ++c) {
    if (!session.comparisons[c].term_frequency) continue;
    IDFORGE_RETURN_IF_ERROR(store.SetMeta("term_total_" + std::to_string(c), std::to_string(totals[c])));
  }

  // C: the stored records a batch run over the state and the delta would pair with a D record.
  // As block::BuildBlocks: a block of at most pairwise_block_size records (stored and new) is
  // compared pairwise; a larger one is windowed, each record meeting its generic_window
  // neighbours on either side in name order (the stored members carry their name order in the
  // key index, so the neighbours are two short range scans however large the block). Pairs
  // between two stored records are not proposed again: their edges are stored.
  std::vector<std::vector<int64_t>> d_candidates(d_rows);  // stored rids per D row
  std::vector<std::vector<uint32_t>> d_peers(d_rows);      // later D rows to score with
  {
    struct Probe {
      int64_t kind;
      uint64_t key;
      std::vector<uint32_t> rows;  // D rows with the key, ascending
    };
    std::vector<Probe> probes;
    std::unordered_map<uint64_t, uint32_t> probe_of;  // HashCombine(kind, key)
    for (uint32_t row = 0; row < d_rows; ++row) {
      for (const auto& [kind, key] : d_keys[row]) {
        if (kind >= state::kTermKindBase) continue;
        const auto [it, added] = probe_of.emplace(HashCombine(static_cast<uint64_t>(kind), key),
                                                  static_cast<uint32_t>(probes.size()));
        if (added) probes.push_back({kind, key, {}});
        probes[it->second].rows.push_back(row);
      }
    }
    // In index order: the lookups walk the key b-tree from left to right, each page read once,
    // instead of at random.
    std::sort(probes.begin(), probes.end(), [](const Probe& x, const Probe& y) {
      return std::pair(x.kind, static_cast<int64_t>(x.key)) < std::pair(y.kind, static_cast<int64_t>(y.key));
    });
    const uint32_t pairwise = session.pairwise_block_size;
    const uint32_t window = session.generic_window;
    struct Place {
      int64_t name;
      int64_t order;  // stored: rid; D row: after every stored rid, in row order
      int64_t rid;    // 0 for a D row
      uint32_t row;
    };
    std::vector<Place> places;
    std::vector<state::BlockMember> near;
    for (const Probe& probe : probes) {
      IDFORGE_ASSIGN_OR_RETURN(std::vector<state::BlockMember> head,
                               store.BlockHead(probe.kind, probe.key, pairwise + 1));
      if (head.size() + probe.rows.size() <= pairwise) {
        for (size_t i = 0; i < probe.rows.size(); ++i) {
          const uint32_t row = probe.rows[i];
          for (const state::BlockMember& member : head) d_candidates[row].push_back(member.rid);
          for (size_t j = i + 1; j < probe.rows.size(); ++j) d_peers[row].push_back(probe.rows[j]);
        }
        continue;
      }
      near.clear();
      if (head.size() <= pairwise) {
        near = std::move(head);  // the whole stored block
      } else {
        for (uint32_t row : probe.rows) {
          for (const bool before : {true, false}) {
            IDFORGE_ASSIGN_OR_RETURN(std::vector<state::BlockMember> side,
                                     before ? store.MembersBefore(probe.kind, probe.key, d_name[row], window)
                                            : store.MembersAfter(probe.kind, probe.key, d_name[row], window));
            near.insert(near.end(), side.begin(), side.end());
          }
        }
      }
      places.clear();
      for (const state::BlockMember& member : near) places.push_back({member.name, member.rid, member.rid, 0});
      for (uint32_t row : probe.rows) {
        places.push_back({d_name[row], std::numeric_limits<int64_t>::max() - d_rows + row, 0, row});
      }
      std::sort(places.begin(), places.end(), [](const Place& x, const Place& y) {
        return std::pair(x.name, x.order) < std::pair(y.name, y.order);
      });
      places.erase(std::unique(places.begin(), places.end(),
                               [](const Place& x, const Place& y) { return x.order == y.order; }),
                   places.end());
      for (size_t p = 0; p < places.size(); ++p) {
        if (places[p].rid != 0) continue;
        const uint32_t row = places[p].row;
        const size_t first = p >= window ? p - window : 0;
        const size_t last = std::min(places.size() - 1, p + window);
        for (size_t q = first; q <= last; ++q) {
          if (q == p) continue;
          if (places[q].rid != 0) {
            d_candidates[row].push_back(places[q].rid);
          } else if (places[q].row > row) {
            d_peers[row].push_back(places[q].row);
          }
        }
      }
    }
    std::vector<int64_t> candidate_rids;
    for (auto& list : d_candidates) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      candidate_rids.insert(candidate_rids.end(), list.begin(), list.end());
    }
    for (auto& list : d_peers) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    std::sort(candidate_rids.begin(), candidate_rids.end());
    candidate_rids.erase(std::unique(candidate_rids.begin(), candidate_rids.end()), candidate_rids.end());
    IDFORGE_RETURN_IF_ERROR(LoadStored(session, candidate_rids, work, ctx));
  }

  // Score D's pairs with the stored model and the state's term frequencies.
  std::vector<Edge> new_edges;  // in work rows
  {
    const match::Comparator comparator(work.norm, session.comparisons, &ctx);
    TermTable terms(session, totals);
    const double prior = session.model.PriorLogOdds();
    const double threshold = session.model.ThresholdWeight();
    auto score = [&](uint32_t x, uint32_t y) -> Status {
      const uint32_t a = std::min(x, y);
      const uint32_t b = std::max(x, y);
      const match::Pattern pattern = comparator.Compare(a, b);
      const bool conflict = match::FirstNamesConflict(session.comparisons, pattern);
      double weight = prior;
      for (size_t c = 0; c < comparison_count; ++c) {
        const uint8_t level = match::LevelOf(pattern, c);
        double added = session.model.LogBayesFactor(c, level);
        const auto& levels = session.model.comparisons[c].levels;
        if (level != match::kNullLevel && level + 1u == levels.size() && session.comparisons[c].term_frequency) {
          // As TermFrequencies::PairAdjustment: the smaller of the two sides' adjustments.
          double adjustment = 0;
          bool first = true;
          for (const uint32_t row : {a, b}) {
            const std::string_view value = TermValue(work.norm, session.comparisons[c].kind, row);
            if (value.empty()) continue;
            IDFORGE_ASSIGN_OR_RETURN(double side, terms.Adjustment(c, HashKey(value), levels[level].u));
            adjustment = first ? side : std::min(adjustment, side);
            first = false;
          }
          added += adjustment;
        }
        weight += match::CountedWeight(session.comparisons[c], added, conflict);
      }
      ++counts.pairs_scored;
      if (weight >= threshold) new_edges.push_back({a, b, static_cast<float>(weight)});
      return Status::Ok();
    };
    for (uint32_t row = 0; row < d_rows; ++row) {
      for (int64_t rid : d_candidates[row]) IDFORGE_RETURN_IF_ERROR(score(row, work.row_of_rid.at(rid)));
      for (uint32_t peer : d_peers[row]) IDFORGE_RETURN_IF_ERROR(score(row, peer));
    }
  }

  // Touched entities: those that lost records and those a D record links to. Their remaining
  // members (M) join the working set.
  for (const Edge& edge : new_edges) {
    for (uint32_t row : {edge.a, edge.b}) touch(work.entity[row]);
  }
  {
    std::vector<int64_t> missing;
    for (int64_t entity : touched) {
      IDFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> members, store.MembersOf(entity));
      for (int64_t rid : members) {
        if (!work.row_of_rid.contains(rid) && !removed.contains(rid)) missing.push_back(rid);
      }
    }
    IDFORGE_RETURN_IF_ERROR(LoadStored(session, missing, work, ctx));
  }
  counts.entities_touched = static_cast<int64_t>(touched.size());

  // S: D and the members of touched entities, as compact tables for clustering and survivorship.
  std::vector<uint32_t> s_rows;
  std::vector<uint32_t> s_of_work(work.rid.size(), UINT32_MAX);
  for (uint32_t row = 0; row < work.rid.size(); ++row) {
    if (row < d_rows || touched_index.contains(work.entity[row])) {
      s_of_work[row] = static_cast<uint32_t>(s_rows.size());
      s_rows.push_back(row);
    }
  }
  RecordTable s_raw(session.extra_names);
  for (const SourceInfo& source : session.sources) s_raw.AddSource(source);
  NormalizedTable s_norm;
  for (uint32_t row : s_rows) {
    s_raw.AppendRow(work.raw, row, 0);
    AppendNormalizedRow(work.norm, row, s_norm);
  }
  std::vector<Edge> s_edges;
  for (const Edge& edge : new_edges) {
    if (s_of_work[edge.a] != UINT32_MAX && s_of_work[edge.b] != UINT32_MAX) {
      s_edges.push_back({s_of_work[edge.a], s_of_work[edge.b], edge.weight});
    }
  }
  for (uint32_t row : s_rows) {
    if (row < d_rows) continue;
    IDFORGE_ASSIGN_OR_RETURN(std::vector<state::StoredEdge> stored, store.EdgesOf(work.rid[row]));
    for (const state::StoredEdge& edge : stored) {
      if (edge.a != work.rid[row]) continue;  // each stored edge once, from its smaller rid
      auto other = work.row_of_rid.find(edge.b);
      if (other == work.row_of_rid.end() || s_of_work[other->second] == UINT32_MAX) continue;
      const uint32_t a = s_of_work[row];
      const uint32_t b = s_of_work[other->second];
      s_edges.push_back({std::min(a, b), std::max(a, b), edge.weight});
    }
  }
  cluster::ClusterOptions cluster_options;
  cluster_options.max_entity_size = session.max_entity_size;
  const cluster::Clustering clustering =
      cluster::ConnectEdges(s_raw.row_count(), s_edges, cluster_options, CannotLinkRule(s_norm, session.comparisons), ctx);
  const uint32_t clusters = clustering.entity_count();

  // Stable ids: each new cluster keeps, inherits by merge, or is given a golden id.
  std::vector<state::PriorEntity> prior(touched.size());
  for (size_t t = 0; t < touched.size(); ++t) {
    IDFORGE_ASSIGN_OR_RETURN(state::EntityInfo info, store.LoadEntity(touched[t]));
    prior[t] = {info.golden_id, info.created_run};
  }
  // Members of each cluster, ascending (CSR): the loops below visit each cluster's rows, not
  // every row per cluster (that was O(clusters x rows): 1 s of a 10 k-record delta on 1 M).
  std::vector<uint32_t> member_offsets(clusters + 1, 0);
  std::vector<uint32_t> members_by_cluster(s_rows.size());
  for (uint32_t s = 0; s < s_rows.size(); ++s) ++member_offsets[clustering.entity_of[s] + 1];
  for (uint32_t c = 0; c < clusters; ++c) member_offsets[c + 1] += member_offsets[c];
  {
    std::vector<uint32_t> next(member_offsets.begin(), member_offsets.end() - 1);
    for (uint32_t s = 0; s < s_rows.size(); ++s) members_by_cluster[next[clustering.entity_of[s]]++] = s;
  }
  auto members_of = [&](uint32_t c) {
    return std::span<const uint32_t>(members_by_cluster.data() + member_offsets[c],
                                     member_offsets[c + 1] - member_offsets[c]);
  };
  state::ClusterOrigins origins(clusters);
  {
    std::vector<std::unordered_map<uint32_t, uint32_t>> tally(clusters);
    for (uint32_t s = 0; s < s_rows.size(); ++s) {
      const uint32_t row = s_rows[s];
      int64_t entity = work.entity[row];
      if (row < d_rows && delta.prev_rid[row] != 0) entity = removed_entity[delta.prev_rid[row]];
      if (entity != 0) ++tally[clustering.entity_of[s]][touched_index.at(entity)];
    }
    for (uint32_t c = 0; c < clusters; ++c) {
      origins[c].assign(tally[c].begin(), tally[c].end());
      std::sort(origins[c].begin(), origins[c].end());
    }
  }
  const state::IdAssignment assignment = state::AssignIds(prior, origins);
  std::vector<std::string> golden_ids(clusters);
  std::vector<std::string> issued;
  for (uint32_t c = 0; c < clusters; ++c) {
    if (assignment.keeps[c] != state::IdAssignment::kNone) {
      golden_ids[c] = prior[static_cast<size_t>(assignment.keeps[c])].golden_id;
      continue;
    }
    std::string smallest;
    for (const uint32_t s : members_of(c)) {
      std::string key = RecordKey(s_raw, s);
      if (smallest.empty() || key < smallest) smallest = std::move(key);
    }
    IDFORGE_ASSIGN_OR_RETURN(golden_ids[c], NewGoldenId(store, smallest, issued));
    issued.push_back(golden_ids[c]);
  }
  IDFORGE_ASSIGN_OR_RETURN(survive::GoldenTable golden,
                           survive::BuildGolden(s_raw, s_norm, clustering, golden_ids,
                                                session.survivorship, ctx));

  // Write: retire ids that merged or died, store D's records, keys and edges, then entities.
  for (size_t t = 0; t < touched.size(); ++t) {
    const int32_t cluster = assignment.cluster_of_prior[t];
    if (cluster != state::IdAssignment::kNone && assignment.keeps[static_cast<size_t>(cluster)] == static_cast<int32_t>(t)) {
      continue;
    }
    IDFORGE_RETURN_IF_ERROR(store.DeleteEntity(touched[t]));
    if (cluster == state::IdAssignment::kNone) {
      IDFORGE_RETURN_IF_ERROR(store.RetireGoldenId(prior[t].golden_id, "deleted", "", session.run));
      events.push_back({"deleted", prior[t].golden_id, "", "", ""});
      ++counts.deleted;
    } else {
      const std::string& into = golden_ids[static_cast<size_t>(cluster)];
      IDFORGE_RETURN_IF_ERROR(store.RetireGoldenId(prior[t].golden_id, "merged", into, session.run));
      events.push_back({"merged", into, prior[t].golden_id, "", ""});
      ++counts.merged;
    }
  }
  {
    // Index rows in index order (one pass over the key b-tree), keysets in rid order.
    std::vector<std::tuple<int64_t, int64_t, int64_t, int64_t>> key_rows;  // kind, key, name, rid
    for (uint32_t row = 0; row < d_rows; ++row) {
      IDFORGE_ASSIGN_OR_RETURN(work.rid[row],
                               store.InsertRecord(delta.raw.source(row), delta.raw.source_id(row),
                                                  delta.hashes[row], delta.raw.line(row), delta.encoded[row]));
      IDFORGE_RETURN_IF_ERROR(store.InsertKeyset(work.rid[row], d_name[row], d_keys[row]));
      for (const auto& [kind, key] : d_keys[row]) {
        if (kind < state::kTermKindBase) {
          key_rows.emplace_back(kind, static_cast<int64_t>(key), d_name[row], work.rid[row]);
        }
      }
    }
    std::sort(key_rows.begin(), key_rows.end());
    for (const auto& [kind, key, name, rid] : key_rows) {
      IDFORGE_RETURN_IF_ERROR(store.InsertKeyRow(kind, static_cast<uint64_t>(key), name, rid));
    }
  }
  for (const Edge& edge : new_edges) {
    const int64_t a = work.rid[edge.a];
    const int64_t b = work.rid[edge.b];
    IDFORGE_RETURN_IF_ERROR(store.InsertEdge({std::min(a, b), std::max(a, b), edge.weight}));
  }
  std::vector<int64_t> entity_of_cluster(clusters, 0);
  for (uint32_t c = 0; c < clusters; ++c) {
    if (assignment.keeps[c] != state::IdAssignment::kNone) {
      entity_of_cluster[c] = touched[static_cast<size_t>(assignment.keeps[c])];
    } else {
      IDFORGE_ASSIGN_OR_RETURN(entity_of_cluster[c], store.InsertEntity(golden_ids[c], session.run));
    }
    std::string line;
    std::string provenance;
    FormatGolden(s_raw, golden, c, line, provenance);
    IDFORGE_RETURN_IF_ERROR(store.UpdateEntity(entity_of_cluster[c], golden.member_count[c], line, provenance));
  }
  for (uint32_t s = 0; s < s_rows.size(); ++s) {
    const uint32_t c = clustering.entity_of[s];
    IDFORGE_RETURN_IF_ERROR(store.SetRecordEntity(work.rid[s_rows[s]], entity_of_cluster[c], clustering.best_weight[s]));
  }

  // Events: one per entity change; new and changed records are named on `created`/`updated`.
  for (uint32_t c = 0; c < clusters; ++c) {
    const bool kept = assignment.keeps[c] != state::IdAssignment::kNone;
    if (!kept && assignment.split_from[c] != state::IdAssignment::kNone) {
      events.push_back({"split", golden_ids[c], prior[static_cast<size_t>(assignment.split_from[c])].golden_id, "", ""});
      ++counts.split;
    }
    const std::string_view event = kept ? "updated" : assignment.split_from[c] == state::IdAssignment::kNone ? "created" : "updated";
    if (kept) ++counts.updated;
    if (!kept && assignment.split_from[c] == state::IdAssignment::kNone) ++counts.created;
    bool named = false;
    for (const uint32_t s : members_of(c)) {
      if (s_rows[s] >= d_rows) continue;
      events.push_back({event, golden_ids[c], "", std::string(s_raw.sources()[s_raw.source(s)].name),
                        std::string(s_raw.source_id(s))});
      named = true;
    }
    if (!named && kept) events.push_back({"updated", golden_ids[c], "", "", ""});
  }
  for (const DeletedRecord& record : deleted_records) {
    const std::string& was = prior[touched_index.at(record.entity)].golden_id;
    events.push_back({"deleted", was, "", record.source, record.source_id});
  }
  return counts;
}

}  // namespace idforge::pipeline
