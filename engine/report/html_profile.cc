// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Tables rather than charts where a person reads values (top values, patterns); a small inline
// bar next to each rate so the weak fields stand out at a glance.
#include "engine/report/html_profile.h"

#include <algorithm>

#include "engine/report/html_parts.h"
#include "engine/report/html_report.h"
#include "engine/report/profile_json.h"

namespace idforge::report {
namespace {

// At most this many values and patterns per table cell: the page stays one screen wide.
constexpr size_t kShownPerCell = 3;

// A rate as a 70×10 bar and its percentage; orange under 50%, so the weak fields stand out.
std::string RateCell(double rate, std::string_view what) {
  std::string out = "<td class=\"n\">";
  OpenSvg(out, 70, 10, what);
  SvgRect(out, 0, 0, 70, 10, kTrack);
  SvgRect(out, 0, 0, 70 * std::clamp(rate, 0.0, 1.0), 10, rate < 0.5 ? kInvalid : kValid);
  out += "</svg>" + Percent(rate) + "</td>";
  return out;
}

std::string CountsCell(const std::vector<ValueCount>& counts, uint64_t total) {
  if (counts.empty()) return "<td>–</td>";
  std::string out = "<td class=\"vals\">";
  for (size_t idx = 0; idx < counts.size() && idx < kShownPerCell; ++idx) {
    out += "<div><code>" + HtmlEscape(Shorten(counts[idx].value, 32)) + "</code> <span>" +
           Count(counts[idx].count) + " (" + Percent(counts[idx].count, total) + ")</span></div>";
  }
  return out + "</td>";
}

std::string Name(const std::vector<std::string>& names, size_t idx) {
  return idx < names.size() ? names[idx] : "source " + std::to_string(idx + 1);
}

void WriteFieldTable(std::string& out, const RunStats& stats, size_t source_idx) {
  const SourceProfile& source = stats.profile().sources[source_idx];
  if (source.fields.empty()) {
    out += "<p>No mapped field has any value.</p>";
    return;
  }
  out +=
      "<table><tr><th>Field</th><th class=\"n\">Filled</th>"
      "<th class=\"n\">Valid (of filled)</th><th class=\"n\">Distinct</th>"
      "<th>Top values</th><th>Top formats</th></tr>";
  for (const FieldProfile& field : source.fields) {
    const std::string name(FieldName(field.field));
    uint64_t filled = 0;
    if (source_idx < stats.quality().size()) {
      filled = stats.quality()[source_idx][static_cast<size_t>(field.field)].filled;
    }
    out += "<tr><td><b>" + HtmlEscape(name) + "</b></td>";
    out += RateCell(FillRate(stats, source_idx, field.field), name + " fill rate");
    out += RateCell(ValidityRate(stats, source_idx, field.field), name + " validity rate");
    out += "<td class=\"n\">" + Count(field.distinct) + "<br><small>" +
           (field.values > 0 ? Percent(field.distinct, field.values) + " unique" : "no value") +
           "</small></td>";
    out += CountsCell(field.top_values, field.values);
    out += CountsCell(field.top_patterns, filled);
    out += "</tr>";
  }
  out += "</table>";
}

std::string DuplicateCell(const DuplicateStats& stats, uint64_t records) {
  if (stats.records == 0) return "<td class=\"n\">–</td>";
  return "<td class=\"n\"><b>" + Count(stats.duplicate_records) + "</b> (" +
         Percent(stats.duplicate_records, records) + ")<br><small>" + Count(stats.groups) +
         " groups, largest " + Count(stats.largest_group) + "</small></td>";
}

void WriteExactDuplicates(std::string& out, const std::vector<std::string>& names,
                          const ProfileStats& profile) {
  Section(out, "exact-duplicates", "Exact duplicates (before matching)",
          "Records that repeat another record of the same source exactly: the same cleaned "
          "value on every field, or the same email or phone. Counted before any fuzzy "
          "matching, so these are the cheap duplicates; the matching section finds the rest. "
          "\"Copies\" are records beyond the first of each group.");
  out +=
      "<table><tr><th>Source</th><th class=\"n\">Records</th>"
      "<th class=\"n\">Exact copies of a record</th><th class=\"n\">Same email</th>"
      "<th class=\"n\">Same phone</th></tr>";
  for (size_t idx = 0; idx < profile.sources.size(); ++idx) {
    const SourceProfile& source = profile.sources[idx];
    out += "<tr><td><b>" + HtmlEscape(Name(names, idx)) + "</b></td><td class=\"n\">" +
           Count(source.records) + "</td>" + DuplicateCell(source.exact_records, source.records) +
           DuplicateCell(source.email, source.records) +
           DuplicateCell(source.phone, source.records) + "</tr>";
  }
  out += "</table>";
  if (profile.pairs.empty()) {
    out += "</section>\n";
    return;
  }
  out +=
      "<h3>Across sources</h3><p class=\"explain\">Records found exactly in another source "
      "(same cleaned values on the fields both sources have), and emails and phones the two "
      "sources share.</p><table><tr><th>Sources</th><th>Compared on</th>"
      "<th class=\"n\">First's records in second</th><th class=\"n\">Second's records in "
      "first</th><th class=\"n\">Shared emails</th><th class=\"n\">Shared phones</th></tr>";
  for (const SourcePairProfile& pair : profile.pairs) {
    std::string fields;
    for (Field field : pair.common_fields) {
      fields += (fields.empty() ? "" : ", ") + std::string(FieldName(field));
    }
    const uint64_t records_a = pair.a < profile.sources.size() ? profile.sources[pair.a].records : 0;
    const uint64_t records_b = pair.b < profile.sources.size() ? profile.sources[pair.b].records : 0;
    out += "<tr><td><b>" + HtmlEscape(Name(names, pair.a)) + "</b> – <b>" +
           HtmlEscape(Name(names, pair.b)) + "</b></td><td><small>" +
           (fields.empty() ? "no common field" : HtmlEscape(fields)) + "</small></td><td class=\"n\">" +
           Count(pair.a_records_in_b) + " (" + Percent(pair.a_records_in_b, records_a) +
           ")</td><td class=\"n\">" + Count(pair.b_records_in_a) + " (" +
           Percent(pair.b_records_in_a, records_b) + ")</td><td class=\"n\">" +
           Count(pair.shared_emails) + "</td><td class=\"n\">" + Count(pair.shared_phones) +
           "</td></tr>";
  }
  out += "</table></section>\n";
}

}  // namespace

void WriteProfileSections(std::string& out, const std::vector<std::string>& names,
                          const RunStats& stats, bool expanded) {
  const ProfileStats& profile = stats.profile();
  Section(out, "profile", "Field profile",
          "For each source and field: the share of records with a value, the share of those "
          "values that are usable, how many distinct cleaned values there are, the most "
          "frequent ones, and the most frequent formats of the values as the file has them "
          "(A: upper-case letter, a: lower-case letter, 9: digit, +: the run goes on). Click a "
          "source to open or fold its table.");
  out += profile.values_unmasked
             ? "<p class=\"note\">Top values are shown <b>unmasked</b> (--report-values): this "
               "page holds personal data.</p>"
             : "<p class=\"privacy\">Top values are masked (<code>j***@g***.com</code>, "
               "<code>J*** L***</code>); run with <code>--report-values</code> to see them.</p>";
  for (size_t idx = 0; idx < profile.sources.size(); ++idx) {
    out += std::string(expanded ? "<details open>" : "<details>") + "<summary><b>" +
           HtmlEscape(Name(names, idx)) + "</b> <small class=\"explain\">(" +
           Count(profile.sources[idx].records) + " records, " +
           Count(profile.sources[idx].fields.size()) + " fields)</small></summary>";
    WriteFieldTable(out, stats, idx);
    out += "</details>";
  }
  out += "</section>\n";
  WriteExactDuplicates(out, names, profile);
}

}  // namespace idforge::report
