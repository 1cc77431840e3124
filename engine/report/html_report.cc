// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// report.html, built as one string: a stylesheet, then one section per question a data steward
// asks (is the input clean, how many duplicates, how do sources overlap, can matching be trusted).
// Charts are hand-written SVG so the page needs no script and no network.
#include "engine/report/html_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/atomic_file.h"
#include "engine/report/html_parts.h"
#include "engine/report/html_profile.h"

namespace idforge::report {
namespace {

// System fonts only: a web font would be a network fetch, and the page must open offline.
constexpr std::string_view kStyle = R"(<style>
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:28px 36px 64px}
h1{font-size:28px;margin:0 0 2px}
h2{font-size:21px;margin:36px 0 4px;padding-top:18px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 4px}
p{margin:4px 0 10px}
.explain{color:var(--muted);max-width:800px}
.sub{color:var(--muted);margin:0 0 14px}
nav a{color:var(--accent);margin-right:14px;text-decoration:none;font-size:14px}
table{border-collapse:collapse;font-size:14px;margin:8px 0 14px}
th,td{padding:5px 12px 5px 0;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:13px}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 18px;
min-width:140px}
.card .v{font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}
.card .l{font-size:13px;color:var(--muted)}
.chip{display:inline-block;background:#dafbe1;color:#1a7f37;border-radius:12px;padding:1px 10px;
margin:2px 4px 2px 0;font-size:13px}
.chip.missing{background:#fff1e5;color:#bc4c00}
.note{background:#fff8c5;border:1px solid #eac54f;border-radius:6px;padding:6px 12px;
display:inline-block;font-size:14px}
.privacy{color:var(--muted);font-size:13px}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 12px;
vertical-align:-1px}
.legend{font-size:13px;color:var(--muted);margin:4px 0}
svg{display:block;max-width:100%;height:auto;font-family:inherit}
code{font-size:13px;background:var(--panel);padding:1px 4px;border-radius:4px}
td svg{display:inline-block;vertical-align:-1px;margin-right:6px}
td.vals div{white-space:nowrap}
summary{cursor:pointer;margin:14px 0 4px;font-size:16px}
td.vals span,td small{color:var(--muted);font-size:12px}
</style>
)";

// Reads names the way report.json does: the job's source list, else what the reader recorded.
class Names {
 public:
  Names(std::span<const SourceInfo> sources, const RunStats& stats)
      : sources_(sources), stats_(stats) {}
  std::string Get(size_t source_idx) const {
    if (source_idx < sources_.size()) return sources_[source_idx].name;
    if (source_idx < stats_.sources().size()) return stats_.sources()[source_idx].name;
    return "source " + std::to_string(source_idx + 1);
  }

 private:
  std::span<const SourceInfo> sources_;
  const RunStats& stats_;
};

void WriteHeader(std::string& out, const ReportContext& context, const RunStats& stats) {
  uint64_t read = 0, accepted = 0, rejected = 0;
  for (const SourceReadStats& source : stats.sources()) {
    read += source.records_read;
    accepted += source.accepted;
    rejected += source.rejected;
  }
  out += "<header><h1>idforge report</h1><p class=\"sub\">Job <code>" +
         HtmlEscape(context.job_path) + "</code> · command <code>" + HtmlEscape(context.command) +
         "</code></p>";
  out +=
      "<nav><a href=\"#inputs\">Inputs</a><a href=\"#quality\">Data quality</a>";
  if (stats.profile().ran) {
    out += "<a href=\"#profile\">Field profile</a><a href=\"#exact-duplicates\">Exact duplicates</a>";
  }
  if (context.command != "profile") {
    out += "<a href=\"#duplicates\">Duplicates and overlap</a><a href=\"#matching\">Matching</a>";
  }
  if (stats.evaluation().ran) out += "<a href=\"#evaluation\">Evaluation</a>";
  out += "<a href=\"#run\">Run</a></nav>";
  out += "<div class=\"cards\">";
  Card(out, Count(read), "records read");
  Card(out, Count(accepted), "accepted");
  Card(out, Count(rejected), "rejected (" + Percent(rejected, read) + ")");
  if (stats.profile().ran) {
    uint64_t copies = 0;
    for (const SourceProfile& source : stats.profile().sources) {
      copies += source.exact_records.duplicate_records;
    }
    Card(out, Count(copies), "exact-duplicate records");
  }
  if (stats.match().ran) {
    Card(out, Count(stats.match().entities), "entities (distinct customers)");
    Card(out, Count(accepted >= stats.match().entities ? accepted - stats.match().entities : 0),
         "duplicate records merged");
  } else {
    Card(out, "–", "entities (matching did not run)");
  }
  out += "</div><p>Stages done: ";
  for (const std::string& stage : context.stages_done) {
    out += "<span class=\"chip\">" + HtmlEscape(stage) + "</span>";
  }
  if (context.stages_done.empty()) out += "none";
  out += "</p>";
  if (!context.stages_missing.empty()) {
    out += "<p>Not built yet, so this run did not do them: ";
    for (const std::string& stage : context.stages_missing) {
      out += "<span class=\"chip missing\">" + HtmlEscape(stage) + "</span>";
    }
    out += "</p>";
  }
  if (context.command == "profile") {
    out +=
        "<p class=\"note\">This is a profile: the records were read, cleaned and counted, not "
        "matched. Fuzzy duplicates, the source overlap and the matching model come with "
        "<code>idforge run</code>.</p>";
  }
  out += stats.profile().values_unmasked
             ? "<p class=\"privacy\">Privacy: example values are shown <b>unmasked</b> "
               "(--report-values): this page holds personal data.</p></header>\n"
             : "<p class=\"privacy\">Privacy: this page holds counts and record ids; example "
               "values are masked (<code>--report-values</code> unmasks them).</p></header>\n";
}

void WriteInputs(std::string& out, const Names& names, const RunStats& stats,
                 const RejectLog& rejects) {
  Section(out, "inputs", "Inputs",
          "What was read from each source. Rejected records did not parse or had no usable id; "
          "each one is listed with its line in rejects.csv. Unmapped columns were present in "
          "the file but used by no field mapping.");
  if (stats.sources().empty()) {
    out += "<p>No source was read.</p></section>\n";
    return;
  }
  out +=
      "<table><tr><th>Source</th><th>Format</th><th>Delimiter</th><th>Encoding</th>"
      "<th>Compression</th><th class=\"n\">Size</th><th class=\"n\">Records</th>"
      "<th class=\"n\">Accepted</th><th class=\"n\">Rejected</th><th>Rejected by reason</th>"
      "<th>Unmapped columns</th></tr>";
  for (size_t source_idx = 0; source_idx < stats.sources().size(); ++source_idx) {
    const SourceReadStats& source = stats.sources()[source_idx];
    std::string delimiter = "–";
    if (source.format == "csv") {
      delimiter =
          source.delimiter == "\t" ? "tab" : "<code>" + HtmlEscape(source.delimiter) + "</code>";
      if (source.delimiter_detected) delimiter += " (detected)";
    }
    std::string reasons;
    for (size_t reason = 0; reason < kRejectReasonCount; ++reason) {
      const auto kind = static_cast<RejectReason>(reason);
      const uint64_t count = rejects.Count(static_cast<uint16_t>(source_idx), kind);
      if (count == 0) continue;
      if (!reasons.empty()) reasons += "<br>";
      reasons += HtmlEscape(RejectReasonName(kind)) + ": " + Count(count);
    }
    std::string unmapped;
    for (const std::string& column : source.unmapped_columns) {
      if (!unmapped.empty()) unmapped += ", ";
      unmapped += "<code>" + HtmlEscape(column) + "</code>";
    }
    out += "<tr><td title=\"" + HtmlEscape(source.path) + "\"><b>" +
           HtmlEscape(names.Get(source_idx)) + "</b></td><td>" + HtmlEscape(source.format) +
           "</td><td>" + delimiter + "</td><td>" + HtmlEscape(source.encoding) + "</td><td>" +
           HtmlEscape(source.compression) + "</td><td class=\"n\">" + Bytes(source.file_bytes) +
           "</td><td class=\"n\">" + Count(source.records_read) + "</td><td class=\"n\">" +
           Count(source.accepted) + "</td><td class=\"n\">" + Count(source.rejected) + "</td><td>" +
           (reasons.empty() ? "–" : reasons) + "</td><td>" + (unmapped.empty() ? "–" : unmapped) +
           "</td></tr>";
  }
  out += "</table></section>\n";
}

// One stacked bar per field with data: the track is every accepted record of the source, the bar
// the records with a value, split into valid / invalid / junk / other.
void WriteQualityChart(std::string& out, std::string_view source_name, const SourceQuality& quality,
                       uint64_t records) {
  std::vector<Field> fields;
  for (Field field : AllFields()) {
    if (quality[static_cast<size_t>(field)].filled > 0) fields.push_back(field);
    records = std::max(records, quality[static_cast<size_t>(field)].filled);
  }
  if (fields.empty()) {
    out += "<p>No mapped field has any value.</p>";
    return;
  }
  constexpr double kLabelWidth = 150, kBarWidth = 560, kRow = 26, kBarHeight = 18;
  const double width = 1000, height = static_cast<double>(fields.size()) * kRow + 4;
  OpenSvg(out, width, height, "data quality of " + std::string(source_name));
  for (size_t row = 0; row < fields.size(); ++row) {
    const FieldQuality& q = quality[static_cast<size_t>(fields[row])];
    const double y = static_cast<double>(row) * kRow + 2;
    const std::string field_name(FieldName(fields[row]));
    SvgText(out, kLabelWidth - 8, y + 13.5, field_name, "text-anchor=\"end\" font-size=\"13\"");
    SvgRect(out, kLabelWidth, y, kBarWidth, kBarHeight, kTrack,
            field_name + ": empty in " + Count(records - q.filled) + " records");
    const uint64_t classified = q.valid + q.invalid + q.junk;
    const uint64_t other = q.filled > classified ? q.filled - classified : 0;
    const std::array<std::pair<uint64_t, std::string_view>, 4> segments = {
        {{q.valid, kValid}, {q.invalid, kInvalid}, {q.junk, kJunk}, {other, kOther}}};
    constexpr std::array<std::string_view, 4> kWhat = {"valid", "invalid", "junk placeholder",
                                                       "other"};
    double x = kLabelWidth;
    for (size_t segment = 0; segment < segments.size(); ++segment) {
      const auto& [count, colour] = segments[segment];
      if (count == 0) continue;
      const double w = kBarWidth * Share(count, records);
      SvgRect(out, x, y, w, kBarHeight, colour,
              field_name + ": " + Count(count) + " " + std::string(kWhat[segment]) + " (" +
                  Percent(count, records) + ")");
      // A label inside a segment only where it fits; the text on the right always has the
      // headline numbers.
      if (w >= 44) {
        SvgText(out, x + w / 2, y + 13, Percent(count, records),
                "text-anchor=\"middle\" font-size=\"11\" fill=\"#fff\"");
      }
      x += w;
    }
    std::string summary =
        "filled " + Percent(q.filled, records) + " · valid " + Percent(q.valid, records);
    if (q.invalid > 0) summary += " · invalid " + Percent(q.invalid, records);
    if (q.junk > 0) summary += " · junk " + Percent(q.junk, records);
    SvgText(out, kLabelWidth + kBarWidth + 10, y + 13.5, summary,
            "font-size=\"12\" fill=\"#59636e\"");
  }
  out += "</svg>";
}

void WriteQuality(std::string& out, const Names& names, const RunStats& stats) {
  Section(out, "quality", "Data quality",
          "For each source and field: how many records have a value (the coloured part of the "
          "bar) and whether that value is usable. Valid values are used for matching; invalid "
          "ones failed a check (email syntax, date, phone number); junk placeholders such as "
          "\"n/a\" or test@test.com were blanked. Percentages are of all accepted records of the "
          "source; hover a bar for the counts.");
  if (stats.quality().empty()) {
    out += "<p>Normalization did not run, so there are no quality counts.</p></section>\n";
    return;
  }
  out += "<p class=\"legend\">";
  LegendKey(out, kValid, "valid");
  LegendKey(out, kInvalid, "invalid");
  LegendKey(out, kJunk, "junk placeholder");
  LegendKey(out, kOther, "other (emptied by cleaning)");
  LegendKey(out, kTrack, "empty");
  out += "</p>";
  for (size_t source_idx = 0; source_idx < stats.quality().size(); ++source_idx) {
    const uint64_t records =
        source_idx < stats.sources().size() ? stats.sources()[source_idx].accepted : 0;
    out += "<h3>" + HtmlEscape(names.Get(source_idx)) + " <small class=\"explain\">(" +
           Count(records) + " records)</small></h3>";
    WriteQualityChart(out, names.Get(source_idx), stats.quality()[source_idx], records);
  }
  out += "</section>\n";
}

// Horizontal bars of share values with a text label each; used for duplicates.
void WriteShareBars(std::string& out, std::string_view label,
                    const std::vector<std::pair<std::string, double>>& bars,
                    const std::vector<std::string>& texts) {
  constexpr double kLabelWidth = 170, kBarWidth = 420, kRow = 28;
  OpenSvg(out, 1000, static_cast<double>(bars.size()) * kRow + 4, label);
  for (size_t row = 0; row < bars.size(); ++row) {
    const double y = static_cast<double>(row) * kRow + 2;
    SvgText(out, kLabelWidth - 8, y + 14, Shorten(bars[row].first, 24),
            "text-anchor=\"end\" font-size=\"13\"");
    SvgRect(out, kLabelWidth, y, kBarWidth, 20, kTrack);
    SvgRect(out, kLabelWidth, y, kBarWidth * std::clamp(bars[row].second, 0.0, 1.0), 20, kBar);
    SvgText(out, kLabelWidth + kBarWidth + 10, y + 14, texts[row],
            "font-size=\"12\" fill=\"#59636e\"");
  }
  out += "</svg>";
}

void WriteEntitySizes(std::string& out, const std::map<uint64_t, uint64_t>& sizes) {
  // Log-ish buckets: singletons and pairs dominate; the long tail is what needs a look.
  constexpr std::array<std::string_view, 6> kLabels = {"1", "2", "3", "4", "5–9", "10+"};
  std::array<uint64_t, 6> buckets{};
  for (const auto& [size, count] : sizes) {
    const size_t bucket = size >= 10 ? 5 : size >= 5 ? 4 : size == 0 ? 0 : size - 1;
    buckets[bucket] += count;
  }
  const uint64_t max_count =
      std::max<uint64_t>(1, *std::max_element(buckets.begin(), buckets.end()));
  constexpr double kLeft = 50, kTop = 24, kPlot = 170, kSlot = 80;
  OpenSvg(out, 560, kTop + kPlot + 44, "entity size distribution");
  out += "<line x1=\"" + Coord(kLeft) + "\" y1=\"" + Coord(kTop + kPlot) + "\" x2=\"" +
         Coord(kLeft + kSlot * 6) + "\" y2=\"" + Coord(kTop + kPlot) + "\" stroke=\"#8c959f\"/>";
  for (size_t bucket = 0; bucket < buckets.size(); ++bucket) {
    const double h = kPlot * Share(buckets[bucket], max_count);
    const double x = kLeft + static_cast<double>(bucket) * kSlot;
    SvgRect(out, x + 12, kTop + kPlot - h, kSlot - 24, h, kBar,
            std::string(kLabels[bucket]) + " records: " + Count(buckets[bucket]) + " entities");
    SvgText(out, x + kSlot / 2, kTop + kPlot - h - 6, Count(buckets[bucket]),
            "text-anchor=\"middle\" font-size=\"12\"");
    SvgText(out, x + kSlot / 2, kTop + kPlot + 18, kLabels[bucket],
            "text-anchor=\"middle\" font-size=\"13\"");
  }
  SvgText(out, kLeft + kSlot * 3, kTop + kPlot + 38, "records per entity",
          "text-anchor=\"middle\" font-size=\"12\" fill=\"#59636e\"");
  out += "</svg>";
}

// Cell (i, j): entities of row source i that also have a record in source j, as a share of the
// row source's entities (the diagonal is 100%).
void WriteOverlapHeatmap(std::string& out, const Names& names,
                         const std::vector<std::vector<uint64_t>>& overlap) {
  const size_t n = overlap.size();
  constexpr double kLabelWidth = 170, kHeader = 44, kCellWidth = 120, kCellHeight = 46;
  OpenSvg(out, kLabelWidth + kCellWidth * static_cast<double>(n) + 10,
          kHeader + kCellHeight * static_cast<double>(n) + 6, "source overlap heatmap");
  for (size_t col = 0; col < n; ++col) {
    SvgText(out, kLabelWidth + kCellWidth * (static_cast<double>(col) + 0.5), kHeader - 12,
            Shorten(names.Get(col), 16),
            "text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\"");
  }
  for (size_t row = 0; row < n; ++row) {
    const double y = kHeader + kCellHeight * static_cast<double>(row);
    SvgText(out, kLabelWidth - 10, y + kCellHeight / 2 + 5, Shorten(names.Get(row), 22),
            "text-anchor=\"end\" font-size=\"13\" font-weight=\"600\"");
    const uint64_t row_total = overlap[row][row];
    for (size_t col = 0; col < n && col < overlap[row].size(); ++col) {
      const double share = Share(overlap[row][col], row_total);
      // White to the accent blue; text turns white where the cell gets dark.
      auto mix = [share](int from, int to) {
        return std::to_string(static_cast<int>(std::lround(from + (to - from) * share)));
      };
      const std::string fill =
          "rgb(" + mix(246, 9) + "," + mix(248, 105) + "," + mix(250, 218) + ")";
      const double x = kLabelWidth + kCellWidth * static_cast<double>(col);
      SvgRect(out, x + 1, y + 1, kCellWidth - 2, kCellHeight - 2, fill,
              names.Get(row) + " entities also in " + names.Get(col) + ": " +
                  Count(overlap[row][col]) + " of " + Count(row_total));
      const std::string ink = share > 0.55 ? "#fff" : "#1f2328";
      SvgText(out, x + kCellWidth / 2, y + 20, Count(overlap[row][col]),
              "text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"" + ink + "\"");
      SvgText(out, x + kCellWidth / 2, y + 36, Percent(share),
              "text-anchor=\"middle\" font-size=\"11\" fill=\"" + ink + "\"");
    }
  }
  out += "</svg>";
}

void WriteDuplicates(std::string& out, const Names& names, const RunStats& stats) {
  Section(out, "duplicates", "Duplicates and overlap",
          "How many records describe a customer already seen, and how the sources share "
          "customers. An entity is one real-world customer: all records matched to each other.");
  const MatchStats& match = stats.match();
  if (!match.ran) {
    out +=
        "<p>Matching did not run, so there are no duplicate or overlap figures.</p>"
        "</section>\n";
    return;
  }
  out +=
      "<h3>Duplicates within each source</h3><p class=\"explain\">Records that belong to the "
      "same entity as another record of the same source, as a share of the source's "
      "records.</p>";
  std::vector<std::pair<std::string, double>> bars;
  std::vector<std::string> texts;
  for (size_t source_idx = 0; source_idx < match.duplicate_records.size(); ++source_idx) {
    const uint64_t records =
        source_idx < stats.sources().size() ? stats.sources()[source_idx].accepted : 0;
    const uint64_t duplicates = match.duplicate_records[source_idx];
    bars.emplace_back(names.Get(source_idx), Share(duplicates, records));
    texts.push_back(Count(duplicates) + " of " + Count(records) + " records (" +
                    Percent(duplicates, records) + ")");
  }
  if (!bars.empty()) WriteShareBars(out, "duplicate records per source", bars, texts);

  out +=
      "<h3>Entity sizes</h3><p class=\"explain\">How many records each entity has. Most "
      "customers should have one record per source; very large entities deserve a look, "
      "as they may be wrong merges.</p>";
  WriteEntitySizes(out, match.entity_sizes);

  out +=
      "<h3>Source overlap</h3><p class=\"explain\">Each row is a source: the cells show how "
      "many of its entities also appear in the column's source, and what share of the row's "
      "entities that is. The diagonal is each source's own entity count.</p>";
  if (match.source_overlap.empty()) {
    out += "<p>No overlap figures.</p>";
  } else {
    WriteOverlapHeatmap(out, names, match.source_overlap);
  }
  out += "</section>\n";
}

// Pairs by match weight (log2 odds) in 1-bit bins, bar height on a log scale because non-matches
// outnumber matches by orders of magnitude; the threshold is a dashed line.
void WriteWeightHistogram(std::string& out, const MatchStats& match) {
  const std::vector<uint64_t>& bins = match.weight_histogram;
  size_t first = bins.size(), last = 0;
  for (size_t bin = 0; bin < bins.size(); ++bin) {
    if (bins[bin] == 0) continue;
    first = std::min(first, bin);
    last = bin;
  }
  if (first > last) {
    out += "<p>No pairs were scored.</p>";
    return;
  }
  const double threshold_weight = std::log2(match.threshold / (1 - match.threshold));
  // Bin b >= 1 holds weights in [histogram_min + b - 1, histogram_min + b); bin 0 everything
  // below. Widen the range so the threshold line is always on the chart.
  if (std::isfinite(threshold_weight)) {
    const double threshold_bin = std::floor(threshold_weight) - match.histogram_min + 1;
    if (threshold_bin >= 0 && threshold_bin < static_cast<double>(bins.size())) {
      first = std::min(first, static_cast<size_t>(threshold_bin));
      last = std::max(last, static_cast<size_t>(threshold_bin));
    }
  }
  const uint64_t max_count =
      *std::max_element(bins.begin() + static_cast<std::ptrdiff_t>(first),
                        bins.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  const double log_max = std::log10(static_cast<double>(max_count) + 1);
  constexpr double kLeft = 64, kTop = 24, kPlot = 200, kPlotWidth = 860;
  const double bin_width = kPlotWidth / static_cast<double>(last - first + 1);
  auto weight_of = [&](size_t bin) {
    return static_cast<double>(match.histogram_min) + static_cast<double>(bin) - 1;
  };
  auto x_of = [&](double weight) { return kLeft + (weight - weight_of(first)) * bin_width; };
  OpenSvg(out, kLeft + kPlotWidth + 20, kTop + kPlot + 50, "match weight histogram");
  // Gridlines at powers of ten.
  for (uint64_t power = 1; power <= max_count; power *= 10) {
    const double y = kTop + kPlot - kPlot * std::log10(static_cast<double>(power) + 1) / log_max;
    out += "<line x1=\"" + Coord(kLeft) + "\" y1=\"" + Coord(y) + "\" x2=\"" +
           Coord(kLeft + kPlotWidth) + "\" y2=\"" + Coord(y) + "\" stroke=\"#eaeef2\"/>";
    SvgText(out, kLeft - 6, y + 4, Count(power),
            "text-anchor=\"end\" font-size=\"11\" fill=\"#59636e\"");
    if (power > UINT64_MAX / 10) break;
  }
  for (size_t bin = first; bin <= last; ++bin) {
    const double x = kLeft + static_cast<double>(bin - first) * bin_width;
    if (bins[bin] > 0) {
      const double h = kPlot * std::log10(static_cast<double>(bins[bin]) + 1) / log_max;
      const bool above = weight_of(bin) + 1 > threshold_weight;
      const std::string range =
          bin == 0 ? "below " + std::to_string(match.histogram_min)
                   : Fixed(weight_of(bin), 0) + " to " + Fixed(weight_of(bin) + 1, 0);
      SvgRect(out, x + 0.5, kTop + kPlot - h, std::max(bin_width - 1, 0.5), h,
              above ? kBar : kMuted, "weight " + range + ": " + Count(bins[bin]) + " pairs");
    }
    const double weight = weight_of(bin);
    if (bin > 0 && std::fmod(weight, 5) == 0) {
      SvgText(out, x, kTop + kPlot + 16, Fixed(weight, 0),
              "text-anchor=\"middle\" font-size=\"11\" fill=\"#59636e\"");
    }
  }
  out += "<line x1=\"" + Coord(kLeft) + "\" y1=\"" + Coord(kTop + kPlot) + "\" x2=\"" +
         Coord(kLeft + kPlotWidth) + "\" y2=\"" + Coord(kTop + kPlot) + "\" stroke=\"#8c959f\"/>";
  if (std::isfinite(threshold_weight)) {
    const double x = std::clamp(x_of(threshold_weight), kLeft, kLeft + kPlotWidth);
    out += "<line x1=\"" + Coord(x) + "\" y1=\"" + Coord(kTop - 6) + "\" x2=\"" + Coord(x) +
           "\" y2=\"" + Coord(kTop + kPlot) +
           "\" stroke=\"#cf222e\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>";
    SvgText(out, x + 6, kTop + 4, "threshold (weight " + Fixed(threshold_weight, 1) + ")",
            "font-size=\"12\" fill=\"#cf222e\"");
  }
  SvgText(out, kLeft + kPlotWidth / 2, kTop + kPlot + 38,
          "match weight (log2 odds that the pair is the same customer)",
          "text-anchor=\"middle\" font-size=\"12\" fill=\"#59636e\"");
  out += "</svg>";
}

// A Bayes factor as a bar from the centre on a log10 scale, clamped to ±4 (1/10,000 .. 10,000).
std::string FactorBar(double factor) {
  constexpr double kHalf = 80, kPerDecade = 20;
  std::string out;
  OpenSvg(out, 2 * kHalf, 16, "Bayes factor " + Factor(factor));
  SvgRect(out, 0, 7, 2 * kHalf, 2, kTrack);
  if (std::isfinite(factor) && factor > 0) {
    const double length = std::clamp(std::log10(factor), -4.0, 4.0) * kPerDecade;
    SvgRect(out, length >= 0 ? kHalf : kHalf + length, 2, std::fabs(length), 12,
            length >= 0 ? kValid : kInvalid);
  }
  SvgRect(out, kHalf - 0.5, 0, 1, 16, "#1f2328");
  out += "</svg>";
  return out;
}

void WriteMatching(std::string& out, const RunStats& stats) {
  Section(out, "matching", "Matching",
          "How candidate pairs were found (blocking), how they were scored (a Fellegi–Sunter "
          "model), and where the line between match and non-match was drawn.");
  const MatchStats& match = stats.match();
  if (!match.ran) {
    out += "<p>Matching did not run in this job.</p></section>\n";
    return;
  }
  out += "<div class=\"cards\">";
  Card(out, Count(match.pairs_scored), "pairs scored");
  Card(out, Count(match.matches), "pairs accepted as matches");
  Card(out, Fixed(match.threshold, 3), "match probability threshold");
  Card(out,
       match.prior > 0 ? "1 in " + Count(static_cast<uint64_t>(std::llround(1 / match.prior)))
                       : "n/a",
       "prior: chance two random records match");
  out += "</div><p class=\"explain\">The model was " +
         std::string(match.model_trained ? "trained on this data (unsupervised)."
                                         : "loaded from a model file (--model).") +
         "</p>";

  out +=
      "<h3>Blocking rules</h3><p class=\"explain\">Only records that share a blocking key are "
      "compared. A pair proposed by an earlier rule is scored once, under that rule.</p>";
  out +=
      "<table><tr><th>Rule</th><th class=\"n\">Records with key</th><th class=\"n\">Blocks</th>"
      "<th class=\"n\">Candidate pairs</th><th class=\"n\">Pairs scored</th>"
      "<th class=\"n\">Generic blocks skipped</th></tr>";
  for (const BlockingRuleStats& rule : match.rules) {
    out += "<tr><td><code>" + HtmlEscape(rule.rule) + "</code></td><td class=\"n\">" +
           Count(rule.records_with_key) + "</td><td class=\"n\">" + Count(rule.blocks) +
           "</td><td class=\"n\">" + Count(rule.candidate_pairs) + "</td><td class=\"n\">" +
           Count(rule.pairs_scored) + "</td><td class=\"n\">" + Count(rule.generic_blocks) +
           "</td></tr>";
  }
  out += "</table>";

  out +=
      "<h3>Generic values skipped</h3><p class=\"explain\">Key values shared by so many "
      "records that they cannot identify anyone (a shared office email, a default date). "
      "Their records were not compared pairwise, only with their nearest neighbours in name "
      "order. Values are masked.</p>";
  if (match.generic_values.empty()) {
    out += "<p>None.</p>";
  } else {
    out += "<table><tr><th>Rule</th><th>Value (masked)</th><th class=\"n\">Records</th></tr>";
    for (const GenericValueStats& value : match.generic_values) {
      out += "<tr><td><code>" + HtmlEscape(value.rule) + "</code></td><td><code>" +
             HtmlEscape(value.masked_value) + "</code></td><td class=\"n\">" + Count(value.size) +
             "</td></tr>";
    }
    out += "</table>";
  }

  out +=
      "<h3>Over-merge guards</h3><p class=\"explain\">Groups that chained records which "
      "cannot be one person (different valid emails and birth dates more than a year apart), "
      "or grew beyond the maximum entity size, were re-built from their strongest links "
      "without the forbidden joins.</p>";
  if (match.guards.empty()) {
    out += "<p>None fired.</p>";
  } else {
    out += "<table><tr><th>Guard</th><th>First record</th><th class=\"n\">Records</th>"
           "<th class=\"n\">Entities after</th></tr>";
    for (const GuardStats& guard : match.guards) {
      out += "<tr><td>" + HtmlEscape(guard.rule) + "</td><td><code>" + HtmlEscape(guard.record) +
             "</code></td><td class=\"n\">" + Count(guard.size) + "</td><td class=\"n\">" +
             Count(guard.parts) + "</td></tr>";
    }
    out += "</table>";
  }

  out +=
      "<h3>Match weights</h3><p class=\"explain\">Every scored pair by its match weight. "
      "Pairs right of the red line (blue bars) were accepted as matches. A clear valley "
      "between a large grey hill (non-matches) and a blue hill (matches) means the model "
      "separates them well; many pairs near the line are the uncertain ones. Bar heights are "
      "on a log scale.</p>";
  WriteWeightHistogram(out, match);

  out +=
      "<h3>Model</h3><p class=\"explain\">For each comparison level: m is how often true "
      "matches agree at that level, u how often non-matches do. The Bayes factor m/u says "
      "how much a pair at that level is more (green, right) or less (orange, left) likely to "
      "be a match; the bar is on a log scale.</p>";
  out +=
      "<table><tr><th>Comparison</th><th>Level</th><th class=\"n\">m</th><th class=\"n\">u</th>"
      "<th class=\"n\">Bayes factor</th><th></th></tr>";
  for (const ModelLevelStats& level : match.model) {
    const double factor = level.u > 0 ? level.m / level.u : INFINITY;
    out += "<tr><td>" + HtmlEscape(level.comparison) + "</td><td>" + HtmlEscape(level.level) +
           "</td><td class=\"n\">" + Probability(level.m) + "</td><td class=\"n\">" +
           Probability(level.u) + "</td><td class=\"n\">" + Factor(factor) + "</td><td>" +
           FactorBar(factor) + "</td></tr>";
  }
  out += "</table></section>\n";
}

void WriteSamples(std::string& out, std::string_view title,
                  const std::vector<std::pair<std::string, std::string>>& samples) {
  out += "<h3>" + HtmlEscape(title) + "</h3>";
  if (samples.empty()) {
    out += "<p>None.</p>";
    return;
  }
  out += "<table><tr><th>Record</th><th>Record</th></tr>";
  for (const auto& [a, b] : samples) {
    out += "<tr><td><code>" + HtmlEscape(a) + "</code></td><td><code>" + HtmlEscape(b) +
           "</code></td></tr>";
  }
  out += "</table>";
}

void WriteEvaluation(std::string& out, const EvaluationStats& e) {
  Section(out, "evaluation", "Evaluation",
          "How the result compares with the known truth (--truth " + e.truth_path +
              "). Precision: of the pairs merged, how many are right. Recall: of the true "
              "pairs, how many were found. F1 balances both. B-cubed scores each record's "
              "cluster. Blocking recall is the ceiling: true pairs that blocking ever proposed.");
  out += "<div class=\"cards\">";
  Card(out, Percent(e.precision), "pairwise precision");
  Card(out, Percent(e.recall), "pairwise recall");
  Card(out, Percent(e.f1), "pairwise F1");
  Card(out, Percent(e.bcubed_f1), "B-cubed F1");
  Card(out, Percent(e.blocking_recall), "blocking recall");
  out += "</div>";
  out +=
      "<table><tr><th>Records evaluated</th><th class=\"n\">True pairs</th>"
      "<th class=\"n\">Found (true positives)</th><th class=\"n\">Wrong merges</th>"
      "<th class=\"n\">Missed</th><th class=\"n\">B-cubed precision</th>"
      "<th class=\"n\">B-cubed recall</th></tr><tr><td class=\"n\">" +
      Count(e.records_evaluated) + "</td><td class=\"n\">" + Count(e.true_pairs) +
      "</td><td class=\"n\">" + Count(e.true_positives) + "</td><td class=\"n\">" +
      Count(e.false_positives) + "</td><td class=\"n\">" + Count(e.false_negatives) +
      "</td><td class=\"n\">" + Percent(e.bcubed_precision) + "</td><td class=\"n\">" +
      Percent(e.bcubed_recall) + "</td></tr></table>";
  if (e.records_only_in_truth > 0 || e.records_only_in_crosswalk > 0) {
    out += "<p class=\"note\">" + Count(e.records_only_in_truth) +
           " records are only in the truth file and " + Count(e.records_only_in_crosswalk) +
           " only in the output; they are not scored.</p>";
  }
  WriteSamples(out, "Wrong merges (sample)", e.false_merges);
  WriteSamples(out, "Missed matches (sample)", e.missed_matches);
  out += "</section>\n";
}

void WriteRun(std::string& out, const ReportContext& context, const RunStats& stats) {
  Section(out, "run", "Run",
          "Where the time went. These numbers change from run to run and machine to machine; "
          "everything above does not.");
  out += "<div class=\"cards\">";
  Card(out, Bytes(PeakRssBytes()), "peak memory");
  Card(out, std::to_string(context.threads), "threads");
  Card(out, Bytes(context.record_store_bytes),
       "record store (" + Count(context.record_count) + " records)");
  out += "</div>";
  const std::vector<StageTiming>& timings = stats.timings();
  if (timings.empty()) {
    out += "<p>No stage timings.</p></section>\n";
    return;
  }
  double max_seconds = 0;
  for (const StageTiming& timing : timings) max_seconds = std::max(max_seconds, timing.seconds);
  constexpr double kLabelWidth = 130, kBarWidth = 480, kRow = 26;
  OpenSvg(out, 1000, static_cast<double>(timings.size()) * kRow + 4, "stage timings");
  for (size_t row = 0; row < timings.size(); ++row) {
    const StageTiming& timing = timings[row];
    const double y = static_cast<double>(row) * kRow + 2;
    SvgText(out, kLabelWidth - 8, y + 13.5, timing.stage, "text-anchor=\"end\" font-size=\"13\"");
    const double w = max_seconds > 0 ? kBarWidth * timing.seconds / max_seconds : 0;
    SvgRect(out, kLabelWidth, y, std::max(w, 1.0), 18, kBar);
    std::string text = Fixed(timing.seconds, 3) + " s";
    if (timing.items > 0) {
      text += " · " + Count(timing.items) + " " + timing.item_unit;
      if (timing.seconds > 0) {
        text += " · " +
                Count(static_cast<uint64_t>(static_cast<double>(timing.items) / timing.seconds)) +
                " " + timing.item_unit + "/s";
      }
    }
    text += " · peak " + Bytes(timing.peak_rss_bytes);
    SvgText(out, kLabelWidth + w + 8, y + 13.5, text, "font-size=\"12\" fill=\"#59636e\"");
  }
  out += "</svg></section>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Status WriteReportHtml(const std::string& path, const ReportContext& context,
                       std::span<const SourceInfo> sources, const RunStats& stats,
                       const RejectLog& rejects) {
  const Names names(sources, stats);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>idforge report</title>\n";
  html += kStyle;
  html += "</head><body><main>\n";
  WriteHeader(html, context, stats);
  WriteInputs(html, names, stats, rejects);
  WriteQuality(html, names, stats);
  if (stats.profile().ran) {
    std::vector<std::string> source_names;
    for (size_t idx = 0; idx < stats.profile().sources.size(); ++idx) {
      source_names.push_back(names.Get(idx));
    }
    WriteProfileSections(html, source_names, stats, context.command == "profile");
  }
  if (context.command != "profile") {
    WriteDuplicates(html, names, stats);
    WriteMatching(html, stats);
  }
  if (stats.evaluation().ran) WriteEvaluation(html, stats.evaluation());
  WriteRun(html, context, stats);
  html += "</main></body></html>\n";

  IDFORGE_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Open(path));
  file.Write(html);
  return file.Commit();
}

}  // namespace idforge::report
