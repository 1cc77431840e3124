// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The idforge Authors.
//
// Detection: each tool's realistic header picks its profile (and no other), doubts are reported,
// and sniffing finds format, delimiter, encoding and columns.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/profiles/detect.h"
#include "tests/testing/test_util.h"

namespace idforge::profiles {
namespace {

const std::vector<Profile>& Builtin() {
  static const std::vector<Profile> profiles = [] {
    auto loaded = BuiltinProfiles();
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : std::vector<Profile>{};
  }();
  return profiles;
}

std::vector<std::string> Split(std::string_view header, char delimiter = ',') {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    const size_t end = header.find(delimiter, pos);
    out.emplace_back(header.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (end == std::string_view::npos) return out;
    pos = end + 1;
  }
}

struct HeaderCase {
  const char* label;
  InputFormat format;
  const char* header;  // comma-separated column names (JSON: dotted paths)
  const char* profile;
};

// Headers as the tools write them (../shared/EXPORTS.md).
const HeaderCase kHeaders[] = {
    {"hubspot default view", InputFormat::kCsv,
     "Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Primary Associated Company ID,"
     "Last Activity Date,Lead Status,Marketing contact status,Create Date,Associated Company",
     "hubspot"},
    {"hubspot all properties", InputFormat::kCsv,
     "Record ID,First Name,Last Name,Email,Phone Number,Street Address,City,State/Region,Postal Code,"
     "Country/Region,Date of birth,Mobile Phone Number,Job Title,Company Name,Last Modified Date,"
     "Contact owner,Lifecycle Stage",
     "hubspot"},
    {"hubspot french labels", InputFormat::kCsv,
     "ID de fiche d'informations,Prénom,Nom,E-mail,Numéro de téléphone,Propriétaire du contact,"
     "Date de la dernière activité,Statut du lead,Statut de contact marketing,Date de création",
     "hubspot"},
    {"hubspot internal names", InputFormat::kCsv,
     "hs_object_id,firstname,lastname,email,phone,mobilephone,company,jobtitle,address,city,state,zip,"
     "country,createdate,lastmodifieddate,hubspot_owner_id",
     "hubspot"},
    {"salesforce contact data loader", InputFormat::kCsv,
     "Id,MasterRecordId,AccountId,Salutation,FirstName,MiddleName,LastName,Suffix,MailingStreet,"
     "MailingCity,MailingState,MailingPostalCode,MailingCountry,Phone,MobilePhone,HomePhone,Email,"
     "Title,Birthdate,HasOptedOutOfEmail,CreatedDate,LastModifiedDate",
     "salesforce"},
    {"salesforce contact ALL CAPS", InputFormat::kCsv,
     "ID,ISDELETED,MASTERRECORDID,ACCOUNTID,FIRSTNAME,LASTNAME,MAILINGSTREET,MAILINGCITY,"
     "MAILINGSTATE,MAILINGPOSTALCODE,MAILINGCOUNTRY,PHONE,EMAIL,TITLE,BIRTHDATE,LASTMODIFIEDDATE",
     "salesforce"},
    {"salesforce lead", InputFormat::kCsv,
     "Id,FirstName,LastName,Company,Street,City,State,PostalCode,Country,Phone,MobilePhone,Email,"
     "Status,IsConverted,ConvertedContactId,LastModifiedDate",
     "salesforce"},
    {"salesforce report labels", InputFormat::kCsv,
     "Contact ID,Full Name,Email,Phone,Mailing Street,Mailing City,Mailing Zip/Postal Code,"
     "Account Name,Contact Owner,Title",
     "salesforce"},
    {"mailchimp subscribed", InputFormat::kCsv,
     "Email Address,First Name,Last Name,Address,Phone Number,Birthday,MEMBER_RATING,OPTIN_TIME,"
     "OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,"
     "LAST_CHANGED,LEID,EUID,NOTES,TAGS",
     "mailchimp"},
    {"mailchimp unsubscribed", InputFormat::kCsv,
     "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,"
     "UNSUB_REASON,LAST_CHANGED,LEID,EUID",
     "mailchimp"},
    {"shopify current", InputFormat::kCsv,
     "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
     "Default Address Address1,Default Address Address2,Default Address City,"
     "Default Address Province Code,Default Address Country Code,Default Address Zip,"
     "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags",
     "shopify"},
    {"shopify legacy", InputFormat::kCsv,
     "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,"
     "Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt",
     "shopify"},
    {"shopify admin api json", InputFormat::kJsonl,
     "id,email,first_name,last_name,phone,created_at,updated_at,default_address.address1,"
     "default_address.city,default_address.country_code,default_address.zip,tags,orders_count,"
     "total_spent,accepts_marketing",
     "shopify"},
    {"klaviyo", InputFormat::kCsv,
     "Email,Klaviyo ID,First Name,Last Name,Organization,Title,Phone Number,Address,Address 2,City,"
     "State / Region,Country,Zip Code,Latitude,Longitude,Source,Consent,First Active,Last Active,"
     "Profile Created On,$timezone,$phone_number_region",
     "klaviyo"},
    {"stripe", InputFormat::kCsv,
     "id,Description,Email,Name,Phone,Created (UTC),Delinquent,Card ID,Currency,Address Line1,"
     "Address City,Address State,Address Zip,Address Country",
     "stripe"},
    {"segment identify", InputFormat::kJsonl,
     "type,messageId,anonymousId,userId,timestamp,traits.email,traits.firstName,traits.lastName,"
     "traits.phone,traits.address.city,context.ip,context.locale",
     "segment"},
};

TEST(DetectTest, EachToolHeaderPicksItsProfile) {
  for (const HeaderCase& c : kHeaders) {
    const std::vector<std::string> columns = Split(c.header);
    const Detection detection = DetectProfile(columns, c.format, Builtin());
    ASSERT_NE(detection.profile, nullptr) << c.label;
    EXPECT_EQ(detection.profile->name, c.profile) << c.label;
    EXPECT_FALSE(detection.fell_back_to_generic) << c.label;
    EXPECT_FALSE(detection.ambiguous()) << c.label << ": runner-up " << detection.runner_up << " "
                                        << detection.runner_up_score << " vs "
                                        << detection.confidence;
    EXPECT_GE(detection.confidence, kMinToolScore) << c.label;
    // Every other tool profile scores clearly lower.
    for (const ProfileScore& score : detection.scores) {
      if (score.profile == c.profile) continue;
      EXPECT_LE(score.score, detection.confidence - kAmbiguityMargin)
          << c.label << ": " << score.profile << " scores " << score.score;
    }
  }
}

TEST(DetectTest, GenericHeadersInFourLanguagesFallBackToGeneric) {
  const char* headers[] = {
      "first name,last name,e-mail,phone,street,city,zip,country,date of birth",
      "prénom,nom,courriel,téléphone,adresse postale,ville,code postal,pays,date de naissance",
      "nombre,apellido,correo electrónico,teléfono,calle,ciudad,código postal,país",
      "Vorname,Nachname,E-Mail,Telefon,Straße,Stadt,PLZ,Land,Geburtsdatum",
  };
  for (const char* header : headers) {
    const std::vector<std::string> columns = Split(header);
    const Detection detection = DetectProfile(columns, InputFormat::kCsv, Builtin());
    ASSERT_NE(detection.profile, nullptr);
    EXPECT_EQ(detection.profile->name, "generic") << header;
    EXPECT_TRUE(detection.fell_back_to_generic) << header;
    EXPECT_TRUE(detection.unmapped.empty()) << header << ": " << detection.unmapped.front();
    FileSniff sniff;
    sniff.columns = columns;
    const SourceSpec spec = BuildSource(*detection.profile, sniff, "s");
    for (Field field : {Field::kFirstName, Field::kLastName, Field::kEmail, Field::kPhone,
                        Field::kCity, Field::kPostcode, Field::kCountry}) {
      EXPECT_TRUE(spec.field(field).has_value()) << header << ": " << FieldName(field);
    }
  }
}

TEST(DetectTest, UnknownColumnsAreReportedNotGuessed) {
  const std::vector<std::string> columns = Split("Kundennummer,E-Mail,Lieblingsfarbe,Schuhgröße");
  const Detection detection = DetectProfile(columns, InputFormat::kCsv, Builtin());
  EXPECT_EQ(detection.profile->name, "generic");
  EXPECT_EQ(detection.unmapped, (std::vector<std::string>{"Lieblingsfarbe", "Schuhgröße"}));
}

TEST(DetectTest, CloseScoresAreReportedAsAmbiguous) {
  // A HubSpot owner column and Salesforce mailing columns in one file: both tools are plausible.
  const std::vector<std::string> columns =
      Split("Record ID,Contact owner,Lifecycle Stage,MailingStreet,MailingCity,MailingPostalCode,Email");
  const Detection detection = DetectProfile(columns, InputFormat::kCsv, Builtin());
  EXPECT_TRUE(detection.ambiguous());
  EXPECT_NE(detection.runner_up, detection.profile->name);
  // Deterministic: the same answer every time.
  EXPECT_EQ(DetectProfile(columns, InputFormat::kCsv, Builtin()).profile, detection.profile);
}

TEST(SniffTest, CsvDelimiterAndHeader) {
  auto sniff = SniffText("Email Address;First Name;LEID\na@b.fr;Zoé;1\n", InputFormat::kCsv, true);
  ASSERT_TRUE(sniff.ok()) << sniff.status().ToString();
  EXPECT_EQ(sniff->delimiter, ';');
  EXPECT_TRUE(sniff->delimiter_detected);
  EXPECT_EQ(sniff->columns, (std::vector<std::string>{"Email Address", "First Name", "LEID"}));
  EXPECT_FALSE(SniffText("", InputFormat::kCsv, true).ok());
}

TEST(SniffTest, JsonLinesAndArraysGiveDottedPaths) {
  const std::string lines =
      "{\"type\":\"identify\",\"traits\":{\"email\":\"a@b.c\",\"address\":{\"city\":\"X\"}}}\n"
      "{\"type\":\"alias\",\"previousId\":\"p\",\"userId\":\"u\"}\n{\"truncat";
  auto sniff = SniffText(lines, InputFormat::kJsonl, false);
  ASSERT_TRUE(sniff.ok()) << sniff.status().ToString();
  EXPECT_EQ(sniff->columns, (std::vector<std::string>{"type", "traits.email", "traits.address.city",
                                                      "previousId", "userId"}));
  auto array = SniffText("[{\"id\": 1, \"email\": \"x\"}, {\"id\": 2, \"tags\": [\"a\", \"b]\"]},",
                         InputFormat::kJson, false);
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_EQ(array->columns, (std::vector<std::string>{"id", "email", "tags"}));
  EXPECT_FALSE(SniffText("not json\n", InputFormat::kJsonl, true).ok());
}

TEST(SniffTest, FilesGetFormatEncodingAndCompression) {
  test::TempDir dir;
  // CP1252 bytes (é = 0xE9) in a CSV without a BOM: read as Latin-1.
  const std::string latin = dir.WriteFile("contacts.csv", "Pr\xe9nom,Nom,Courriel\nZo\xe9,Roy,z@r.fr\n");
  auto sniff = SniffFile(latin);
  ASSERT_TRUE(sniff.ok()) << sniff.status().ToString();
  EXPECT_EQ(sniff->encoding, Encoding::kLatin1);
  EXPECT_EQ(sniff->columns.front(), "Prénom");
  // JSON lines behind a .txt extension are recognised by content.
  const std::string events = dir.WriteFile("events.txt", "{\"type\":\"identify\",\"userId\":\"u\"}\n");
  auto json = SniffFile(events);
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ(json->format, InputFormat::kJsonl);
  EXPECT_EQ(json->encoding, Encoding::kUtf8);
  EXPECT_FALSE(SniffFile(dir.path() + "/missing.csv").ok());
}

TEST(SniffTest, FixtureExportsAreDetected) {
  const std::string data = test::SourceDir() + "/tests/profiles/data/";
  const std::pair<const char*, const char*> files[] = {
      {"hubspot.csv", "hubspot"}, {"mailchimp.csv", "mailchimp"}, {"shopify.csv", "shopify"},
      {"salesforce_contacts.csv", "salesforce"}, {"salesforce_leads.csv", "salesforce"},
      {"segment.jsonl", "segment"}};
  for (const auto& [file, profile] : files) {
    auto sniff = SniffFile(data + file);
    ASSERT_TRUE(sniff.ok()) << file << ": " << sniff.status().ToString();
    const Detection detection = DetectProfile(sniff->columns, sniff->format, Builtin());
    EXPECT_EQ(detection.profile->name, profile) << file;
    EXPECT_FALSE(detection.ambiguous()) << file << " runner-up " << detection.runner_up;
  }
}

}  // namespace
}  // namespace idforge::profiles
