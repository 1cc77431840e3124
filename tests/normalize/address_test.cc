// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Address normalization: street keys, postcodes per country, country names, and the one-line
// parser on US/UK/FR/DE layouts and Mailchimp cells (many from the Senzing truth set).
#include "engine/normalize/address.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "tests/testing/test_util.h"

namespace idforge::normalize {
namespace {

struct StreetCase {
  std::string_view raw;
  std::string_view key;
};

constexpr StreetCase kStreetCases[] = {
    {"12 bis, Av. Victor-Hugo", "12bis av victor hugo"},
    {"12 avenue victor hugo", "12 av victor hugo"},
    {"12bis avenue Victor Hugo", "12bis av victor hugo"},
    {"3 ter R. de la Paix", "3ter rue de la paix"},
    {"7 Rue de l'Église", "7 rue de l eglise"},
    {"15 Bd Saint-Michel", "15 bd st michel"},
    {"15 boulevard St Michel", "15 bd st michel"},
    {"4 Ch. des Vignes", "4 ch des vignes"},
    {"4 chemin des vignes", "4 ch des vignes"},
    {"123 Main Street", "123 main st"},
    {"123 Main St.", "123 main st"},
    {"123 MAIN ST APT 4", "123 main st #4"},
    {"123 Main St Apartment 4B", "123 main st #4b"},
    {"123 Main St #4", "123 main st #4"},
    {"123 Main St, Apt. #4", "123 main st #4"},
    {"1450 N City Rd Suite 900", "1450 n city rd #900"},
    {"1450 North City Road, Ste 900", "1450 n city rd #900"},
    {"1515 Adela Lane", "1515 adela ln"},
    {"1515 Adela Ln", "1515 adela ln"},
    {"1304 Poppy Hills Dr", "1304 poppy hills dr"},
    {"1304 Poppy Hills Drive", "1304 poppy hills dr"},
    {"9304 W. 15th St", "9304 w 15th st"},
    {"9304 West Fifteenth Street", "9304 w fifteenth st"},
    {"100 First Avenue", "100 1st av"},
    {"80 Delaware Ave SE", "80 delaware av se"},
    {"P.O. Box 12987", "po box 12987"},
    {"PO BOX 12987", "po box 12987"},
    {"Post Office Box 12987", "po box 12987"},
    {"Hardenbergstraße 87", "hardenbergstr 87"},
    {"Hardenbergstrasse 87", "hardenbergstr 87"},
    {"Hardenbergstr. 87", "hardenbergstr 87"},
    {"1231 Las Vegas Blvd, Penthouse Suite", "1231 las vegas bd penthouse suite"},
    {"Sainte-Anne 5", "st anne 5"},
    {"Place de la Concorde", "pl de la concorde"},
    {"  ", ""},
    {"n/a", ""},
    {"Unknown", ""},
    {"東京都千代田区1-1", "東京都千代田区1 1"},
};

TEST(NormalizeStreetTest, RealWorldCases) {
  std::string out;
  for (const StreetCase& c : kStreetCases) {
    SCOPED_TRACE(std::string(c.raw));
    NormalizeStreet(c.raw, out);
    EXPECT_EQ(out, c.key);
  }
}

TEST(NormalizeStreetTest, IssueExampleDiffersOnlyByBis) {
  std::string a, b;
  NormalizeStreet("12 bis, Av. Victor-Hugo", a);
  NormalizeStreet("12 avenue victor hugo", b);
  EXPECT_EQ(a.substr(a.find(' ')), b.substr(b.find(' ')));
}

TEST(NormalizeStreetTest, InvalidUtf8BecomesSpaceAndLongInputIsHandled) {
  std::string out;
  NormalizeStreet(
      "12 a\xFF"
      "b\xC3",
      out);
  EXPECT_EQ(out, "12 a b");
  const std::string long_street = std::string(100'000, 'a') + " street";
  NormalizeStreet(long_street, out);
  EXPECT_TRUE(out.ends_with(" st"));
}

struct PostcodeCase {
  std::string_view raw;
  std::string_view country;
  std::string_view out;
};

constexpr PostcodeCase kPostcodeCases[] = {
    {"94105-1234", "US", "94105"},
    {"941051234", "US", "94105"},
    {"927230000", "US", "92723"},
    {"94105", "us", "94105"},
    {"8030", "US", "08030"},  // Camden NJ 08030 after a spreadsheet
    {"08030", "United States", "08030"},
    {"501", "US", "00501"},
    {"69002", "FR", "69002"},
    {"1000", "FR", "01000"},
    {"F-69002", "FR", "69002"},
    {"75008 CEDEX 08", "FR", "75008"},
    {" 06000 ", "France", "06000"},
    {"D-56422", "DE", "56422"},
    {"1067", "DE", "01067"},
    {"sw1a2aa", "GB", "SW1A 2AA"},
    {"SW1A 2AA", "UK", "SW1A 2AA"},
    {"le11 1uu", "GB", "LE11 1UU"},
    {"M1 1AE", "GB", "M1 1AE"},
    {"m1s1t4", "CA", "M1S 1T4"},
    {"M1S 1T4", "", "M1S 1T4"},
    {"sw1a 2aa", "", "SW1A 2AA"},
    {"94105-1234", "", "94105"},
    {"1234 ab", "NL", "1234AB"},
    {"d02 x285", "IE", "D02 X285"},
    {"059413", "SG", "059413"},
    {"673576", "IN", "673576"},
    {"FL-9490", "LI", "9490"},
    {"00000", "US", ""},
    {"99999", "", ""},
    {"n/a", "FR", ""},
    {"xxxxx", "GB", ""},
    {"", "FR", ""},
    {"1010", "AT", "1010"},
    {"28013", "ES", "28013"},
};

TEST(NormalizePostcodeTest, RealWorldCases) {
  std::string out;
  for (const PostcodeCase& c : kPostcodeCases) {
    SCOPED_TRACE(std::string(c.raw) + " / " + std::string(c.country));
    NormalizePostcode(c.raw, c.country, out);
    EXPECT_EQ(out, c.out);
  }
}

struct CountryCase {
  std::string_view raw;
  std::string_view code;
};

constexpr CountryCase kCountryCases[] = {
    {"France", "FR"},
    {"FR", "FR"},
    {"fra", "FR"},
    {"United States", "US"},
    {"USA", "US"},
    {"U.S.A.", "US"},
    {"u.s.", "US"},
    {"États-Unis", "US"},
    {"Etats Unis", "US"},
    {"Deutschland", "DE"},
    {"Germany", "DE"},
    {"Allemagne", "DE"},
    {"UK", "GB"},
    {"Great Britain", "GB"},
    {"United Kingdom", "GB"},
    {"England", "GB"},
    {"España", "ES"},
    {"Espagne", "ES"},
    {"CAN", "CA"},
    {"Canada", "CA"},
    {"Singapore", "SG"},
    {"Cambodia", "KH"},
    {"Lichtenstein", "LI"},
    {"RUS", "RU"},
    {"Österreich", "AT"},
    {"Schweiz", "CH"},
    {"Suisse", "CH"},
    {"Pays-Bas", "NL"},
    {"Hong Kong", "HK"},
    {"de", "DE"},
    {"Atlantis", ""},
    {"", ""},
    {"ZZ", ""},
    {"n/a", ""},
};

TEST(CountryCodeTest, NamesAndCodes) {
  for (const CountryCase& c : kCountryCases) {
    EXPECT_EQ(CountryCode(c.raw), c.code) << c.raw;
  }
}

struct ParseCase {
  std::string_view raw;
  std::string_view hint;
  AddressParts expected;  // house_number, unit, street, postcode, city, region, country
};

const ParseCase kParseCases[] = {
    {"123 Main St Apt 4, Springfield, IL 62701",
     "",
     {"123", "4", "Main St", "62701", "Springfield", "IL", "US"}},
    {"10 Downing Street, London SW1A 2AA",
     "",
     {"10", "", "Downing Street", "SW1A 2AA", "London", "", "GB"}},
    {"12 bis, Av. Victor-Hugo, 69002 Lyon",
     "FR",
     {"12 bis", "", "Av. Victor-Hugo", "69002", "Lyon", "", "FR"}},
    {"12 rue Victor Hugo  Lyon  69002  FR",
     "",
     {"12", "", "rue Victor Hugo", "69002", "Lyon", "", "FR"}},
    {"123 Main St  Apt 4  Springfield  IL  62701  US",
     "",
     {"123", "4", "Main St", "62701", "Springfield", "IL", "US"}},
    {"123 Main Street, Las Vegas NV 89132",
     "",
     {"123", "", "Main Street", "89132", "Las Vegas", "NV", "US"}},
    {"9304 W. 15th St La Blanca, FL 60527",
     "",
     {"9304", "", "W. 15th St", "60527", "La Blanca", "FL", "US"}},
    {"6371 E Foothill Dr, Orroville, CA 95915",
     "",
     {"6371", "", "E Foothill Dr", "95915", "Orroville", "CA", "US"}},
    {"6371 E Foothill Dr, Orroville, CA",
     "",
     {"6371", "", "E Foothill Dr", "", "Orroville", "CA", ""}},
    {"169 3rd Ave. Camden, NJ 08030", "", {"169", "", "3rd Ave.", "08030", "Camden", "NJ", "US"}},
    {"Ansbacher Strasse 23, 56422 Dusseldorf",
     "DE",
     {"23", "", "Ansbacher Strasse", "56422", "Dusseldorf", "", "DE"}},
    {"18 Danver Place, Loughborough, Leicestershire, LE11 1UU, United Kingdom",
     "",
     {"18", "", "Danver Place", "LE11 1UU", "Loughborough", "Leicestershire", "GB"}},
    {"18 Danver Place, Loughborough, Leicestershire, United Kingdom, LE11 1UU",
     "",
     {"18", "", "Danver Place", "LE11 1UU", "Loughborough", "Leicestershire", "GB"}},
    {"Suite 900, 1450 N City Rd", "US", {"1450", "900", "N City Rd", "", "", "", "US"}},
    {"Chrysler Building, 405 Lexington Avenue",
     "",
     {"405", "", "Lexington Avenue", "", "", "", ""}},
    {"133 New Bridge Road, Chinatown Point, Singapore 059413",
     "",
     {"133", "", "New Bridge Road", "059413", "Singapore", "", ""}},
    {"Mullanpara Road, Old Vythiri, Vythiri, Wayanad, 673576, India",
     "",
     {"", "", "Mullanpara Road", "673576", "Old Vythiri", "Wayanad", "IN"}},
    {"80 Delaware Ave SE Washington DC 40040",
     "",
     {"80", "", "Delaware Ave SE", "40040", "Washington", "DC", "US"}},
    {"P.O. Box 12987", "US", {"", "", "P.O. Box 12987", "", "", "", "US"}},
    {"Toronto ON M1S 1T4", "", {"", "", "", "M1S 1T4", "Toronto", "ON", "CA"}},
    {"", "FR", {"", "", "", "", "", "", ""}},
};

TEST(ParseAddressLineTest, CommonLayouts) {
  AddressParts parts;
  for (const ParseCase& c : kParseCases) {
    SCOPED_TRACE(std::string(c.raw));
    ParseAddressLine(c.raw, c.hint, parts);
    EXPECT_EQ(parts.house_number, c.expected.house_number);
    EXPECT_EQ(parts.unit, c.expected.unit);
    EXPECT_EQ(parts.street, c.expected.street);
    EXPECT_EQ(parts.postcode, c.expected.postcode);
    EXPECT_EQ(parts.city, c.expected.city);
    EXPECT_EQ(parts.region, c.expected.region);
    EXPECT_EQ(parts.country, c.expected.country);
  }
}

std::string RandomStreet(std::mt19937_64& rng) {
  static constexpr std::string_view kWords[] = {
      "12",           "bis", "Av.",    "Victor-Hugo", "rue",
      "R.",           "St",  "Street", "Apt",         "#",
      "4B",           "ter", "Suite",  "ste",         "9",
      "P.O.",         "Box", "po",     "box",         "N",
      "West",         "Ch.", "Élysée", "straße",      "Haupt",
      "Hauptstrasse", ",",   "first",  "saint",       "  ",
      "quater",       "p",   "o",      "post",        "office",
      "sainte",       "bp",  "unit",   "\xC3\x9F",    "\xFF"};
  std::string out;
  const size_t count = 1 + rng() % 8;
  for (size_t i = 0; i < count; ++i) {
    if (rng() % 3 != 0) out += ' ';
    out += kWords[rng() % std::size(kWords)];
  }
  return out;
}

TEST(NormalizeStreetTest, IsIdempotent) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::string once, twice;
  for (int n = 0; n < 20'000; ++n) {
    const std::string raw = RandomStreet(rng);
    SCOPED_TRACE(raw);
    NormalizeStreet(raw, once);
    NormalizeStreet(once, twice);
    ASSERT_EQ(twice, once);
  }
}

TEST(NormalizePostcodeTest, IsIdempotent) {
  const uint64_t seed = test::Seed();
  SCOPED_TRACE("IDFORGE_TEST_SEED=" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  static constexpr std::string_view kCountries[] = {"",   "US", "FR", "GB", "DE",
                                                    "CA", "NL", "IE", "SG", "JP"};
  static constexpr std::string_view kAlphabet = "0123456789ABSWXYZaei -";
  std::string raw, once, twice;
  for (int n = 0; n < 20'000; ++n) {
    raw.clear();
    const size_t length = 1 + rng() % 10;
    for (size_t i = 0; i < length; ++i) raw += kAlphabet[rng() % kAlphabet.size()];
    const std::string_view country = kCountries[rng() % std::size(kCountries)];
    SCOPED_TRACE(raw + " / " + std::string(country));
    NormalizePostcode(raw, country, once);
    NormalizePostcode(once, country, twice);
    ASSERT_EQ(twice, once);
  }
}

}  // namespace
}  // namespace idforge::normalize
