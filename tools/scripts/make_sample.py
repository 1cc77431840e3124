#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2024 The idforge Authors.
#
# Writes the bundled demo sample in datasets/sample/: three synthetic customer
# exports (Salesforce Contact Data Loader CSV, Mailchimp audience CSV with ';',
# Shopify customer JSON lines), the ground truth and the job file.
#
#   python3 tools/scripts/make_sample.py [--out DIR]
#
# Standard library only, fixed seed: re-running gives byte-identical files.
# Every person, email, phone and address is invented (see datasets/README.md).
# Never iterate over a set or use hash() here: string hashing is randomized.
"""Generate datasets/sample/ (crm.csv, marketing.csv, shop.jsonl, truth.csv, job.json)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

SEED = 20240301
N_PERSONS = 1500

# Probability that a person has a record in each source (persons with none are redrawn).
P_IN_SOURCE = {"crm": 0.65, "marketing": 0.68, "shop": 0.54}
# Probability that a record of a person is followed by a second one in the same source.
P_WITHIN_DUP = 0.05

# Hard negatives: share of persons created as the partner of an earlier person.
P_HOUSEHOLD = 0.04   # same address and home phone, different first name (and dob)
P_TWIN = 0.008       # same last name, birth date and address, different first name
P_NAMESAKE = 0.02    # same first and last name, different city, dob, phone, email

# Per-record variations (each drawn independently for every record).
RATES = {
    "nickname": 0.07,          # of records of persons whose first name has a nickname
    "accents_dropped": 0.15,   # of records whose name has accents / umlauts / ß
    "case_noise": 0.04,        # JÉRÔME LEFÈVRE / jerome lefevre
    "name_typo": 0.03,         # one keyboard slip in first or last name
    "swapped_names": 0.012,    # first and last name exchanged
    "es_second_surname_dropped": 0.35,  # of records of Spanish persons with two surnames
    "alt_email": 0.10,         # the person's other (work / old) address instead of the usual one
    "gmail_variant": 0.15,     # of gmail addresses: dots moved/removed or +tag
    "email_case": 0.03,        # Jean.Dupont@Gmail.com
    "email_typo": 0.01,        # gmial.com, dropped letter
    "street_abbrev_flip": 0.25,  # Street <-> St, Avenue <-> Av.
    "address_line2_dropped": 0.2,  # of records of persons with a second address line
    "moved": 0.05,             # previous address of the person
    "dob_typo": 0.02,          # day/month swapped or a digit off (crm only)
    "zip_leading_zero_lost": 0.2,  # of crm records with a leading-zero postcode (Excel round trip)
    "junk": 0.012,             # placeholder: test@test.com, n/a, 000-000-0000, "Test"
}
# Missing values per source and field (on top of fields a source does not hold).
MISSING = {
    "crm": {"email": 0.06, "phone": 0.15, "street": 0.10, "dob": 0.45, "company": 0.15, "first_name": 0.01},
    "marketing": {"first_name": 0.10, "last_name": 0.12, "address": 0.45, "phone": 0.50, "birthday": 0.65},
    "shop": {"email": 0.03, "first_name": 0.03, "phone": 0.45, "address": 0.10, "address_phone": 0.40},
}

# ---------------------------------------------------------------- names ----

NAMES = {
    "US": {
        "m": ["James", "Robert", "William", "Michael", "Richard", "Joseph", "Thomas", "Christopher",
              "Daniel", "Matthew", "Anthony", "Andrew", "Joshua", "Kevin", "Brian", "Tyler", "Ethan",
              "José", "Luis", "Wei", "Jamal", "Nathaniel", "Steven", "Edward", "Charles"],
        "f": ["Mary", "Patricia", "Jennifer", "Elizabeth", "Margaret", "Susan", "Jessica", "Ashley",
              "Emily", "Katherine", "Sarah", "Rebecca", "Zoë", "Chloé", "Mary-Kate", "María", "Mei",
              "Aaliyah", "Rachel", "Deborah", "Megan", "Amanda", "Victoria", "Renée", "Abigail"],
        "last": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                 "Rodriguez", "Martinez", "Anderson", "Thompson", "Robinson", "Walker", "Young",
                 "King", "Wright", "Scott", "Hill", "Green", "Baker", "Nelson", "Carter", "Mitchell",
                 "O'Brien", "O'Connor", "McDonald", "Smith-Jones", "de la Cruz", "Nguyen", "Kim",
                 "Patel", "Washington", "Hernández", "Sullivan", "Fitzpatrick", "DeMarco", "Van Buren"],
    },
    "FR": {
        "m": ["Jean-Pierre", "Jérôme", "Jean", "François", "Joseph", "Nicolas", "Christophe",
              "Stéphane", "Frédéric", "Sébastien", "Benoît", "Théo", "Mathéo", "Loïc", "Raphaël",
              "Maxime", "Alexandre", "Guillaume", "Jean-Luc", "Hervé", "Pierre", "Thierry", "Cédric"],
        "f": ["Marie", "Anne-Sophie", "Hélène", "Élodie", "Céline", "Chloé", "Zoé", "Maëlle",
              "Noémie", "Léa", "Gaëlle", "Cécile", "Thérèse", "Camille", "Margaux", "Isabelle",
              "Marie-Claire", "Amélie", "Béatrice", "Sandrine", "Émilie", "Océane", "Françoise"],
        "last": ["Lefèvre", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
                 "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia",
                 "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Mercier", "Dupont",
                 "Lambert", "Bonnet", "Le Goff", "Le Gall", "N'Diaye", "Lemaître", "Faure",
                 "Rousseau", "Guérin", "Hénault", "Dupré", "de la Fontaine", "de Villiers",
                 "Le Bihan", "Caron-Delmas", "Chevalier", "Bouchard"],
    },
    "GB": {
        "m": ["Oliver", "Harry", "George", "Jack", "William", "Thomas", "James", "Robert", "Edward",
              "Callum", "Alistair", "Gareth", "Rhys", "Dafydd", "Sean", "Eoin", "Liam", "Owen",
              "Samuel", "Benjamin", "Hamish", "Declan"],
        "f": ["Margaret", "Elizabeth", "Charlotte", "Amelia", "Olivia", "Isla", "Sophie", "Siobhan",
              "Niamh", "Aoife", "Fiona", "Siân", "Catherine", "Eleanor", "Poppy", "Imogen",
              "Harriet", "Zoë", "Bethan", "Eilidh", "Grace"],
        "last": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
                 "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
                 "Green", "Hall", "Wood", "O'Brien", "O'Neill", "McLeod", "MacDonald", "Smith-Jones",
                 "Fitzgerald", "Ashworth-Clarke", "Davies", "Pritchard", "Llewellyn", "Campbell",
                 "Murphy", "Sinclair", "Blackwood"],
    },
    "DE": {
        "m": ["Jürgen", "Günter", "Jörg", "Björn", "Hans-Peter", "Karl-Heinz", "Sören", "Johannes",
              "Wolfgang", "Stefan", "Jens", "Lukas", "Maximilian", "Matthias", "Uwe", "Tobias"],
        "f": ["Anja", "Katharina", "Sabine", "Ursula", "Ute", "Lena", "Mia", "Jana", "Käthe",
              "Anneliese", "Birgit", "Dörte", "Franziska", "Petra", "Hannelore"],
        "last": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                 "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
                 "Schröder", "Neumann", "Zimmermann", "Krüger", "Hartmann", "Lange", "Groß", "Weiß",
                 "van der Berg", "von Bülow", "Köhler", "Jäger"],
    },
    "ES": {
        "m": ["José", "Francisco", "Manuel", "Antonio", "Jesús", "Ignacio", "Enrique", "Alejandro",
              "Javier", "Álvaro", "Íñigo", "Juan Carlos", "Sergio", "Pablo", "Rubén"],
        "f": ["María", "Josefa", "Dolores", "Concepción", "Guadalupe", "Rosario", "Mercedes",
              "Begoña", "Núria", "Lucía", "Sofía", "Martina", "María José", "Inés", "Pilar"],
        "last": ["Núñez", "García", "Fernández", "González", "Rodríguez", "López", "Martínez",
                 "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz",
                 "Moreno", "Muñoz", "Álvarez", "Romero", "de la Cruz", "del Río", "Ibáñez", "Peña",
                 "Castaño", "Ortega", "Vázquez"],
    },
}

NICKNAMES = {
    "Robert": ["Bob", "Rob", "Bobby"], "William": ["Bill", "Will", "Billy"],
    "Margaret": ["Peggy", "Maggie", "Meg"], "Elizabeth": ["Liz", "Beth", "Lizzie"],
    "Jennifer": ["Jen", "Jenny"], "Michael": ["Mike"], "Richard": ["Rick", "Dick"],
    "Katherine": ["Kate", "Katie"], "Catherine": ["Cathy", "Kate"], "Christopher": ["Chris"],
    "Joseph": ["Joe", "Jojo"], "Thomas": ["Tom", "Tommy"], "Daniel": ["Dan", "Danny"],
    "Patricia": ["Pat", "Patty"], "Susan": ["Sue"], "Anthony": ["Tony"], "Jessica": ["Jess"],
    "Matthew": ["Matt"], "Andrew": ["Andy", "Drew"], "Joshua": ["Josh"], "Edward": ["Ed", "Ted"],
    "Charles": ["Charlie", "Chuck"], "Steven": ["Steve"], "Rebecca": ["Becky"],
    "Deborah": ["Debbie"], "Victoria": ["Vicky"], "Abigail": ["Abby"], "Nathaniel": ["Nate"],
    "James": ["Jim", "Jamie"], "Samuel": ["Sam"], "Benjamin": ["Ben"], "Amanda": ["Mandy"],
    "Charlotte": ["Charlie", "Lottie"], "Eleanor": ["Ellie"], "Harriet": ["Hattie"],
    "Dafydd": ["Dai"], "Nicolas": ["Nico"], "Christophe": ["Chris"], "Frédéric": ["Fred"],
    "Sébastien": ["Seb"], "Maxime": ["Max"], "Alexandre": ["Alex"], "Jean-Pierre": ["JP"],
    "Isabelle": ["Isa"], "François": ["Francis"], "Katharina": ["Kathi"], "Johannes": ["Hannes"],
    "Ursula": ["Uschi"], "Maximilian": ["Max"], "Franziska": ["Franzi"], "Tobias": ["Tobi"],
    "Francisco": ["Paco", "Curro"], "José": ["Pepe"], "Josefa": ["Pepa"], "Manuel": ["Manolo"],
    "Antonio": ["Toño"], "Dolores": ["Lola"], "Concepción": ["Concha"], "Jesús": ["Chucho"],
    "Ignacio": ["Nacho"], "Guadalupe": ["Lupe"], "Enrique": ["Quique"], "Rosario": ["Charo"],
    "Mercedes": ["Merche"], "Alejandro": ["Álex"], "Pilar": ["Pili"],
}

JOB_TITLES = ["Account Manager", "Marketing Director", "Software Engineer", "Office Manager",
              "Sales Representative", "Chief Financial Officer", "Head of Operations", "Consultant",
              "Product Manager", "HR Business Partner", "Purchasing Manager", "Owner", "Pharmacist",
              "Architect", "Teacher", "Nurse", "Data Analyst", "Project Manager", "Chef",
              "Customer Success Lead", "VP, Sales"]
LOCAL_TITLES = {"FR": ["Directeur commercial", "Chargée de communication", "Responsable achats", "Gérant"],
                "DE": ["Geschäftsführer", "Vertriebsleiterin", "Einkäufer"],
                "ES": ["Jefa de compras", "Director comercial", "Gerente"]}
QUOTED_TITLES = ['Head of "Growth"', 'Chief "Happiness" Officer', 'Sales Rep ("Key Accounts")']

COMPANY_STEMS = ["Veltrix", "Norbridge", "Calvanta", "Quillon", "Sorvane", "Brightmoor", "Tellarion",
                 "Harrowgate", "Lumisk", "Ostrava", "Pinecrest", "Redfall", "Ambervale", "Corvina",
                 "Dunmore", "Ferrowind", "Glenlark", "Kestova", "Marlowe", "Nexaro", "Orvieta",
                 "Paxton", "Rivenna", "Solberk", "Trevisa", "Vantor", "Wexley", "Zephira"]
COMPANY_SUFFIX = {
    "US": ["Inc.", "LLC", "Corp.", "Group", "Labs Inc."],
    "FR": ["SARL", "SAS", "et Fils", "Conseil SAS"],
    "GB": ["Ltd", "Ltd.", "& Co", "plc", "Partners LLP"],
    "DE": ["GmbH", "AG", "& Söhne GmbH", "KG"],
    "ES": ["S.L.", "S.A.", "y Asociados S.L."],
}
QUOTED_COMPANIES = ['The "Good" Coffee Co', 'Les "Petits" Plats SARL', 'Brasserie "Chez Lulu"']

# ------------------------------------------------------------- addresses ----

# city, region (state / county / Land / province), postcode prefix or list, phone area data
US_CITIES = [  # city, state, state name, zip3, area codes
    ("San Francisco", "CA", "California", "941", ["415", "628"]),
    ("Los Angeles", "CA", "California", "900", ["213", "323"]),
    ("New York", "NY", "New York", "100", ["212", "646"]),
    ("Brooklyn", "NY", "New York", "112", ["718", "347"]),
    ("Chicago", "IL", "Illinois", "606", ["312", "773"]),
    ("Austin", "TX", "Texas", "787", ["512", "737"]),
    ("Seattle", "WA", "Washington", "981", ["206"]),
    ("Boston", "MA", "Massachusetts", "021", ["617", "857"]),
    ("Denver", "CO", "Colorado", "802", ["303", "720"]),
    ("Atlanta", "GA", "Georgia", "303", ["404", "678"]),
    ("Portland", "OR", "Oregon", "972", ["503", "971"]),
    ("Miami", "FL", "Florida", "331", ["305", "786"]),
    ("Newark", "NJ", "New Jersey", "071", ["973"]),
    ("Hartford", "CT", "Connecticut", "061", ["860"]),
    ("Philadelphia", "PA", "Pennsylvania", "191", ["215", "267"]),
    ("Minneapolis", "MN", "Minnesota", "554", ["612"]),
    ("Phoenix", "AZ", "Arizona", "850", ["602"]),
    ("Nashville", "TN", "Tennessee", "372", ["615"]),
    ("Portland", "ME", "Maine", "041", ["207"]),
]
US_STREETS = ["Main", "Oak", "Maple", "Cedar", "Washington", "Lake", "Hill", "Park", "Pine", "Elm",
              "Sunset", "Highland", "Lincoln", "Jefferson", "Franklin", "Walnut", "Chestnut",
              "Madison", "Church", "Spring", "Mill", "River", "Ridge", "Meadow", "Willow", "2nd",
              "3rd", "5th", "Broadway", "Martin Luther King Jr"]
US_TYPES = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Boulevard", "Blvd"),
            ("Drive", "Dr"), ("Lane", "Ln"), ("Court", "Ct"), ("Place", "Pl")]
US_LINE2 = ["Apt {n}", "Apt {n}B", "Suite {n}00", "Unit {n}", "# {n}", "Apt. {n}A"]

FR_CITIES = [  # city, region, postcodes, landline prefix (fictional ranges, see README)
    ("Paris", "Île-de-France", [f"750{d:02d}" for d in range(1, 21)], "01 99 00"),
    ("Lyon", "Auvergne-Rhône-Alpes", [f"6900{d}" for d in range(1, 10)], "04 65 71"),
    ("Marseille", "Provence-Alpes-Côte d'Azur", [f"130{d:02d}" for d in range(1, 17)], "04 65 71"),
    ("Toulouse", "Occitanie", ["31000", "31100", "31200", "31300", "31400", "31500"], "05 36 49"),
    ("Nice", "Provence-Alpes-Côte d'Azur", ["06000", "06100", "06200", "06300"], "04 65 71"),
    ("Nantes", "Pays de la Loire", ["44000", "44100", "44200", "44300"], "02 61 91"),
    ("Strasbourg", "Grand Est", ["67000", "67100", "67200"], "03 53 01"),
    ("Montpellier", "Occitanie", ["34000", "34070", "34080", "34090"], "04 65 71"),
    ("Bordeaux", "Nouvelle-Aquitaine", ["33000", "33100", "33200", "33300", "33800"], "05 36 49"),
    ("Lille", "Hauts-de-France", ["59000", "59160", "59260", "59800"], "03 53 01"),
    ("Rennes", "Bretagne", ["35000", "35200", "35700"], "02 61 91"),
    ("Bourg-en-Bresse", "Auvergne-Rhône-Alpes", ["01000"], "04 65 71"),
    ("Annecy", "Auvergne-Rhône-Alpes", ["74000", "74370", "74940"], "04 65 71"),
    ("Saint-Étienne", "Auvergne-Rhône-Alpes", ["42000", "42100"], "04 65 71"),
    ("Besançon", "Bourgogne-Franche-Comté", ["25000"], "03 53 01"),
    ("Laon", "Hauts-de-France", ["02000"], "03 53 01"),
    ("Troyes", "Grand Est", ["10000"], "03 53 01"),
    ("Évry-Courcouronnes", "Île-de-France", ["91000"], "01 99 00"),
    ("Aix-en-Provence", "Provence-Alpes-Côte d'Azur", ["13090", "13100"], "04 65 71"),
]
FR_STREETS = ["Victor-Hugo", "de la République", "Jean-Jaurès", "des Lilas", "Pasteur",
              "du Général-de-Gaulle", "Gambetta", "Voltaire", "de la Paix", "des Écoles",
              "Saint-Exupéry", "de la Gare", "du Moulin", "des Acacias", "Émile-Zola",
              "Pierre-Curie", "de Verdun", "du Château", "des Tilleuls", "Nationale"]
FR_TYPES = [("rue", "rue"), ("avenue", "Av."), ("boulevard", "Bd"), ("place", "Pl."),
            ("allée", "All."), ("impasse", "Imp."), ("chemin", "Ch."), ("quai", "quai")]
FR_LINE2 = ["Bât. {L}", "Appt {n}", "Résidence les Pins", "Escalier {L}, Appt {n}", "BP {n}0"]

GB_CITIES = [  # city, county, postcode outward codes, landline pattern (Ofcom drama ranges)
    ("London", "Greater London", ["SW1A", "SW11", "E1", "E14", "N1", "NW3", "SE15", "W2", "WC2H", "EC1V"], "020 7946 0"),
    ("Manchester", "Greater Manchester", ["M1", "M4", "M14", "M20"], "0161 496 0"),
    ("Birmingham", "West Midlands", ["B1", "B15", "B29"], "0121 496 0"),
    ("Leeds", "West Yorkshire", ["LS1", "LS6", "LS8"], "0113 496 0"),
    ("Bristol", "", ["BS1", "BS6", "BS8"], "0117 496 0"),
    ("Edinburgh", "", ["EH1", "EH3", "EH10"], "0131 496 0"),
    ("Glasgow", "", ["G1", "G12", "G41"], "0141 496 0"),
    ("Liverpool", "Merseyside", ["L1", "L8", "L17"], "0151 496 0"),
    ("Cardiff", "", ["CF10", "CF24"], "029 2018 0"),
    ("Oxford", "Oxfordshire", ["OX1", "OX2", "OX4"], "01632 960"),
    ("Cambridge", "Cambridgeshire", ["CB1", "CB2", "CB4"], "01632 960"),
]
GB_STREETS = ["High", "Station", "Church", "Victoria", "Queen's", "King", "Mill", "Park", "London",
              "Albert", "Windsor", "Manor", "Springfield", "Grange", "Kingsway", "Chapel", "Orchard",
              "St John's", "Brunswick", "Elm"]
GB_TYPES = [("Street", "St"), ("Road", "Rd"), ("Lane", "Ln"), ("Avenue", "Ave"), ("Close", "Cl"),
            ("Gardens", "Gdns"), ("Crescent", "Cres"), ("Terrace", "Terr"), ("Drive", "Dr")]
GB_LINE2 = ["Flat {n}", "Flat {n}B", "Unit {n}", "{n} Rosewood Court"]
GB_INWARD = "ABDEFGHJLNPQRSTUWXYZ"

DE_CITIES = [  # city, Land, postcodes, area code
    ("Berlin", "Berlin", ["10115", "10245", "10405", "10785", "12043", "13353"], "30"),
    ("München", "Bayern", ["80331", "80469", "80799", "81541"], "89"),
    ("Hamburg", "Hamburg", ["20095", "20257", "22765"], "40"),
    ("Köln", "Nordrhein-Westfalen", ["50667", "50733", "50937"], "221"),
    ("Frankfurt am Main", "Hessen", ["60311", "60316", "60594"], "69"),
    ("Stuttgart", "Baden-Württemberg", ["70173", "70176", "70199"], "711"),
    ("Düsseldorf", "Nordrhein-Westfalen", ["40210", "40477"], "211"),
    ("Leipzig", "Sachsen", ["04109", "04177", "04275"], "341"),
    ("Dresden", "Sachsen", ["01067", "01099", "01307"], "351"),
]
DE_STREETS = ["Haupt", "Bahnhof", "Garten", "Schul", "Linden", "Berg", "Kirch", "Wald", "Ring",
              "Goethe", "Schiller", "Friedrich", "Mühlen", "Rosen", "Beethoven"]
DE_TYPES = [("straße", "str."), ("weg", "weg"), ("allee", "allee"), ("platz", "pl.")]
DE_LINE2 = ["Hinterhaus", "{n}. OG", "c/o {last}", "Aufgang {L}"]

ES_CITIES = [  # city, Shopify province code, province name, postcodes, landline prefix
    ("Madrid", "M", "Madrid", ["28001", "28004", "28013", "28015", "28045"], "91"),
    ("Barcelona", "B", "Barcelona", ["08001", "08008", "08012", "08025", "08036"], "93"),
    ("Valencia", "V", "Valencia", ["46001", "46004", "46021"], "96"),
    ("Sevilla", "SE", "Sevilla", ["41001", "41003", "41010"], "95"),
    ("Bilbao", "BI", "Bizkaia", ["48001", "48007", "48013"], "94"),
    ("Málaga", "MA", "Málaga", ["29001", "29005", "29016"], "95"),
    ("Zaragoza", "Z", "Zaragoza", ["50001", "50004", "50012"], "976"),
]
ES_STREETS = ["Mayor", "de Alcalá", "de la Constitución", "del Sol", "de Goya", "Real",
              "de Cervantes", "de la Paz", "del Carmen", "de San Juan", "Gran Vía", "de Colón"]
ES_TYPES = [("Calle", "C/"), ("Avenida", "Avda."), ("Paseo", "Pº"), ("Plaza", "Pza.")]
ES_LINE2 = ["{n}º {L}", "Piso {n}, puerta {L}", "Bajo {L}", "Esc. {L}, {n}º"]

CRM_COUNTRY = {
    "US": ["United States", "USA", "US", "United States"],
    "FR": ["France", "FR", "France"],
    "GB": ["United Kingdom", "UK", "GB", "United Kingdom", "England"],
    "DE": ["Germany", "Deutschland", "DE"],
    "ES": ["Spain", "España", "ES"],
}
CALLING_CODE = {"US": "1", "FR": "33", "GB": "44", "DE": "49", "ES": "34"}

PROVIDERS = {
    "US": ["gmail.com"] * 6 + ["yahoo.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
                                "aol.com", "comcast.net", "att.net"],
    "FR": ["gmail.com"] * 4 + ["orange.fr", "orange.fr", "free.fr", "laposte.net", "hotmail.fr",
                                "sfr.fr", "wanadoo.fr", "yahoo.fr"],
    "GB": ["gmail.com"] * 4 + ["btinternet.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com",
                                "sky.com", "icloud.com"],
    "DE": ["gmx.de", "gmx.de", "web.de", "web.de", "t-online.de", "gmail.com", "gmail.com", "posteo.de"],
    "ES": ["gmail.com"] * 4 + ["hotmail.es", "yahoo.es", "telefonica.net", "outlook.es"],
}
EMAIL_TYPOS = {"gmail.com": "gmial.com", "hotmail.com": "hotmial.com", "yahoo.com": "yaho.com",
               "orange.fr": "ornage.fr", "outlook.com": "outlok.com", "hotmail.fr": "hotmail.com"}

JUNK_EMAILS = ["test@test.com", "noemail@noemail.com", "n/a", "none@none.com", "x@x.com"]
JUNK_PHONES = ["000-000-0000", "0000000000", "n/a", "123456789", "1111111111"]

KEYBOARD = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
    "o": "ipl", "p": "ol", "a": "qsz", "s": "adw", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy",
    "j": "hku", "k": "jli", "l": "ko", "z": "asx", "x": "zcs", "c": "xvd", "v": "cbf", "b": "vng",
    "n": "bmh", "m": "nj",
}

EPOCH = dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc)
END = dt.datetime(2024, 9, 30, 23, 59, 59, tzinfo=dt.timezone.utc)


# ------------------------------------------------------------- helpers ----

def fold(text: str, german: bool = False) -> str:
    """Drops accents (Jérôme -> Jerome); German style transliteration when asked (Müller -> Mueller)."""
    if german:
        for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
            text = text.replace(src, dst)
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_accent(text: str) -> bool:
    return fold(text) != text


@dataclass
class Phone:
    country: str
    groups: list[str]   # national grouping, trunk prefix included (["06","12","34","56","78"])
    kind: str           # mobile | home

    def national_digits(self) -> str:
        return "".join(self.groups)

    def intl_groups(self) -> list[str]:
        groups = list(self.groups)
        if self.country in ("FR", "GB", "DE") and groups[0].startswith("0"):
            groups[0] = groups[0][1:]
        return groups

    def e164(self) -> str:
        return "+" + CALLING_CODE[self.country] + "".join(self.intl_groups())

    def render(self, style: str) -> str:
        cc = CALLING_CODE[self.country]
        g = self.groups
        if style == "e164":
            return self.e164()
        if style == "intl":
            return f"+{cc} " + " ".join(self.intl_groups())
        if style == "intl00":
            return f"00{cc} " + " ".join(self.intl_groups())
        if style == "digits":
            return self.national_digits()
        if self.country == "US":
            a, b, c = g
            return {"national": f"({a}) {b}-{c}", "dashes": f"{a}-{b}-{c}", "dots": f"{a}.{b}.{c}",
                    "intl": f"+1 {a}-{b}-{c}", "one": f"1 ({a}) {b}-{c}"}.get(style, f"({a}) {b}-{c}")
        if self.country == "FR" and style == "dots":
            return ".".join(g)
        if style == "dashes":
            return "-".join(g)
        return " ".join(g)


@dataclass
class Address:
    country: str
    number: str
    street_type: tuple[str, str]
    street_name: str
    line2: str
    city: str
    region: str          # state code / county / Land / province code ("" when none)
    region_name: str     # long form for the CRM
    postcode: str
    abbrev: bool         # the person's usual spelling

    def street(self, abbrev: bool) -> str:
        full, short = self.street_type
        kind = short if abbrev else full
        c = self.country
        if c == "US":
            return f"{self.number} {self.street_name} {kind}"
        if c == "GB":
            return f"{self.number} {self.street_name} {kind}"
        if c == "FR":
            # "12 bis, Av. Victor-Hugo" / "12 bis avenue Victor Hugo"
            name = self.street_name if abbrev else self.street_name.replace("-", " ")
            if " " in self.number and abbrev:
                return f"{self.number}, {kind} {name}"
            return f"{self.number} {kind} {name}"
        if c == "DE":
            return f"{self.street_name}{kind} {self.number}"
        if c == "ES":
            return f"{kind} {self.street_name}, {self.number}"
        raise ValueError(c)


@dataclass
class Person:
    pid: str
    country: str
    gender: str
    first: str
    last: str
    dob: dt.date
    emails: list[str]            # [usual, other...]
    mobile: Phone
    home: Phone | None
    home_primary: bool
    addr: Address
    old_addr: Address
    company: str
    title: str
    city_data: tuple
    sources: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_emails: dict[str, str] = {}
        self.used_phones: dict[str, str] = {}
        self.counts: Counter = Counter()
        self.pair_kinds: list[tuple[str, str, str]] = []

    # ------------------------------------------------------------ persons --
    def pick_country(self) -> str:
        return self.rng.choices(["US", "FR", "GB", "DE", "ES"], [38, 27, 20, 8, 7])[0]

    def new_phone(self, country: str, kind: str, city_data=None) -> Phone:
        rng = self.rng
        for _ in range(1000):
            if country == "US":
                area = rng.choice(city_data[4]) if city_data else rng.choice(["415", "212", "312"])
                # Not the 555-01xx fiction range: real exports rarely hold it, and the engine
                # rightly treats it as placeholder junk. Same draw count, so the rest of the
                # sample is unchanged.
                draw = rng.randrange(100)
                exchange = 201 + (draw * 7 + int(area)) % 700
                exchange += 1 if exchange == 555 else 0
                groups = [area, f"{exchange:03d}", f"{(draw * 37 + int(area) * 13) % 10000:04d}"]
            elif country == "FR":
                if kind == "mobile":
                    groups = ["06", "39", "98", f"{rng.randrange(100):02d}", f"{rng.randrange(100):02d}"]
                else:
                    groups = city_data[3].split() + [f"{rng.randrange(100):02d}", f"{rng.randrange(100):02d}"]
            elif country == "GB":
                if kind == "mobile":
                    groups = ["07700", f"900{rng.randrange(1000):03d}"]
                else:
                    groups = city_data[3].split()
                    groups[-1] += "".join(str(rng.randrange(10)) for _ in range(3))
            elif country == "DE":
                if kind == "mobile":
                    groups = [rng.choice(["0151", "0160", "0170", "0176"]),
                              "".join(str(rng.randrange(10)) for _ in range(rng.choice([7, 8])))]
                else:
                    groups = ["0" + city_data[3], str(rng.randrange(2, 10)) +
                              "".join(str(rng.randrange(10)) for _ in range(rng.choice([5, 6])))]
            else:  # ES
                if kind == "mobile":
                    d = "6" + "".join(str(rng.randrange(10)) for _ in range(8))
                    groups = [d[:3], d[3:5], d[5:7], d[7:]]
                else:
                    p = city_data[4]
                    d = p + "".join(str(rng.randrange(10)) for _ in range(9 - len(p)))
                    groups = [d[:2], d[2:5], d[5:7], d[7:]] if len(p) == 2 else [d[:3], d[3:5], d[5:7], d[7:]]
            phone = Phone(country, groups, kind)
            if phone.e164() not in self.used_phones:
                self.used_phones[phone.e164()] = kind
                return phone
        raise RuntimeError("phone space exhausted")

    def city_data(self, country: str):
        table = {"US": US_CITIES, "FR": FR_CITIES, "GB": GB_CITIES, "DE": DE_CITIES, "ES": ES_CITIES}[country]
        weights = [6 if i == 0 else 3 if i < 4 else 1 for i in range(len(table))]
        return self.rng.choices(table, weights)[0]

    def new_address(self, country: str, city=None, last: str = "") -> tuple[Address, tuple]:
        rng = self.rng
        city = city or self.city_data(country)
        fill = lambda pat: pat.format(n=rng.randrange(1, 30), L=rng.choice("ABCDEF"), last=last)
        if country == "US":
            addr = Address("US", str(rng.choice([rng.randrange(1, 200), rng.randrange(100, 9999)])),
                           rng.choice(US_TYPES), rng.choice(US_STREETS),
                           fill(rng.choice(US_LINE2)) if rng.random() < 0.22 else "",
                           city[0], city[1], city[2], city[3] + f"{rng.randrange(100):02d}", rng.random() < 0.6)
        elif country == "FR":
            number = str(rng.randrange(1, 120))
            if rng.random() < 0.07:
                number += rng.choice([" bis", " ter"])
            addr = Address("FR", number, rng.choices(FR_TYPES, [10, 4, 3, 1, 1, 1, 1, 1])[0],
                           rng.choice(FR_STREETS), fill(rng.choice(FR_LINE2)) if rng.random() < 0.15 else "",
                           city[0], "", city[1], rng.choice(city[2]), rng.random() < 0.3)
        elif country == "GB":
            inward = f"{rng.randrange(1, 10)}{rng.choice(GB_INWARD)}{rng.choice(GB_INWARD)}"
            addr = Address("GB", str(rng.randrange(1, 150)), rng.choice(GB_TYPES), rng.choice(GB_STREETS),
                           fill(rng.choice(GB_LINE2)) if rng.random() < 0.18 else "",
                           city[0], city[1], city[1], f"{rng.choice(city[2])} {inward}", rng.random() < 0.3)
        elif country == "DE":
            addr = Address("DE", str(rng.randrange(1, 90)) + (rng.choice(["a", "b"]) if rng.random() < 0.08 else ""),
                           rng.choice(DE_TYPES), rng.choice(DE_STREETS),
                           fill(rng.choice(DE_LINE2)) if rng.random() < 0.1 else "",
                           city[0], "", city[1], rng.choice(city[2]), rng.random() < 0.4)
        else:
            addr = Address("ES", str(rng.randrange(1, 140)), rng.choices(ES_TYPES, [8, 3, 1, 1])[0],
                           rng.choice(ES_STREETS), fill(rng.choice(ES_LINE2)) if rng.random() < 0.45 else "",
                           city[0], city[1], city[2], rng.choice(city[3]), rng.random() < 0.5)
        return addr, city

    def make_email(self, first: str, last: str, dob: dt.date, country: str, domain: str | None = None) -> str:
        rng = self.rng
        f = fold(first, german=country == "DE").lower().replace("'", "").replace(" ", "")
        l = fold(last, german=country == "DE").lower().replace("'", "").replace(" ", "")
        if rng.random() < 0.5:
            f, l = f.replace("-", ""), l.replace("-", "")
        for attempt in range(50):
            pattern = rng.choice(["{f}.{l}", "{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{f}{yy}",
                                  "{f}.{l}{yy}", "{fi}.{l}", "{l}.{f}", "{f}{l}{n}"] if domain is None
                                 else ["{f}.{l}", "{fi}{l}", "{f}", "{fi}.{l}"])
            local = pattern.format(f=f, l=l, fi=f[0], yy=f"{dob.year % 100:02d}", n=rng.randrange(1, 99))
            if attempt > 3:
                local += str(rng.randrange(2, 999))
            email = f"{local}@{domain or rng.choice(PROVIDERS[country])}"
            if email not in self.used_emails:
                self.used_emails[email] = first
                return email
        raise RuntimeError("email space exhausted")

    def new_company(self, country: str) -> str:
        if self.rng.random() < 0.01:
            return self.rng.choice(QUOTED_COMPANIES)
        return f"{self.rng.choice(COMPANY_STEMS)} {self.rng.choice(COMPANY_SUFFIX[country])}"

    def new_person(self, idx: int, persons: list[Person], force: tuple[str, str, str] | None = None) -> Person:
        rng = self.rng
        relation = None
        partner = None
        r = rng.random()
        if persons and r < P_HOUSEHOLD:
            relation = "household"
        elif persons and r < P_HOUSEHOLD + P_TWIN:
            relation = "twin"
        elif persons and r < P_HOUSEHOLD + P_TWIN + P_NAMESAKE:
            relation = "namesake"
        if relation:
            partner = rng.choice(persons[-200:])
        country = partner.country if partner else self.pick_country()
        gender = rng.choice("mf")
        names = NAMES[country]
        first = rng.choice(names[gender])
        last = rng.choice(names["last"])
        if country == "ES" and rng.random() < 0.5:
            last = f"{last} {rng.choice(names['last'])}"
        if force:
            first, last, country = force
        dob = dt.date(1946, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 59))
        if partner and relation in ("household", "twin"):
            while first == partner.first or (relation == "household" and NICKNAMES.get(first) ==
                                               NICKNAMES.get(partner.first) and first in NICKNAMES):
                first = rng.choice(names[gender])
            if relation == "twin" or rng.random() < 0.75:
                last = partner.last
            if relation == "twin":
                dob = partner.dob
            else:
                dob = partner.dob + dt.timedelta(days=rng.choice([1, -1]) * rng.randrange(200, 3000))
        elif partner:  # namesake
            first, last = partner.first, partner.last
        if partner and relation in ("household", "twin"):
            addr, old_addr, city = partner.addr, partner.old_addr, partner.city_data
            if partner.home is None:
                partner.home = self.new_phone(country, "home", city)
            home = partner.home
            partner.home_primary = True
            home_primary = True
        else:
            while True:
                addr, city = self.new_address(country, last=last)
                if not partner or addr.city != partner.addr.city:
                    break
            old_addr, _ = self.new_address(country, last=last)
            home = self.new_phone(country, "home", city) if rng.random() < 0.35 else None
            home_primary = home is not None and rng.random() < 0.4
        if partner:
            self.pair_kinds.append((relation, partner.pid, f"P{idx:05d}"))
            self.counts["hard_negative_" + relation] += 1
        mobile = self.new_phone(country, "mobile", city)
        emails = [self.make_email(first, last, dob, country)]
        company = self.new_company(country) if rng.random() < 0.65 else ""
        title = ""
        if company:
            title = rng.choice(QUOTED_TITLES) if rng.random() < 0.01 else rng.choice(JOB_TITLES)
            if country in LOCAL_TITLES and rng.random() < 0.5:
                title = rng.choice(LOCAL_TITLES[country])
            stem = company.split()[0].lower().strip('"')
            tld = {"US": "com", "FR": "fr", "GB": "co.uk", "DE": "de", "ES": "es"}[country]
            emails.append(self.make_email(first, last, dob, country, domain=f"{stem}.{tld}"))
        emails.append(self.make_email(first, last, dob, country))  # an older private address
        p = Person(f"P{idx:05d}", country, gender, first, last, dob, emails, mobile, home, home_primary,
                   addr, old_addr, company, title, city)
        while not p.sources:
            p.sources = [s for s in ("crm", "marketing", "shop") if rng.random() < P_IN_SOURCE[s]]
        return p

    # ----------------------------------------------------------- variation --
    def typo(self, word: str) -> str:
        rng = self.rng
        positions = [i for i, ch in enumerate(word) if ch.lower() in KEYBOARD]
        if len(word) < 3 or not positions:
            return word
        i = rng.choice(positions[1:] or positions)
        op = rng.choice(["sub", "swap", "del", "dup"])
        ch = word[i]
        if op == "sub":
            new = rng.choice(KEYBOARD[ch.lower()])
            return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1:]
        if op == "swap" and i + 1 < len(word):
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if op == "del":
            return word[:i] + word[i + 1:]
        return word[:i] + ch + word[i:]

    def hit(self, what: str, rate: float | None = None) -> bool:
        if self.rng.random() < (RATES[what] if rate is None else rate):
            self.counts[what] += 1
            return True
        return False

    def names(self, p: Person, source: str) -> tuple[str, str]:
        first, last = p.first, p.last
        if first in NICKNAMES and self.hit("nickname"):
            first = self.rng.choice(NICKNAMES[first])
        if p.country == "ES" and " " in last and last.split()[0] not in ("de", "del") \
                and self.hit("es_second_surname_dropped"):
            last = last.split()[0]
        accent_rate = RATES["accents_dropped"] * (2 if source != "crm" else 1)
        if has_accent(first + last) and self.hit("accents_dropped", accent_rate):
            german = p.country == "DE" and self.rng.random() < 0.5
            first, last = fold(first, german), fold(last, german)
        if self.hit("name_typo"):
            if self.rng.random() < 0.5:
                first = self.typo(first)
            else:
                last = self.typo(last)
        if self.hit("case_noise"):
            style = self.rng.choice(["upper", "lower", "lower_last"])
            if style == "upper":
                first, last = first.upper(), last.upper()
            elif style == "lower":
                first, last = first.lower(), last.lower()
            else:
                last = last.upper()
        if self.hit("swapped_names"):
            first, last = last, first
        return first, last

    def email(self, p: Person, source: str, avoid: dict[str, str] | None) -> str:
        rng = self.rng
        email = p.emails[0]
        if self.hit("alt_email"):
            email = rng.choice(p.emails[1:])
        if avoid is not None and email.lower() in avoid:  # a second record in a source keyed by email
            email = next((e for e in p.emails if e.lower() not in avoid), email)
        local, domain = email.split("@")
        if domain == "gmail.com" and self.hit("gmail_variant"):
            kind = rng.choice(["dots", "plus", "plus"])
            if kind == "dots":
                local = local.replace(".", "") if "." in local else local[:2] + "." + local[2:]
            else:
                local += "+" + rng.choice(["shop", "news", "promo", "crm", "2023"])
        if self.hit("email_typo"):
            domain = EMAIL_TYPOS.get(domain, domain)
            if domain == email.split("@")[1]:
                local = self.typo(local)
        if self.hit("email_case"):
            local = ".".join(part.capitalize() for part in local.split("."))
            domain = domain.capitalize()
        return f"{local}@{domain}"

    def phone_for(self, p: Person, source: str) -> Phone:
        if p.home is not None and (p.home_primary and self.rng.random() < 0.75 or
                                   not p.home_primary and self.rng.random() < 0.15):
            return p.home
        return p.mobile

    def address_for(self, p: Person) -> tuple[Address, bool, bool]:
        """(address, abbreviated?, keep line 2?)"""
        addr = p.old_addr if self.hit("moved") else p.addr
        abbrev = addr.abbrev
        if self.hit("street_abbrev_flip"):
            abbrev = not abbrev
        keep2 = bool(addr.line2) and not self.hit("address_line2_dropped")
        return addr, abbrev, keep2

    def missing(self, source: str, what: str) -> bool:
        if self.rng.random() < MISSING[source].get(what, 0.0):
            self.counts[f"missing_{source}_{what}"] += 1
            return True
        return False

    def timestamps(self) -> tuple[dt.datetime, dt.datetime]:
        span = int((END - EPOCH).total_seconds())
        created = EPOCH + dt.timedelta(seconds=self.rng.randrange(0, span - 86400 * 30))
        left = int((END - created).total_seconds())
        updated = created + dt.timedelta(seconds=self.rng.randrange(0, left) if self.rng.random() < 0.8 else 0)
        return created, updated

    # -------------------------------------------------------------- sources --
    def crm_record(self, p: Person) -> dict:
        rng = self.rng
        first, last = self.names(p, "crm")
        email = "" if self.missing("crm", "email") else self.email(p, "crm", None)
        phone = self.phone_for(p, "crm")
        us_style = p.country == "US"
        styles = ["national", "national", "dashes", "dots", "e164", "intl"] if us_style else \
            ["national", "national", "intl", "e164", "dots" if p.country == "FR" else "intl"]
        ph = "" if self.missing("crm", "phone") else phone.render(rng.choice(styles))
        mobile = ""
        if rng.random() < 0.45:
            mobile = p.mobile.render(rng.choice(styles))
        addr, abbrev, keep2 = self.address_for(p)
        street = addr.street(abbrev)
        if keep2:
            street += ("\n" if rng.random() < 0.25 else ", ") + addr.line2
        country = rng.choice(CRM_COUNTRY[p.country]) if rng.random() < 0.85 else ""
        if not country and p.country != "US" and ph and not ph.startswith(("+", "00")):
            ph = phone.render("intl")  # national numbers of foreigners only next to their country
        if not country and p.country != "US" and mobile and not mobile.startswith("+"):
            mobile = p.mobile.render("e164")
        region = {"US": addr.region if rng.random() < 0.8 else addr.region_name,
                  "FR": addr.region_name if rng.random() < 0.2 else "",
                  "GB": addr.region_name if rng.random() < 0.4 else "",
                  "DE": addr.region_name if rng.random() < 0.5 else "",
                  "ES": addr.region_name if rng.random() < 0.5 else ""}[p.country]
        postcode = addr.postcode
        if postcode.startswith("0") and p.country != "US" and self.hit("zip_leading_zero_lost"):
            postcode = postcode.lstrip("0")
        city = addr.city
        if self.missing("crm", "street"):
            street, city, postcode, region = "", ("" if rng.random() < 0.5 else city), "", ""
        dob = "" if self.missing("crm", "dob") else p.dob.isoformat()
        if dob and self.hit("dob_typo"):
            d = p.dob
            if d.day <= 12 and d.day != d.month:
                dob = dt.date(d.year, d.day, d.month).isoformat()
            else:
                dob = dt.date(d.year + rng.choice([-1, 1, -10, 10]), d.month, min(d.day, 28)).isoformat()
        company, title = p.company, p.title
        if self.missing("crm", "company"):
            company = title = ""
        if self.hit("junk"):
            kind = rng.choice(["email", "phone", "city", "name"])
            if kind == "email":
                email = rng.choice(JUNK_EMAILS)
            elif kind == "phone":
                ph = rng.choice(JUNK_PHONES)
            elif kind == "city":
                city = rng.choice(["n/a", "N/A", "-", "unknown"])
            else:
                first = rng.choice(["Test", "n/a", "X"])
        if not first.strip() or self.missing("crm", "first_name"):
            first = ""
        created, updated = self.timestamps()
        return {"FirstName": first, "LastName": last, "Email": email, "Phone": ph, "MobilePhone": mobile,
                "MailingStreet": street, "MailingCity": city, "MailingState": region,
                "MailingPostalCode": postcode, "MailingCountry": country, "Birthdate": dob,
                "Title": title, "AccountName": company, "_created": created, "_updated": updated}

    def marketing_record(self, p: Person, used: dict[str, str]) -> dict | None:
        rng = self.rng
        email = self.email(p, "marketing", used)
        if email.lower() in used:
            return None  # Mailchimp keeps one member per address
        first, last = self.names(p, "marketing")
        if self.missing("marketing", "first_name"):
            first = ""
        if self.missing("marketing", "last_name"):
            last = ""
        address = ""
        if not self.missing("marketing", "address"):
            addr, abbrev, keep2 = self.address_for(p)
            parts = [addr.street(abbrev), addr.line2 if keep2 else "", addr.city,
                     addr.region if addr.country in ("US", "ES") else "", addr.postcode, addr.country]
            address = "  ".join(x for x in parts if x)
        phone = ""
        if not self.missing("marketing", "phone"):
            ph = self.phone_for(p, "marketing")
            national_ok = p.country == "FR"
            style = rng.choice(["national", "national", "dots", "digits", "intl", "e164"] if national_ok
                               else ["intl", "e164", "e164", "intl00"])
            phone = ph.render(style)
        birthday = "" if self.missing("marketing", "birthday") else f"{p.dob.month:02d}/{p.dob.day:02d}"
        if self.hit("junk"):
            kind = rng.choice(["phone", "name", "address"])
            if kind == "phone":
                phone = rng.choice(JUNK_PHONES)
            elif kind == "name":
                first, last = rng.choice([("Test", "Test"), ("n/a", "n/a"), ("asdf", "asdf")])
            else:
                address = "n/a"
        created, updated = self.timestamps()
        tags = []
        if rng.random() < 0.35:
            tags = rng.sample(["Customer", "VIP", "Newsletter", "Black Friday 2023", "Webinar"],
                              rng.randrange(1, 3))
        used[email.lower()] = p.pid
        return {"Email Address": email, "First Name": first, "Last Name": last, "Address": address,
                "Phone Number": phone, "Birthday": birthday,
                "MEMBER_RATING": str(rng.choices([1, 2, 3, 4, 5], [5, 55, 25, 10, 5])[0]),
                "TAGS": ",".join(f'"{t}"' for t in tags), "_created": created, "_updated": updated}

    def shop_record(self, p: Person, used_email: dict[str, str], used_phone: dict[str, str],
                    dup: bool) -> dict:
        rng = self.rng
        email = None if self.missing("shop", "email") else self.email(p, "shop", used_email)
        if email is not None and email.lower() in used_email:
            email = None
        first, last = self.names(p, "shop")
        if self.missing("shop", "first_name"):
            first = last = None
        phone = None
        if not dup and not self.missing("shop", "phone") and p.mobile.e164() not in used_phone:
            phone = p.mobile.e164()
            used_phone[phone] = p.pid
        if email is None and phone is None and not dup and p.mobile.e164() not in used_phone:
            phone = p.mobile.e164()
            used_phone[phone] = p.pid
        address = None
        if not self.missing("shop", "address"):
            addr, abbrev, keep2 = self.address_for(p)
            addr_phone = None
            if not self.missing("shop", "address_phone"):
                addr_phone = self.phone_for(p, "shop").render(rng.choice(["national", "intl", "e164", "digits"]))
            company = (p.company or None) if rng.random() < 0.3 else None
            address = {"address1": addr.street(abbrev), "address2": addr.line2 if keep2 else None,
                       "city": addr.city, "province_code": addr.region if addr.country in ("US", "ES") else None,
                       "country_code": addr.country, "zip": addr.postcode, "phone": addr_phone,
                       "company": company}
            if self.hit("junk"):
                address["address1"] = rng.choice(["n/a", "-", "test"])
        if email is not None:
            used_email[email.lower()] = p.pid
        created, updated = self.timestamps()
        orders = rng.choices([0, 1, 2, 3, 4, 5, 8, 12, 25], [10, 30, 20, 12, 8, 8, 6, 4, 2])[0]
        spent = sum(rng.uniform(12, 180) for _ in range(orders))
        tags = []
        if orders >= 8 or rng.random() < 0.05:
            tags.append("vip")
        if "marketing" in p.sources and rng.random() < 0.5:
            tags.append("newsletter")
        if p.company and rng.random() < 0.1:
            tags.append("wholesale")
        return {"email": email, "first_name": first, "last_name": last, "phone": phone,
                "default_address": address, "tags": ", ".join(tags), "orders_count": orders,
                "total_spent": f"{spent:.2f}",
                "accepts_marketing": "marketing" in p.sources and rng.random() < 0.85,
                "_created": created, "_updated": updated}


# ---------------------------------------------------------------- output ----

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def salesforce_id(counter: int) -> str:
    digits = ""
    for _ in range(5):
        counter, rem = divmod(counter, 62)
        digits = BASE62[rem] + digits
    id15 = "0035g0000" + "0" + digits
    suffix = ""
    for chunk_idx in range(3):
        chunk = id15[chunk_idx * 5:chunk_idx * 5 + 5]
        bits = sum(1 << pos for pos, ch in enumerate(chunk) if "A" <= ch <= "Z")
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return id15 + suffix


def us_eastern(ts: dt.datetime) -> str:
    """Shopify store time zone America/New_York (DST: second Sunday of March to first Sunday of November)."""
    year = ts.year
    march = dt.date(year, 3, 1)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7 + 7)
    nov = dt.date(year, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    start_utc = dt.datetime(year, start.month, start.day, 7, tzinfo=dt.timezone.utc)
    end_utc = dt.datetime(year, end.month, end.day, 6, tzinfo=dt.timezone.utc)
    offset = -4 if start_utc <= ts < end_utc else -5
    local = ts + dt.timedelta(hours=offset)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{offset:+03d}:00"


def sf_time(ts: dt.datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def mc_time(ts: dt.datetime) -> str:
    return ts.strftime("%Y-%m-%d %H:%M:%S")


CRM_HEADER = ["Id", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "MailingStreet", "MailingCity",
              "MailingState", "MailingPostalCode", "MailingCountry", "Birthdate", "Title", "AccountName",
              "CreatedDate", "LastModifiedDate"]
MC_HEADER = ["Email Address", "First Name", "Last Name", "Address", "Phone Number", "Birthday", "MEMBER_RATING",
             "OPTIN_TIME", "LAST_CHANGED", "LEID", "TAGS"]


def crm_line(values: list[str]) -> str:
    return ",".join('"' + v.replace('"', '""') + '"' for v in values) + "\r\n"


def build(out_dir: str) -> dict:
    g = Gen(SEED)
    persons: list[Person] = []
    for i in range(N_PERSONS):
        persons.append(g.new_person(i + 1, persons))
    # Rows of the deliberately bad records come from extra persons found nowhere else.
    extra = [g.new_person(N_PERSONS + 1 + i, []) for i in range(6)]
    extra[3] = g.new_person(N_PERSONS + 4, [], force=("Renée", "Martin", "FR"))

    crm_rows, mc_rows, shop_rows = [], [], []
    mc_used: dict[str, str] = {}
    shop_email: dict[str, str] = {}
    shop_phone: dict[str, str] = {}
    for p in persons:
        for source in p.sources:
            copies = 1
            while copies < 3 and g.rng.random() < P_WITHIN_DUP:
                copies += 1
            for copy_idx in range(copies):
                if copy_idx:
                    g.counts[f"within_source_dup_{source}"] += 1
                if source == "crm":
                    crm_rows.append((p.pid, g.crm_record(p)))
                elif source == "marketing":
                    rec = g.marketing_record(p, mc_used)
                    if rec is not None:
                        mc_rows.append((p.pid, rec))
                    elif copy_idx:
                        g.counts[f"within_source_dup_{source}"] -= 1
                else:
                    shop_rows.append((p.pid, g.shop_record(p, shop_email, shop_phone, dup=copy_idx > 0)))

    # ---- crm.csv: Data Loader extract, ordered by Id (creation order)
    crm_rows.sort(key=lambda r: (r[1]["_created"], r[0]))
    counter = 62 ** 4 * 7 + g.rng.randrange(62 ** 3)
    crm_truth, crm_lines, counters = [], [], []
    for pid, rec in crm_rows:
        counter += g.rng.randrange(2, 400_000)
        counters.append((counter, rec["_created"]))
        rec["Id"] = salesforce_id(counter)
        rec["CreatedDate"] = sf_time(rec["_created"])
        rec["LastModifiedDate"] = sf_time(rec["_updated"])
        crm_lines.append(crm_line([rec[h] for h in CRM_HEADER]))
        crm_truth.append(("crm", rec["Id"], pid))
    bad_crm = []
    for n, position in enumerate([237, 611, 902]):
        rec = g.crm_record(extra[n])
        prev_counter, created = counters[position - n - 1]  # id and creation time just after the previous row
        created += dt.timedelta(seconds=g.rng.randrange(1, 600))
        values = [salesforce_id(prev_counter + 1)] + [rec[h] for h in CRM_HEADER[1:-2]] + \
            [sf_time(created), sf_time(max(created, rec["_updated"]))]
        values = [v.replace("\n", " ") for v in values]
        if n == 0:
            values = values[:12] + values[13:]          # 15 fields: Title column missing
            reason = "15 fields instead of 16"
        elif n == 1:
            values = values[:7] + ["Suite 5"] + values[7:]  # 17 fields: address line shifted
            reason = "17 fields instead of 16"
        else:
            values[0] = ""
            reason = "empty Id"
        crm_lines.insert(position, crm_line(values))
        bad_crm.append((position, reason))
    crm_bytes = ("\ufeff" + crm_line(CRM_HEADER) + "".join(crm_lines)).encode("utf-8")

    # ---- marketing.csv: Mailchimp audience re-saved with ';', ordered by opt-in time
    mc_rows.sort(key=lambda r: (r[1]["_created"], r[0]))
    leid = 100_000_000 + g.rng.randrange(10_000_000)
    mc_records = []
    for pid, rec in mc_rows:
        leid += g.rng.randrange(2, 5000)
        rec["OPTIN_TIME"] = mc_time(rec["_created"])
        rec["LAST_CHANGED"] = mc_time(rec["_updated"])
        rec["LEID"] = str(leid)
        mc_records.append((pid, [rec[h] for h in MC_HEADER]))
    bad_mc_pos = 418  # 0-based index among data rows
    rec = None
    while rec is None or rec["First Name"] != "Renée" or rec["Last Name"] != "Martin":
        if rec is not None:
            del mc_used[rec["Email Address"].lower()]
        rec = g.marketing_record(extra[3], mc_used)
    prev = mc_rows[bad_mc_pos - 1][1]
    created = prev["_created"] + dt.timedelta(seconds=g.rng.randrange(1, 600))
    rec["OPTIN_TIME"], rec["LAST_CHANGED"] = mc_time(created), mc_time(max(created, rec["_updated"]))
    rec["LEID"] = str(int(prev["LEID"]) + 1)
    mc_records.insert(bad_mc_pos, (None, [rec[h] for h in MC_HEADER]))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(MC_HEADER)
    mc_truth = []
    mc_bytes_parts = []
    mc_bytes_parts.append(buf.getvalue().encode("utf-8"))
    for row_idx, (pid, values) in enumerate(mc_records, start=1):
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(values)
        data = buf.getvalue().encode("utf-8")
        if pid is None:
            data = data.replace("Renée".encode("utf-8"), b"Ren\xe9e", 1)  # Latin-1 byte: invalid UTF-8
        else:
            mc_truth.append(("marketing", str(row_idx), pid))
        mc_bytes_parts.append(data)
    mc_bytes = b"".join(mc_bytes_parts)

    # ---- shop.jsonl: Shopify Admin API customers, ordered by id
    shop_rows.sort(key=lambda r: (r[1]["_created"], r[0]))
    shop_lines, shop_truth, shop_prev = [], [], []
    last_id = 0
    for pid, rec in shop_rows:
        seconds = int((rec["_created"] - EPOCH).total_seconds())
        sid = max(6_000_000_000_000 + seconds * 15_000 + g.rng.randrange(10_000), last_id + 2)
        last_id = sid
        shop_prev.append((sid, rec["_created"]))
        obj = {"id": sid, "email": rec["email"], "first_name": rec["first_name"], "last_name": rec["last_name"],
               "phone": rec["phone"], "created_at": us_eastern(rec["_created"]),
               "updated_at": us_eastern(rec["_updated"]), "default_address": rec["default_address"],
               "tags": rec["tags"], "orders_count": rec["orders_count"], "total_spent": rec["total_spent"],
               "accepts_marketing": rec["accepts_marketing"]}
        shop_lines.append(json.dumps(obj, ensure_ascii=False) + "\n")
        shop_truth.append(("shop", str(sid), pid))
    bad_shop = []
    for n, position in enumerate([333, 777]):
        rec = None
        while rec is None or rec["default_address"] is None or rec["email"] is None:
            rec = g.shop_record(extra[4 + n], shop_email, shop_phone, dup=False)
        prev_id, created = shop_prev[position - n - 1]
        created += dt.timedelta(seconds=g.rng.randrange(1, 600))
        obj = {"id": prev_id + 1, "email": rec["email"], "first_name": rec["first_name"],
               "last_name": rec["last_name"], "phone": rec["phone"],
               "created_at": us_eastern(created), "updated_at": us_eastern(max(created, rec["_updated"])),
               "default_address": rec["default_address"], "tags": rec["tags"],
               "orders_count": rec["orders_count"], "total_spent": rec["total_spent"],
               "accepts_marketing": rec["accepts_marketing"]}
        text = json.dumps(obj, ensure_ascii=False)
        if n == 0:
            text = text[:text.index('"default_address"') + 40]   # truncated write: unterminated string
            reason = "malformed JSON (truncated line)"
        else:
            text = "[" + text + "]"
            reason = "a JSON array, not an object"
        shop_lines.insert(position, text + "\n")
        bad_shop.append((position, reason))
    shop_bytes = "".join(shop_lines).encode("utf-8")

    truth = crm_truth + mc_truth + shop_truth
    truth_bytes = ("source,source_id,entity_id\n" +
                   "".join(f"{s},{i},{e}\n" for s, i, e in truth)).encode("utf-8")

    job = {
        "sources": [
            {"name": "crm", "path": "crm.csv", "id": "Id", "default_country": "US",
             "updated_at": "LastModifiedDate", "priority": 1,
             "fields": {"first_name": "FirstName", "last_name": "LastName", "email": "Email", "phone": "Phone",
                        "street": ["MailingStreet"], "city": "MailingCity", "region": "MailingState",
                        "postcode": "MailingPostalCode", "country": "MailingCountry",
                        "dob": {"column": "Birthdate", "format": "%Y-%m-%d"},
                        "company": "AccountName", "job_title": "Title", "mobile_phone": "MobilePhone"}},
            {"name": "marketing", "path": "marketing.csv", "delimiter": ";", "default_country": "FR",
             "updated_at": "LAST_CHANGED", "priority": 3,
             "fields": {"first_name": "First Name", "last_name": "Last Name", "email": "Email Address",
                        "phone": "Phone Number", "address": "Address", "member_rating": "MEMBER_RATING"}},
            {"name": "shop", "path": "shop.jsonl", "id": "id", "default_country": "US",
             "updated_at": "updated_at", "priority": 2,
             "fields": {"first_name": "first_name", "last_name": "last_name", "email": "email", "phone": "phone",
                        "street": ["default_address.address1", "default_address.address2"],
                        "city": "default_address.city", "region": "default_address.province_code",
                        "postcode": "default_address.zip", "country": "default_address.country_code",
                        "company": "default_address.company", "total_spent": "total_spent"}},
        ],
        "output": {"dir": "out"},
        "on_error": "reject",
    }
    job_bytes = (json.dumps(job, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    files = {"crm.csv": crm_bytes, "marketing.csv": mc_bytes, "shop.jsonl": shop_bytes,
             "truth.csv": truth_bytes, "job.json": job_bytes}
    os.makedirs(out_dir, exist_ok=True)
    for name, data in files.items():
        tmp = os.path.join(out_dir, name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, os.path.join(out_dir, name))
    return {"gen": g, "persons": persons, "truth": truth, "files": files,
            "bad": {"crm": bad_crm, "marketing": [(bad_mc_pos, "invalid UTF-8 (Latin-1 0xE9)")],
                    "shop": bad_shop}}


# -------------------------------------------------------------- checking ----

def verify(out_dir: str, result: dict) -> list[str]:
    """Re-reads the files the way a user's tools would and checks them against truth.csv."""
    problems = []
    truth = defaultdict(list)
    with open(os.path.join(out_dir, "truth.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            truth[row["source"]].append(row["source_id"])

    with open(os.path.join(out_dir, "crm.csv"), "rb") as fh:
        raw = fh.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("crm.csv: no BOM")
    with open(os.path.join(out_dir, "crm.csv"), newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != CRM_HEADER:
        problems.append("crm.csv: header")
    good = [r for r in rows[1:] if len(r) == 16 and r[0]]
    bad = [r for r in rows[1:] if not (len(r) == 16 and r[0])]
    if [r[0] for r in good] != truth["crm"] or len(bad) != 3:
        problems.append(f"crm.csv: {len(good)} good / {len(bad)} bad rows vs {len(truth['crm'])} in truth")
    if len(set(r[0] for r in good)) != len(good):
        problems.append("crm.csv: duplicate Id")

    with open(os.path.join(out_dir, "marketing.csv"), newline="", encoding="utf-8",
              errors="surrogateescape") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    if rows[0] != MC_HEADER:
        problems.append("marketing.csv: header")
    good_ids, bad_rows = [], 0
    for idx, row in enumerate(rows[1:], start=1):
        if any("\udce9" in cell for cell in row):
            bad_rows += 1
        elif len(row) == len(MC_HEADER):
            good_ids.append(str(idx))
    if good_ids != truth["marketing"] or bad_rows != 1:
        problems.append(f"marketing.csv: {len(good_ids)} good / {bad_rows} bad vs {len(truth['marketing'])}")
    emails = [r[0].lower() for r in rows[1:]]
    if len(set(emails)) != len(emails):
        problems.append("marketing.csv: an email address appears twice (Mailchimp forbids it)")

    good_ids, bad_rows = [], 0
    with open(os.path.join(out_dir, "shop.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                bad_rows += 1
                continue
            if isinstance(obj, dict):
                good_ids.append(str(obj["id"]))
            else:
                bad_rows += 1
    if good_ids != truth["shop"] or bad_rows != 2:
        problems.append(f"shop.jsonl: {len(good_ids)} good / {bad_rows} bad vs {len(truth['shop'])}")

    job = json.loads(result["files"]["job.json"])
    for src in job["sources"]:
        if not os.path.exists(os.path.join(out_dir, src["path"])):
            problems.append(f"job.json: missing {src['path']}")
    total = sum(len(b) for b in result["files"].values())
    if total >= 1_000_000:
        problems.append(f"total size {total} bytes >= 1 MB")
    return problems


def record_starts(data: bytes, csv_quotes: bool) -> list[tuple[int, int]]:
    """(1-based physical line, byte offset from the start of the file) where each record starts."""
    starts, in_quotes, line = [(1, 0)], False, 1
    for offset, byte in enumerate(data):
        if byte == 0x22 and csv_quotes:
            in_quotes = not in_quotes
        elif byte == 0x0A:
            line += 1
            if not in_quotes and offset + 1 < len(data):
                starts.append((line, offset + 1))
    return starts


def summary(result: dict) -> str:
    g = result["gen"]
    truth = result["truth"]
    per_source = Counter(s for s, _, _ in truth)
    by_entity = defaultdict(list)
    for s, _, e in truth:
        by_entity[e].append(s)
    pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_entity.values())
    within = sum(c * (c - 1) // 2 for v in by_entity.values() for c in Counter(v).values())
    n_sources = Counter(len(set(v)) for v in by_entity.values())
    files = result["files"]
    out = [f"records: crm {per_source['crm']}, marketing {per_source['marketing']}, shop {per_source['shop']} "
           f"(total {len(truth)}) + 6 bad rows left out of truth.csv",
           f"persons: {len(by_entity)} (in 1 source: {n_sources[1]}, 2: {n_sources[2]}, 3: {n_sources[3]})",
           f"true duplicate pairs: {pairs} (cross-source {pairs - within}, within-source {within})",
           "hard negatives: " + ", ".join(f"{k[len('hard_negative_'):]} {v}" for k, v in sorted(g.counts.items())
                                          if k.startswith("hard_negative_")),
           "sizes: " + ", ".join(f"{n} {len(b):,} B" for n, b in files.items()) +
           f" (total {sum(len(b) for b in files.values()):,} B)"]
    bad = result["bad"]
    out.append("bad rows (records are 1-based data rows; lines are physical, header = line 1):")
    for name, csv_quotes, header in (("crm.csv", True, 1), ("marketing.csv", True, 1), ("shop.jsonl", False, 0)):
        starts = record_starts(files[name], csv_quotes)
        for pos, reason in bad[name.split(".")[0]]:
            line, offset = starts[pos + header]
            out.append(f"  {name} record {pos + 1}, line {line}, byte offset {offset}: {reason}")
    out.append("injected: " + ", ".join(f"{k} {v}" for k, v in sorted(g.counts.items())
                                       if not k.startswith("hard_negative_")))
    return "\n".join(out)


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "datasets", "sample"))
    args = parser.parse_args()
    out_dir = os.path.normpath(args.out)
    result = build(out_dir)
    print(f"wrote {out_dir}")
    print(summary(result))
    problems = verify(out_dir, result)
    for problem in problems:
        print("CHECK FAILED:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
