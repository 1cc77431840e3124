// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Address standardization: a street matching key (street types, `bis/ter`, units, directions in
// English and French), postcodes per country, country names to ISO codes, and a parser that splits
// a one-line address (US, UK, FR/DE layouts, Mailchimp's double-space cell) into parts.
#pragma once

#include <string>
#include <string_view>

namespace idforge::normalize {

// The parts of one address. Strings are reused across calls (Clear() keeps their capacity).
struct AddressParts {
  std::string house_number;  // "123", "12 bis", "10-12"
  std::string unit;          // "4B" from "Apt 4B", "900" from "Suite 900"
  std::string street;        // "Main St", "Av. Victor-Hugo" (the number and unit removed)
  std::string postcode;      // normalized with NormalizePostcode() for `country`
  std::string city;
  std::string region;   // state, province or county as written ("IL", "Leicestershire")
  std::string country;  // ISO 3166 alpha-2, or empty
  void Clear();
};

// The street matching key, written to `out` (cleared first; no allocation for values under 256
// bytes once `out` has capacity). Lower-case ASCII: Latin-1 accents and ligatures are folded
// (é→e, ß→ss, œ→oe); other non-ASCII letters are kept as they are (the table-level normalizer may
// run text::FoldText on street names first for full Unicode folding); punctuation becomes a space.
// Tokens are rewritten to one canonical form:
//   street/st/saint/sainte → st, avenue/ave/av → av, boulevard/blvd/bld/bd → bd, rue/r → rue,
//   chemin/ch → ch, road/rd → rd, drive/dr → dr, lane/ln → ln, place/pl → pl, court/ct → ct, ...
//   German `…strasse`/`…straße`/`…str` → `…str`; north/south/east/west → n/s/e/w;
//   first..tenth → 1st..10th; p.o. box/post office box/pobox/bp → "po box";
//   `12 bis`, `12 ter`, `12 quater` → `12bis`; a unit marker (apt, apartment, appt, unit,
//   suite, ste+number, flat, #) and its id → `#4b`.
// Example: "12 bis, Av. Victor-Hugo" → "12bis av victor hugo"; "123 Main Street Apt 4" →
// "123 main st #4". A placeholder value ("n/a", "unknown") gives an empty key. Idempotent. O(n).
void NormalizeStreet(std::string_view raw, std::string& out);

// The postcode matching form for `country` (ISO2 preferred; a name is resolved with CountryCode).
//   US: the 5-digit ZIP; a ZIP+4 (`94105-1234`, `941051234`) keeps its first 5 digits (the +4
//       is often missing or stale, and it does not identify a person better than the street);
//       3-4 digit values get their leading zeros back (`8030` → `08030`, spreadsheets drop them).
//   FR, DE, IT, ES, ...: the digits, zero-padded to the country's length (`1000` → `01000`);
//       `F-69002`, `D-56422`, `FL-9490` prefixes and trailing `CEDEX 08` are removed.
//   GB, CA: upper-case with one space before the inward part (`sw1a2aa` → `SW1A 2AA`).
//   NL `1234 ab` → `1234AB`; other and unknown countries: upper-case letters and digits only,
//   except that an unknown country's value shaped like a UK/CA postcode or a US ZIP+4 is
//   formatted as such. A placeholder (`00000`, `n/a`, `xxxxx`) gives an empty value.
// Idempotent. O(n).
void NormalizePostcode(std::string_view raw, std::string_view country, std::string& out);

// Splits a free-form address line into parts (out is cleared first). Segments are separated by
// commas, semicolons, line breaks or runs of 2+ spaces (Mailchimp's one-cell `Address`). Handles
//   US `123 Main St Apt 4, Springfield, IL 62701`, `9304 W. 15th St La Blanca, FL 60527`,
//   UK `10 Downing Street, London SW1A 2AA` and `18 Danver Place, Loughborough, Leicestershire,
//   LE11 1UU, United Kingdom`,
//   FR/DE `12 bis, Av. Victor-Hugo, 69002 Lyon`, `Ansbacher Strasse 23, 56422 Dusseldorf`,
//   Mailchimp `12 rue Victor Hugo  Lyon  69002  FR`.
// `country_hint` (ISO2 or name; may be empty) is used when the line names no country; a last
// segment that is both a country and a US state (`CA`, `IN`, `DE`) is the state unless the hint
// is another country or the line is Mailchimp-style. Best effort: unrecognized text stays in
// `street`. Does not handle a city written without any separator after a French street
// (`12 rue Victor Hugo Lyon`), since French street names have no closing type word.
void ParseAddressLine(std::string_view raw, std::string_view country_hint, AddressParts& out);

// ISO 3166 alpha-2 code for a country name or code in English, French, German or Spanish
// (case, accents, dots and spaces ignored): `France`, `FR`, `FRA`, `USA`, `U.S.A.`, `États-Unis`,
// `Deutschland`, `UK` → `GB`, `España`. Empty when unknown. The view points to static storage.
std::string_view CountryCode(std::string_view raw);

}  // namespace idforge::normalize
