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
  Status appended;
  IDFORGE_RETURN_IF_ERROR(session.store.ForEachRecord(rids, [&](const state::StoredRecord& record) {
    if (!appended.ok()) return;
    appended = state::AppendDecodedRecord(record.data, record.source, record.source_id, record.line, part);
    work.row_of_rid.emplace(record.rid, static_cast<uint32_t>(work.rid.size()));
    work.rid.push_back(record.rid);
    work.entity.push_back(record.entity);
  }));
  IDFORGE_RETURN_IF_ERROR(appended);
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

namespace {

// delta keys -> block number: open addressing over a power-of-two table of 64-bit tags (a
// std::unordered_map lookup per stored key, ~13 per record, would dominate the scan), behind a
// one-bit filter of 16 bits per block, at least 2^21 (256 KiB: it stays in L2) that turns away
// most stored keys, which belong to no block of the delta, with one read.
class BlockTable {
 public:
  explicit BlockTable(size_t blocks) {
    size_t capacity = 16;
    while (capacity < 2 * blocks) capacity <<= 1;
    mask_ = capacity - 1;
    tags_.assign(capacity, 0);
    blocks_.assign(capacity, 0);
    size_t bits = size_t{1} << 21;
    while (bits < 16 * blocks) bits <<= 1;
    filter_mask_ = bits - 1;
    filter_.assign(bits / 64, 0);
  }
  // Keys are XXH3 hashes already: mixing the kind in is enough (no hash call per stored key).
  static uint64_t Tag(int64_t kind, uint64_t key) {
    return (key ^ (static_cast<uint64_t>(kind) * 0x9E3779B97F4A7C15ULL)) | 1;
  }
  // The block of `tag`, adding it as `next` when absent.
  uint32_t FindOrAdd(uint64_t tag, uint32_t next) {
    for (size_t slot = Slot(tag);; slot = (slot + 1) & mask_) {
      if (tags_[slot] == tag) return blocks_[slot];
      if (tags_[slot] == 0) {
        tags_[slot] = tag;
        blocks_[slot] = next;
        const size_t bit = Bit(tag);
        filter_[bit / 64] |= uint64_t{1} << (bit % 64);
        return next;
      }
    }
  }
  // UINT32_MAX when absent.
  uint32_t Find(uint64_t tag) const {
    const size_t bit = Bit(tag);
    if ((filter_[bit / 64] & (uint64_t{1} << (bit % 64))) == 0) return UINT32_MAX;
    for (size_t slot = Slot(tag);; slot = (slot + 1) & mask_) {
      if (tags_[slot] == tag) return blocks_[slot];
      if (tags_[slot] == 0) return UINT32_MAX;
    }
  }

 private:
  size_t Slot(uint64_t tag) const { return static_cast<size_t>((tag * 0x9E3779B97F4A7C15ULL) >> 20) & mask_; }
  size_t Bit(uint64_t tag) const { return static_cast<size_t>((tag * 0xC2B2AE3D27D4EB4FULL) >> 24) & filter_mask_; }
  size_t mask_ = 0;
  size_t filter_mask_ = 0;
  std::vector<uint64_t> filter_;
  std::vector<uint64_t> tags_;
  std::vector<uint32_t> blocks_;
};

// A stored member of a block in block order.
struct Member {
  int64_t name;
  int64_t rid;
  auto operator<=>(const Member&) const = default;
};

}  // namespace

Result<DeltaCandidates> FindCandidates(const std::vector<std::vector<state::KindKey>>& d_keys,
                                       const std::vector<int64_t>& d_name, uint32_t pairwise,
                                       uint32_t window, const KeysetScan& scan) {
  const auto d_rows = static_cast<uint32_t>(d_keys.size());
  struct Block {
    int64_t kind;
    uint64_t key;
    std::vector<uint32_t> rows;  // delta rows with the key, ascending
    uint64_t stored = 0;         // stored members
    std::vector<Member> head;    // the first `pairwise` stored members (all of a small block)
    // Per rows[i]: the `window` nearest stored members before it (a min-heap: its top is the
    // farthest kept) and after it (a max-heap).
    std::vector<std::vector<Member>> before;
    std::vector<std::vector<Member>> after;
  };
  std::vector<Block> blocks;
  size_t key_count = 0;
  for (const auto& keys : d_keys) key_count += keys.size();
  BlockTable table(key_count);
  for (uint32_t row = 0; row < d_rows; ++row) {
    for (const auto& [kind, key] : d_keys[row]) {
      if (kind >= state::kTermKindBase) continue;
      const uint32_t block = table.FindOrAdd(BlockTable::Tag(kind, key), static_cast<uint32_t>(blocks.size()));
      if (block == blocks.size()) blocks.push_back({kind, key, {}, 0, {}, {}, {}});
      if (blocks[block].kind != kind || blocks[block].key != key) continue;  // a tag collision (~2^-63)
      if (blocks[block].rows.empty() || blocks[block].rows.back() != row) blocks[block].rows.push_back(row);
    }
  }
  for (Block& block : blocks) {
    block.before.resize(block.rows.size());
    block.after.resize(block.rows.size());
  }
  const auto by_greater = [](const Member& x, const Member& y) { return x > y; };
  IDFORGE_RETURN_IF_ERROR(scan([&](int64_t rid, const state::Keyset& keyset) {
    for (const auto& [kind, key] : keyset.keys) {
      if (kind >= state::kTermKindBase) continue;
      const uint32_t found = table.Find(BlockTable::Tag(kind, key));
      if (found == UINT32_MAX) continue;
      Block& block = blocks[found];
      if (block.kind != kind || block.key != key) continue;  // a tag collision
      const Member member{keyset.name, rid};
      ++block.stored;
      if (block.head.size() < pairwise) block.head.push_back(member);
      for (size_t i = 0; i < block.rows.size(); ++i) {
        if (member.name <= d_name[block.rows[i]]) {
          std::vector<Member>& heap = block.before[i];  // keep the largest
          if (heap.size() < window) {
            heap.push_back(member);
            std::push_heap(heap.begin(), heap.end(), by_greater);
          } else if (member > heap.front()) {
            std::pop_heap(heap.begin(), heap.end(), by_greater);
            heap.back() = member;
            std::push_heap(heap.begin(), heap.end(), by_greater);
          }
        } else {
          std::vector<Member>& heap = block.after[i];  // keep the smallest
          if (heap.size() < window) {
            heap.push_back(member);
            std::push_heap(heap.begin(), heap.end());
          } else if (member < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = member;
            std::push_heap(heap.begin(), heap.end());
          }
        }
      }
    }
  }));

  DeltaCandidates out;
  out.stored.resize(d_rows);
  out.peers.resize(d_rows);
  struct Place {
    int64_t name;
    int64_t order;  // stored: rid; delta row: after every stored rid, in row order
    int64_t rid;    // 0 for a delta row
    uint32_t row;
  };
  std::vector<Place> places;
  for (const Block& block : blocks) {
    if (block.stored + block.rows.size() <= pairwise) {
      for (size_t i = 0; i < block.rows.size(); ++i) {
        const uint32_t row = block.rows[i];
        for (const Member& member : block.head) out.stored[row].push_back(member.rid);
        for (size_t j = i + 1; j < block.rows.size(); ++j) out.peers[row].push_back(block.rows[j]);
      }
      continue;
    }
    // Windowed: the nearest stored members of every delta row hold each delta row's window in
    // the whole block (any stored member between a delta row and its window's end is among them).
    places.clear();
    for (size_t i = 0; i < block.rows.size(); ++i) {
      for (const auto* side : {&block.before[i], &block.after[i]}) {
        for (const Member& member : *side) places.push_back({member.name, member.rid, member.rid, 0});
      }
      const uint32_t row = block.rows[i];
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
          out.stored[row].push_back(places[q].rid);
        } else if (places[q].row > row) {
          out.peers[row].push_back(places[q].row);
        }
      }
    }
  }
  for (auto& list : out.stored) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  for (auto& list : out.peers) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return out;
}

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
  {
    std::vector<int64_t> by_rid = delta.removed;  // in rid order: each page once
    std::sort(by_rid.begin(), by_rid.end());
    for (int64_t rid : by_rid) {
      IDFORGE_ASSIGN_OR_RETURN(state::Keyset keyset, store.DeleteRecord(rid));
      for (const auto& [kind, key] : keyset.keys) {
        if (kind < state::kTermKindBase) continue;
        IDFORGE_RETURN_IF_ERROR(store.AddTermCount(kind - state::kTermKindBase, key, -1));
        --totals[static_cast<size_t>(kind - state::kTermKindBase)];
      }
    }
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

  // C: the stored records a batch run over the state and the delta would pair with a D record
  // (FindCandidates: one scan of the stored keysets; the removed records are already gone).
  std::vector<std::vector<int64_t>> d_candidates;  // stored rids per D row
  std::vector<std::vector<uint32_t>> d_peers;      // later D rows to score with
  if (d_rows > 0) {  // an erasure alone (forget) has no candidates: no scan
    IDFORGE_ASSIGN_OR_RETURN(
        DeltaCandidates found,
        FindCandidates(d_keys, d_name, session.pairwise_block_size, session.generic_window,
                       [&](const std::function<void(int64_t, const state::Keyset&)>& fn) {
                         return store.ForEachKeyset(fn);
                       }));
    d_candidates = std::move(found.stored);
    d_peers = std::move(found.peers);
    std::vector<int64_t> candidate_rids;
    for (const auto& list : d_candidates) candidate_rids.insert(candidate_rids.end(), list.begin(), list.end());
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
  for (uint32_t row = 0; row < d_rows; ++row) {
    IDFORGE_ASSIGN_OR_RETURN(work.rid[row],
                             store.InsertRecord(delta.raw.source(row), delta.raw.source_id(row),
                                                delta.hashes[row], delta.raw.line(row), delta.encoded[row]));
    IDFORGE_RETURN_IF_ERROR(store.InsertKeyset(work.rid[row], d_name[row], d_keys[row]));
  }
  // The changes in primary-key order (edges by (a, b), entities and records by number): each
  // page is written once, in file order, instead of once per change spilled from the cache.
  {
    std::vector<state::StoredEdge> edges;
    edges.reserve(new_edges.size());
    for (const Edge& edge : new_edges) {
      const int64_t a = work.rid[edge.a];
      const int64_t b = work.rid[edge.b];
      edges.push_back({std::min(a, b), std::max(a, b), edge.weight});
    }
    std::sort(edges.begin(), edges.end(), [](const state::StoredEdge& x, const state::StoredEdge& y) {
      return std::pair(x.a, x.b) < std::pair(y.a, y.b);
    });
    for (const state::StoredEdge& edge : edges) IDFORGE_RETURN_IF_ERROR(store.InsertEdge(edge));
  }
  std::vector<int64_t> entity_of_cluster(clusters, 0);
  {
    std::string line;
    std::string provenance;
    std::vector<std::pair<int64_t, uint32_t>> kept;  // (entity, cluster)
    for (uint32_t c = 0; c < clusters; ++c) {
      if (assignment.keeps[c] != state::IdAssignment::kNone) {
        entity_of_cluster[c] = touched[static_cast<size_t>(assignment.keeps[c])];
        kept.emplace_back(entity_of_cluster[c], c);
        continue;
      }
      // New entities are numbered in cluster order, as before.
      FormatGolden(s_raw, golden, c, line, provenance);
      IDFORGE_ASSIGN_OR_RETURN(entity_of_cluster[c], store.InsertEntity(golden_ids[c], session.run,
                                                                        golden.member_count[c], line, provenance));
    }
    std::sort(kept.begin(), kept.end());
    for (const auto& [entity, c] : kept) {
      FormatGolden(s_raw, golden, c, line, provenance);
      IDFORGE_RETURN_IF_ERROR(store.UpdateEntity(entity, golden.member_count[c], line, provenance));
    }
  }
  {
    std::vector<std::pair<int64_t, uint32_t>> by_rid(s_rows.size());  // (rid, s)
    for (uint32_t s = 0; s < s_rows.size(); ++s) by_rid[s] = {work.rid[s_rows[s]], s};
    std::sort(by_rid.begin(), by_rid.end());
    for (const auto& [rid, s] : by_rid) {
      IDFORGE_RETURN_IF_ERROR(store.SetRecordEntity(rid, entity_of_cluster[clustering.entity_of[s]],
                                                    clustering.best_weight[s]));
    }
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
