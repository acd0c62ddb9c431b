"""Tests for hype.figures: figure extraction from German and English sentences.

All example sentences are invented (fictional companies), except the acceptance sentences, which
are quoted verbatim from the acceptance article.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hype.figures import KINDS, QUALIFIERS, Figure, extract_figures


def C(sentence, text, value, unit, kind, qualifier="exact", high=None, noun=None):
    return pytest.param(sentence, text, value, unit, kind, qualifier, high, noun, id=f"{text}|{sentence[:30]}")


def find(figs: list[Figure], text: str) -> Figure:
    hits = [f for f in figs if f.text == text]
    assert hits, f"no figure {text!r} in {[f.text for f in figs]}"
    return hits[0]


def check_case(sentence, lang, text, value, unit, kind, qualifier, high, noun):
    figs = extract_figures(sentence, lang)
    f = find(figs, text)
    assert (f.kind, f.unit, f.qualifier, f.noun) == (kind, unit, qualifier, noun), f
    assert (f.value is None) == (value is None) and (value is None or math.isclose(f.value, value)), f
    assert (f.high is None) == (high is None) and (high is None or math.isclose(f.high, high)), f
    assert sentence[f.start:f.end] == f.text


# --------------------------------------------------------------------------------------------------
DE_CASES = [
    # money: currencies, scale words, symbols before and after the number
    C("Die Solvanta AG investiert bis zu 65 Milliarden Dollar in Rechenzentren.",
      "bis zu 65 Milliarden Dollar", 65e9, "USD", "money", "upper_bound"),
    C("Der Deal von Corvana hat ein Volumen von 65 Milliarden US-Dollar.", "65 Milliarden US-Dollar", 65e9, "USD", "money"),
    C("Laut Bericht investiert Corvana $65 billion in die USA.", "$65 billion", 65e9, "USD", "money"),
    C("Der Fonds von Helvion verwaltet €1.3bn.", "€1.3bn", 1.3e9, "EUR", "money"),
    C("Der Kurs von Brandwerk lag zuletzt bei 1.234,56 Euro.", "1.234,56 Euro", 1234.56, "EUR", "money"),
    C("Das Budget des Vereins beträgt EUR 1,2 Mio. im Jahr.", "EUR 1,2 Mio.", 1.2e6, "EUR", "money"),
    C("Die Kosten für den Umbau liegen bei 1,2 Mio. € insgesamt.", "1,2 Mio. €", 1.2e6, "EUR", "money"),
    C("Fernmark zahlt 3 Mrd. Euro für den Zukauf.", "3 Mrd. Euro", 3e9, "EUR", "money"),
    C("Der Staat plant Ausgaben von 2 Bio. Euro.", "2 Bio. Euro", 2e12, "EUR", "money"),
    C("Die Schulden des Landes erreichen 1,5 Billionen Euro.", "1,5 Billionen Euro", 1.5e12, "EUR", "money"),
    C("Das Förderpaket umfasst 150 Tsd. Euro.", "150 Tsd. Euro", 150e3, "EUR", "money"),
    C("Die Stiftung erhielt eine Spende von 20 Tausend Euro.", "20 Tausend Euro", 20e3, "EUR", "money"),
    C("Die Regierung stellt drei Milliarden Euro bereit.", "drei Milliarden Euro", 3e9, "EUR", "money"),
    C("Das neue Werk kostet eine halbe Milliarde Euro.", "eine halbe Milliarde Euro", 0.5e9, "EUR", "money"),
    C("Eine Aktie von Kestrel kostet nur noch 50 Cent.", "50 Cent", 0.5, "EUR", "money"),
    C("Der Preis für das Ticket steigt auf 8 Pfund.", "8 Pfund", 8, "GBP", "money"),
    C("Der Konzern zahlt 120 Franken je Aktie.", "120 Franken", 120, "CHF", "money"),
    C("In Zürich kostet das Gerät CHF 1'000.", "CHF 1'000", 1000, "CHF", "money"),
    C("Der Umsatz der Filiale lag bei 1’200 Franken.", "1’200 Franken", 1200, "CHF", "money"),
    C("Die Lizenz kostet in Japan 5000 Yen.", "5000 Yen", 5000, "JPY", "money"),
    C("Ab 10 Euro ist der Versand kostenlos.", "Ab 10 Euro", 10, "EUR", "money", "lower_bound"),
    C("Mehr als 500 Millionen Euro fließen in das Projekt.", "Mehr als 500 Millionen Euro", 500e6, "EUR", "money", "lower_bound"),
    C("Das Projekt kostet knapp 2 Mrd. Euro.", "knapp 2 Mrd. Euro", 2e9, "EUR", "money", "approximate"),
    C("Der Umbau kostet gut 3 Milliarden Euro.", "gut 3 Milliarden Euro", 3e9, "EUR", "money", "approximate"),
    C("Kovent erwartet 3 Mio. bis 4 Mio. Euro Umsatz.", "3 Mio. bis 4 Mio. Euro", 3e6, "EUR", "money", high=4e6),
    C("Die Prognose liegt bei 3,2 bis 3,4 Mrd. €.", "3,2 bis 3,4 Mrd. €", 3.2e9, "EUR", "money", high=3.4e9),
    C("Zwei bis drei Milliarden Euro fließen in das Netz.", "Zwei bis drei Milliarden Euro", 2e9, "EUR", "money",
      high=3e9),
    C("Der Umsatz stieg von 1,2 auf 1,5 Milliarden Euro.", "1,2", 1.2e9, "EUR", "money"),
    # percent, percentage points, basis points
    C("Der Umsatz von Kestrel stieg um 1,3 Prozent.", "1,3 Prozent", 1.3, "%", "percent"),
    C("Im Vorjahr sank der Gewinn um −4,3 Prozent.", "−4,3 Prozent", -4.3, "%", "percent"),
    C("Die Marge sank um -0,8 Prozentpunkte.", "-0,8 Prozentpunkte", -0.8, "pp", "percent"),
    C("Die Quote stieg um 2 %-Punkte.", "2 %-Punkte", 2, "pp", "percent"),
    C("Die Notenbank erhöhte den Leitzins um 25 Basispunkte.", "25 Basispunkte", 25, "bp", "percent"),
    C("Die Quote liegt bei 12 v. H. des Umsatzes.", "12 v. H.", 12, "%", "percent"),
    C("Der Umsatz soll 10 bis 12 Prozent wachsen.", "10 bis 12 Prozent", 10, "%", "percent", high=12),
    C("Analysten erwarten 10–12 % Wachstum.", "10–12 %", 10, "%", "percent", high=12),
    C("Die Rendite soll zwischen 10 und 12 Prozent liegen.", "zwischen 10 und 12 Prozent", 10, "%", "percent", high=12),
    C("Etwa 40 Prozent der Befragten stimmten zu.", "Etwa 40 Prozent", 40, "%", "percent", "approximate"),
    C("Nahezu 90 Prozent der Anteile gehören Fernmark.", "Nahezu 90 Prozent", 90, "%", "percent", "approximate"),
    C("Höchstens 5 Prozent der Stellen fallen weg.", "Höchstens 5 Prozent", 5, "%", "percent", "upper_bound"),
    C("Weniger als 5 Prozent der Kunden kündigten.", "Weniger als 5 Prozent", 5, "%", "percent", "upper_bound"),
    C("Die Quote sinkt um ein bis zwei Prozent.", "ein bis zwei Prozent", 1, "%", "percent", high=2),
    C("Die Marge stieg von 10 auf 12 Prozent.", "10", 10, "%", "percent"),
    C("Die Rendite liegt bei (rund 5 %) im Schnitt.", "rund 5 %", 5, "%", "percent", "approximate"),
    # power and energy
    C("Nordlicht plant einen Windpark mit 900 Megawatt.", "900 Megawatt", 900e6, "W", "power"),
    C("Die Fabrik von Voltaro braucht 1,2 GW.", "1,2 GW", 1.2e9, "W", "power"),
    C("Die Wärmepumpe hat eine Leistung von 5 kW.", "5 kW", 5e3, "W", "power"),
    C("Das Rechenzentrum mit mehr als einem Gigawatt wird bald fertig.", "mehr als einem Gigawatt", 1e9, "W", "power", "lower_bound"),
    C("Der Speicher liefert 2,5 Gigawattstunden.", "2,5 Gigawattstunden", 2.5e9, "Wh", "energy"),
    C("Pro Jahr erzeugt der Park 3 TWh Strom.", "3 TWh", 3e12, "Wh", "energy"),
    C("Die Batterie speichert 60 Kilowattstunden.", "60 Kilowattstunden", 60e3, "Wh", "energy"),
    # other quantities
    C("Die Bahn fährt maximal 300 km/h.", "maximal 300 km/h", 300, "km/h", "quantity", "upper_bound"),
    C("Der Solarpark umfasst 1.000 Hektar.", "1.000 Hektar", 1000, "ha", "quantity"),
    C("Die Mine fördert 2 Mio. Tonnen Erz.", "2 Mio. Tonnen", 2e6, "t", "quantity"),
    C("Täglich werden 1,5 Mio. Barrel gefördert.", "1,5 Mio. Barrel", 1.5e6, "bbl", "quantity"),
    C("Der Tank fasst 500 Liter.", "500 Liter", 500, "l", "quantity"),
    C("Der Mast ist 200 m hoch.", "200 m", 200, "m", "quantity"),
    C("Das Gelände ist 5 km² groß.", "5 km²", 5, "km2", "quantity"),
    C("Das Smartphone hat 256 GB Speicher.", "256 GB", 256, "GB", "quantity"),
    C("Die Chips von Sernic messen 3 nm.", "3 nm", 3, "nm", "quantity"),
    # counts with nouns
    C("Brandwerk will 2.400 Arbeitsplätze schaffen.", "2.400 Arbeitsplätze", 2400, None, "count", noun="Arbeitsplätze"),
    C("Die Firma hat 2.400 neue Arbeitsplätze geschaffen.", "2.400 neue Arbeitsplätze", 2400, None, "count",
      noun="Arbeitsplätze"),
    C("Die Plattform hat 65.000.000 Nutzer.", "65.000.000 Nutzer", 65e6, None, "count", noun="Nutzer"),
    C("Das Unternehmen hat 40 000 Mitarbeiter.", "40 000 Mitarbeiter", 40e3, None, "count", noun="Mitarbeiter"),
    C("Der Konzern plant 1.000 bis 1.500 neue Stellen.", "1.000 bis 1.500 neue Stellen", 1000, None, "count",
      high=1500, noun="Stellen"),
    C("Kovent betreibt 12 Filialen in Bayern.", "12 Filialen", 12, None, "count", noun="Filialen"),
    C("Über eine Milliarde Menschen nutzen den Dienst.", "Über eine Milliarde Menschen", 1e9, None, "count",
      "lower_bound", noun="Menschen"),
    C("Zwei Millionen Kunden haben sich registriert.", "Zwei Millionen Kunden", 2e6, None, "count", noun="Kunden"),
    C("Ein Dutzend Filialen wird geschlossen.", "Ein Dutzend Filialen", 12, None, "count", noun="Filialen"),
    C("Das Netz erreicht 150k Nutzer.", "150k Nutzer", 150e3, None, "count", noun="Nutzer"),
    C("Die Firma meldet rund 3.000 Mitarbeiter.", "rund 3.000 Mitarbeiter", 3000, None, "count", "approximate",
      noun="Mitarbeiter"),
    C("Mindestens 12 Filialen sollen eröffnen.", "Mindestens 12 Filialen", 12, None, "count", "lower_bound",
      noun="Filialen"),
    C("Nicht mehr als 20 Mitarbeiter sind betroffen.", "Nicht mehr als 20 Mitarbeiter", 20, None, "count",
      "upper_bound", noun="Mitarbeiter"),
    C("Nicht weniger als 30 Filialen wurden umgebaut.", "Nicht weniger als 30 Filialen", 30, None, "count",
      "lower_bound", noun="Filialen"),
    C("Es entfallen ca. 200 Stellen.", "ca. 200 Stellen", 200, None, "count", "approximate", noun="Stellen"),
    C("Das Unternehmen beschäftigt 2000 Mitarbeiter.", "2000 Mitarbeiter", 2000, None, "count", noun="Mitarbeiter"),
    C("Das 2019 gegründete Start-up hat 35 brillante Köpfe.", "2019", 2019, None, "year"),
    C("Das 2019 gegründete Start-up hat 35 brillante Köpfe.", "35 brillante Köpfe", 35, None, "count", noun="Köpfe"),
    C("Abgebaut werden rund 400 der 2.100 Stellen.", "rund 400", 400, None, "count", "approximate"),
    C("Das Team wächst von 140 auf rund 220 Beschäftigte.", "140", 140, None, "count", noun="Beschäftigte"),
    C("Die Schätzungen sinken um 6 beziehungsweise 8 Prozent.", "6", 6, "%", "percent"),
    C("Die Zahl der Teilnehmer lag bei 350.", "350", 350, None, "count"),
    # years and dates
    C("Bis Ende 2027 will Helvion klimaneutral sein.", "2027", 2027, None, "year"),
    C("Im Geschäftsjahr 2024 stieg der Gewinn deutlich.", "2024", 2024, None, "year"),
    C("Bis zum Jahr 2030 sollen alle Werke umgestellt sein.", "2030", 2030, None, "year"),
    C("Die Zahlen für das Geschäftsjahr 2024/25 liegen vor.", "2024/25", 2024, None, "year", high=2025),
    C("Die Hauptversammlung findet am 30. September 2025 statt.", "30. September 2025", 2025, None, "date"),
    C("Am 3. März beginnt der Verkauf.", "3. März", None, None, "date"),
    C("Die Frist endet am 30.09.2025 um Mitternacht.", "30.09.2025", 2025, None, "date"),
    C("Der Bericht ist auf 2025-09-30 datiert.", "2025-09-30", 2025, None, "date"),
    C("Die Auslieferung startet im dritten Quartal.", "dritten Quartal", None, None, "date"),
    C("Im 3. Quartal 2026 soll die Fabrik laufen.", "3. Quartal 2026", 2026, None, "date"),
    C("Der Start ist für Q3 2026 geplant.", "Q3 2026", 2026, None, "date"),
    C("Ein starkes erstes Halbjahr liegt hinter Kovent.", "erstes Halbjahr", None, None, "date"),
    C("Die Prognose für H1 2025 wurde angehoben.", "H1 2025", 2025, None, "date"),
]

EN_CASES = [
    # money
    C("Orbitalis will invest up to $65 billion in new data centres.", "up to $65 billion", 65e9, "USD", "money",
      "upper_bound"),
    C("The budget for the Helvion plant is €1.3bn.", "€1.3bn", 1.3e9, "EUR", "money"),
    C("Sales at Brandwerk reached £200m last year.", "£200m", 200e6, "GBP", "money"),
    C("Quantaro raised $5bn from investors.", "$5bn", 5e9, "USD", "money"),
    C("Profit was USD 5m in the quarter.", "USD 5m", 5e6, "USD", "money"),
    C("The fund manages 2,400 million euros.", "2,400 million euros", 2.4e9, "EUR", "money"),
    C("Kestrel earned 2.5 trillion yen.", "2.5 trillion yen", 2.5e12, "JPY", "money"),
    C("The project costs one billion dollars.", "one billion dollars", 1e9, "USD", "money"),
    C("The stock of Vantor trades at 50 cents.", "50 cents", 0.5, "USD", "money"),
    C("Tickets for the show cost 8 pounds.", "8 pounds", 8, "GBP", "money"),
    C("The annual fee is CHF 1'000.", "CHF 1'000", 1000, "CHF", "money"),
    C("Licences cost ¥5,000 each.", "¥5,000", 5000, "JPY", "money"),
    C("The deal is worth $3-4 billion.", "$3-4 billion", 3e9, "USD", "money", high=4e9),
    C("Quantaro plans to spend between $3 and $4 billion.", "between $3 and $4 billion", 3e9, "USD", "money",
      high=4e9),
    C("Bids ranged from $3bn-$4bn in the auction.", "$3bn-$4bn", 3e9, "USD", "money", high=4e9),
    C("In excess of $2 billion was spent on the rollout.", "In excess of $2 billion", 2e9, "USD", "money",
      "lower_bound"),
    C("German rival Fernmark reported sales of 2,4 Mrd. Euro.", "2,4 Mrd. Euro", 2.4e9, "EUR", "money"),
    # percent
    C("Revenue at Sernic rose 12 percent.", "12 percent", 12, "%", "percent"),
    C("Margins improved by 2 percentage points.", "2 percentage points", 2, "pp", "percent"),
    C("The central bank cut rates by 25 basis points.", "25 basis points", 25, "bp", "percent"),
    C("Yields rose by 15 bp on Friday.", "15 bp", 15, "bp", "percent"),
    C("Growth of 10 to 12 percent is expected.", "10 to 12 percent", 10, "%", "percent", high=12),
    C("Margins rose from 10 to 12 percent.", "10", 10, "%", "percent"),
    C("Margins rose from 10 to 12 percent.", "12 percent", 12, "%", "percent"),
    C("Costs could rise two to three billion dollars.", "two to three billion dollars", 2e9, "USD", "money",
      high=3e9),
    C("Analysts forecast between 10 and 12 percent growth.", "between 10 and 12 percent", 10, "%", "percent",
      high=12),
    C("Shares fell -4.3% on Monday.", "-4.3%", -4.3, "%", "percent"),
    C("Sales fell −2.1 per cent in May.", "−2.1 per cent", -2.1, "%", "percent"),
    C("Nearly 40% of staff agreed.", "Nearly 40%", 40, "%", "percent", "approximate"),
    C("At most 5 percent of the fleet is affected.", "At most 5 percent", 5, "%", "percent", "upper_bound"),
    # power and energy
    C("Each turbine delivers 15 MW.", "15 MW", 15e6, "W", "power"),
    C("The plant will have more than one gigawatt of capacity.", "more than one gigawatt", 1e9, "W", "power",
      "lower_bound"),
    C("The battery stores 100 megawatt hours.", "100 megawatt hours", 100e6, "Wh", "energy"),
    C("Annual output is 4 TWh.", "4 TWh", 4e12, "Wh", "energy"),
    C("The car uses 15 kWh per 100 km.", "15 kWh", 15e3, "Wh", "energy"),
    # quantities
    C("The car uses 15 kWh per 100 km.", "100 km", 100, "km", "quantity"),
    C("The train reaches 300 km/h.", "300 km/h", 300, "km/h", "quantity"),
    C("The farm covers 1,000 hectares.", "1,000 hectares", 1000, "ha", "quantity"),
    C("Output is 1.5 million barrels a day.", "1.5 million barrels", 1.5e6, "bbl", "quantity"),
    C("The mine produced 5 tonnes of gold.", "5 tonnes", 5, "t", "quantity"),
    C("The tank holds 10 litres.", "10 litres", 10, "l", "quantity"),
    C("The phone has 64 GB of storage.", "64 GB", 64, "GB", "quantity"),
    # counts
    C("Quantaro plans to hire 3,000 employees.", "3,000 employees", 3000, None, "count", noun="employees"),
    C("The firm shipped 150,000 units last year.", "150,000 units", 150e3, None, "count", noun="units"),
    C("The app has 150k users.", "150k users", 150e3, None, "count", noun="users"),
    C("Half a million users signed up.", "Half a million users", 0.5e6, None, "count", noun="users"),
    C("A billion people use the service.", "A billion people", 1e9, None, "count", noun="people"),
    C("Two million customers were affected.", "Two million customers", 2e6, None, "count", noun="customers"),
    C("A dozen stores will close.", "A dozen stores", 12, None, "count", noun="stores"),
    C("About 500 jobs are at risk.", "About 500 jobs", 500, None, "count", "approximate", noun="jobs"),
    C("Some 300 workers went on strike.", "Some 300 workers", 300, None, "count", "approximate", noun="workers"),
    C("Roughly 2,000 new jobs will be created.", "Roughly 2,000 new jobs", 2000, None, "count", "approximate",
      noun="jobs"),
    C("At least 10 stores will open.", "At least 10 stores", 10, None, "count", "lower_bound", noun="stores"),
    C("More than 150,000 units were sold.", "More than 150,000 units", 150e3, None, "count", "lower_bound",
      noun="units"),
    C("Over 1,000 people attended.", "Over 1,000 people", 1000, None, "count", "lower_bound", noun="people"),
    C("Fewer than 20 sites remain.", "Fewer than 20 sites", 20, None, "count", "upper_bound", noun="sites"),
    C("No more than 50 employees will move.", "No more than 50 employees", 50, None, "count", "upper_bound",
      noun="employees"),
    C("The plant will employ 150,000 GPU chips.", "150,000 GPU chips", 150e3, None, "count", noun="GPU chips"),
    C("Vantor sold about 3.7 million data-center GPUs.", "about 3.7 million data-center GPUs", 3.7e6, None, "count",
      "approximate", noun="data-center GPUs"),
    C("Meta's 500 engineers will move to Austin.", "500 engineers", 500, None, "count", noun="engineers"),
    C("Voltway will install 2,000 fast chargers.", "2,000 fast chargers", 2000, None, "count", noun="fast chargers"),
    # years and dates
    C("By 2030, Helvion hopes to be carbon neutral.", "2030", 2030, None, "year"),
    C("In 2026 the firm grew quickly.", "2026", 2026, None, "year"),
    C("The results for fiscal 2024 were strong.", "2024", 2024, None, "year"),
    C("FY2025 guidance was raised.", "FY2025", 2025, None, "year"),
    C("The firm's 2023–2025 plan worked.", "2023–2025", 2023, None, "year", high=2025),
    C("The meeting is on Sept. 30, 2025.", "Sept. 30, 2025", 2025, None, "date"),
    C("The deadline is September 30 for all bidders.", "September 30", None, None, "date"),
    C("It opened on 30 September 2025.", "30 September 2025", 2025, None, "date"),
    C("The filing is dated 2025-09-30.", "2025-09-30", 2025, None, "date"),
    C("Launch is planned for Q3 2026.", "Q3 2026", 2026, None, "date"),
    C("H1 2025 revenue doubled.", "H1 2025", 2025, None, "date"),
    C("Sales slumped in the third quarter of 2025.", "third quarter of 2025", 2025, None, "date"),
    C("The first half was weak.", "first half", None, None, "date"),
]


@pytest.mark.parametrize("sentence,text,value,unit,kind,qualifier,high,noun", DE_CASES)
def test_german_figures(sentence, text, value, unit, kind, qualifier, high, noun):
    check_case(sentence, "de", text, value, unit, kind, qualifier, high, noun)


@pytest.mark.parametrize("sentence,text,value,unit,kind,qualifier,high,noun", EN_CASES)
def test_english_figures(sentence, text, value, unit, kind, qualifier, high, noun):
    check_case(sentence, "en", text, value, unit, kind, qualifier, high, noun)


# --------------------------------------------------------------------------------------------------
# numbers that are not figures: no figure may overlap the given substring
DE_NOT = [
    ("Der revolutionäre Llama 4 soll Spitzenreiter werden.", "Llama 4"),
    ("Mit GPT-4 hat Kestrel nichts zu tun.", "GPT-4"),
    ("Das neue GPT-4o überzeugt die Tester.", "GPT-4o"),
    ("Das iPhone 15 kommt im Herbst.", "iPhone 15"),
    ("Windows 11 läuft auf allen Geräten.", "Windows 11"),
    ("Die Vision von Web 3.0 bleibt vage.", "Web 3.0"),
    ("Industrie 4.0 ist das Schlagwort der Messe.", "Industrie 4.0"),
    ("Die Boeing 737 bleibt am Boden.", "Boeing 737"),
    ("Der Airbus A320 ist gefragt.", "A320"),
    ("Die F-35 ist teuer.", "F-35"),
    ("Das 5G-Netz von Telvano wächst.", "5G"),
    ("Seit Covid-19 ist alles anders.", "Covid-19"),
    ("Autonomes Fahren auf Level 3 ist erlaubt.", "Level 3"),
    ("Die Euro 7 Norm gilt bald.", "Euro 7"),
    ("1. Die Firma wächst weiter.", "1."),
    ("2) Die Kosten steigen.", "2)"),
    ("Rufen Sie +49 30 1234567 an.", "+49 30 1234567"),
    ("Die Hotline (030) 123 45 67 ist erreichbar.", "(030) 123 45 67"),
    ("Das Buch hat die ISBN 978-3-16-148410-0.", "978-3-16-148410-0"),
    ("Der 3. Quartalsbericht erscheint bald.", "3."),
    ("Nach § 5 Abs. 2 ist das zulässig.", "§ 5 Abs. 2"),
    ("Laut Artikel 12 gilt das nicht.", "Artikel 12"),
    ("Das Treffen beginnt um 14:30 Uhr.", "14:30 Uhr"),
    ("Die Version 2.1.3 behebt Fehler.", "2.1.3"),
    ("Das sagt Bäckermeister Heinz Dörrbecker (61) aus Herford.", "61"),
]

EN_NOT = [
    ("The Llama 4 model tops the rankings.", "Llama 4"),
    ("GPT-4 was released earlier.", "GPT-4"),
    ("GPT-4o is faster than its predecessor.", "GPT-4o"),
    ("The iPhone 15 sold well.", "iPhone 15"),
    ("Windows 11 adoption is slow.", "Windows 11"),
    ("Web 3.0 remains a buzzword.", "Web 3.0"),
    ("The Boeing 737 is grounded.", "Boeing 737"),
    ("The A320 is popular with airlines.", "A320"),
    ("The F-35 programme is costly.", "F-35"),
    ("5G coverage expanded.", "5G"),
    ("Covid-19 changed everything.", "Covid-19"),
    ("Level 3 autonomy is now allowed.", "Level 3"),
    ("The cars meet the Euro 7 standard.", "Euro 7"),
    ("1. The company keeps growing.", "1."),
    ("Call 555-0134 for details.", "555-0134"),
    ("Call +1 212 555 0134 now.", "+1 212 555 0134"),
    ("Call 1-800-555-0142 or (555) 123-4567 today.", "1-800-555-0142 or (555) 123-4567"),
    ("See page 5 for details.", "page 5"),
    ("Under section 5 of the act, this is legal.", "section 5"),
    ("The meeting starts at 2:30 p.m. sharp.", "2:30 p.m."),
    ("ISBN 978-0-306-40615-7 is listed.", "978-0-306-40615-7"),
    ("The 1990s were different.", "1990s"),
    ("Version 2.1.3 fixes bugs.", "2.1.3"),
    ("The iPhone 15 Pro launched in September.", "iPhone 15 Pro"),
    ("The Apollo 11 mission and Route 66 are famous.", "Apollo 11"),
    ("The plan hurts us, said line worker Tanya Reeves, 34.", "34"),
]


@pytest.mark.parametrize("sentence,sub", DE_NOT, ids=[s for _, s in DE_NOT])
def test_german_not_figures(sentence, sub):
    _assert_no_figure(sentence, "de", sub)


@pytest.mark.parametrize("sentence,sub", EN_NOT, ids=[s for _, s in EN_NOT])
def test_english_not_figures(sentence, sub):
    _assert_no_figure(sentence, "en", sub)


def _assert_no_figure(sentence, lang, sub):
    i = sentence.index(sub)
    figs = extract_figures(sentence, lang)
    assert not [f for f in figs if f.start < i + len(sub) and f.end > i], [f.text for f in figs]


@pytest.mark.parametrize("sentence,lang,expected", [
    ("Am 30. September 2025 endet die Frist.", "de", ["30. September 2025"]),
    ("Die Frist endet am 30.09.2025.", "de", ["30.09.2025"]),
    ("Im 3. Quartal 2026 startet die Produktion.", "de", ["3. Quartal 2026"]),
    ("On September 30, 2025 the deal closed.", "en", ["September 30, 2025"]),
    ("The report for Q3 2026 is due.", "en", ["Q3 2026"]),
    ("It closed on 1 March 2024.", "en", ["1 March 2024"]),
])
def test_day_and_year_inside_date_are_not_separate_figures(sentence, lang, expected):
    assert [f.text for f in extract_figures(sentence, lang)] == expected


# --------------------------------------------------------------------------------------------------
ACCEPTANCE = [
    ("In einem beispiellosen strategischen Coup hat Meta-CEO Mark Zuckerberg den technologischen Wettlauf neu "
     "definiert, indem er eine gigantische Investition von bis zu 65 Milliarden Dollar bis zum Jahr 2025 "
     "ankündigte, um die ehrgeizigen KI-Ziele des Unternehmens zu erreichen.",
     [("bis zu 65 Milliarden Dollar", 65e9, "USD", "money", "upper_bound", None),
      ("2025", 2025, None, "year", "exact", None)]),
    ("Mit dem Bau eines hochmodernen, stadtgroßen Datenzentrums und dem Einsatz von über einer Million "
     "GPU-Chips betritt Meta ein neues Territorium der künstlichen Intelligenz – eine Welt, in der der hauseigene "
     "AI-Assistent über eine Milliarde Menschen unterstützen und der revolutionäre Llama 4 zum Spitzenreiter "
     "unter den Sprachmodellen avancieren soll.",
     [("über einer Million GPU-Chips", 1e6, None, "count", "lower_bound", "GPU-Chips"),
      ("über eine Milliarde Menschen", 1e9, None, "count", "lower_bound", "Menschen")]),
    ("Hierbei wird eine Leistung von mehr als einem Gigawatt online gebracht, was allein mehr elektrischen Input "
     "erfordert, als so manche Kleinstadt oder größer.",
     [("mehr als einem Gigawatt", 1e9, "W", "power", "lower_bound", None)]),
    ("Mit dem Ausblick auf 1,3 Millionen GPU-Chips am Jahresende 2025 bietet Zuckerberg eine Infrastruktur, die "
     "nicht nur beeindruckt, sondern den Bedarf des Tages an Rechenleistung revolutioniert.",
     [("1,3 Millionen GPU-Chips", 1.3e6, None, "count", "exact", "GPU-Chips"),
      ("2025", 2025, None, "year", "exact", None)]),
    ("Die bedeutendsten Initiativen stammen aus dem Umfeld der Stargate-Projekte, die 500 Milliarden Dollar "
     "umfassen und mit Beteiligung von Akteuren wie OpenAI nicht weniger beeindruckend aufgestellt sind.",
     [("500 Milliarden Dollar", 500e9, "USD", "money", "exact", None)]),
]


@pytest.mark.parametrize("sentence,expected", ACCEPTANCE, ids=[f"acceptance-{i + 1}" for i in range(5)])
def test_acceptance_sentences(sentence, expected):
    figs = extract_figures(sentence, "de")
    assert [f.text for f in figs] == [e[0] for e in expected]      # exactly these, Llama 4 is none
    for f, (text, value, unit, kind, qualifier, noun) in zip(figs, expected):
        assert math.isclose(f.value, value), f
        assert (f.unit, f.kind, f.qualifier, f.noun, f.high) == (unit, kind, qualifier, noun, None), f


def test_acceptance_article_with_offsets(acceptance_de):
    text = acceptance_de.read_text(encoding="utf-8")
    figs = extract_figures(text, "de", offset=1000)
    texts = [f.text for f in figs]
    for t in ("bis zu 65 Milliarden Dollar", "über einer Million GPU-Chips", "über eine Milliarde Menschen",
              "mehr als einem Gigawatt", "1,3 Millionen GPU-Chips", "500 Milliarden Dollar"):
        assert t in texts
    assert all(text[f.start - 1000:f.end - 1000] == f.text for f in figs)
    assert not any("Llama" in t or t == "4" for t in texts)


# --------------------------------------------------------------------------------------------------
def test_separator_resolution_by_language():
    assert extract_figures("2.400 Stellen", "de")[0].value == 2400
    assert extract_figures("2,400 jobs", "en")[0].value == 2400
    assert extract_figures("1,3 Prozent", "de")[0].value == 1.3
    assert extract_figures("1.3 percent", "en")[0].value == 1.3
    assert extract_figures("2.400 jobs", "en")[0].value == 2.4          # ambiguous: English reading
    assert extract_figures("65.000.000 Nutzer", "en")[0].value == 65e6   # several groups: thousands
    assert extract_figures("65,000,000 Nutzer", "de")[0].value == 65e6


def test_billion_depends_on_language_and_case():
    assert extract_figures("3 Billionen Euro", "de")[0].value == 3e12
    assert extract_figures("3 Billion Euro", "de")[0].value == 3e12
    assert extract_figures("$3 billion", "de")[0].value == 3e9
    assert extract_figures("$3 billion", "en")[0].value == 3e9


def test_offset_and_to_dict():
    figs = extract_figures("Kestrel zahlt 3 Mrd. Euro an 12 Filialen.", "de", offset=100)
    assert [(f.start, f.end) for f in figs] == [(114, 125), (129, 140)]
    d = figs[0].to_dict()
    assert d == {"text": "3 Mrd. Euro", "start": 114, "end": 125, "value": 3e9, "unit": "EUR", "kind": "money",
                 "qualifier": "exact"}
    assert figs[1].to_dict()["noun"] == "Filialen" and "high" not in figs[1].to_dict()
    assert extract_figures("10 bis 12 Prozent", "de")[0].to_dict()["high"] == 12


def test_unsupported_language_lists_supported():
    with pytest.raises(ValueError, match="de, en"):
        extract_figures("5 Euro", "fr")


def test_empty_and_plain_text():
    assert extract_figures("", "de") == []
    assert extract_figures("Ohne jede Zahl geht es auch.", "de") == []
    assert extract_figures("A sentence without any number.", "en") == []


def test_figure_is_frozen():
    import dataclasses

    f = extract_figures("5 Euro", "de")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------------------------------
_PIECES = st.sampled_from([
    "0", "1", "2", "5", "12", "2025", "1.300", "2,400", "65.000.000", "1’000", "−4,3", "-", "–", "/", ".", ",", ":",
    " ", " ", "\u00a0", "\n", "(", ")", "+", "%", "$", "€", "£", "¥", "US$", "EUR ", "CHF ", "bn", "m", "k", "Mio.",
    " Mrd. ", " Millionen ", " Milliarde ", " billion ", " bis ", " to ", " und ", " and ", " zwischen ", " between ",
    " Prozent", " percent", " Prozentpunkte", " Euro", " Dollar", " Cent", " GW", " kWh", " km/h", " t", " Tonnen",
    " über ", " mehr als ", " up to ", " rund ", "eine ", "a ", "half a ", "ein Dutzend", " Jahr ", "September",
    "Sept.", " Q3", "H1", "FY", "3. Quartal", " Uhr", "Llama ", "GPT-", "§ ", "ISBN ", "İ", "ß", "\u202f",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.lists(_PIECES, max_size=25).map("".join)),
       lang=st.sampled_from(["de", "en"]), offset=st.integers(min_value=0, max_value=10**9))
def test_properties_on_arbitrary_text(text, lang, offset):
    figs = extract_figures(text, lang, offset)
    last_end = None
    for f in figs:
        assert isinstance(f, Figure)
        assert text[f.start - offset:f.end - offset] == f.text
        assert f.start < f.end
        if last_end is not None:
            assert f.start >= last_end                    # sorted and non-overlapping
        last_end = f.end
        assert f.kind in KINDS and f.qualifier in QUALIFIERS
        for v in (f.value, f.high):
            assert v is None or (isinstance(v, float) and math.isfinite(v))
        d = f.to_dict()
        assert set(d) >= {"text", "start", "end", "value", "unit", "kind", "qualifier"}


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=20), lang=st.sampled_from(["de", "en"]))
def test_figures_do_not_depend_on_offset(prefix, lang):
    sentence = prefix + " Kestrel zahlt bis zu 3 Mrd. Euro für 12 Filialen."
    a = [(f.text, f.start, f.value) for f in extract_figures(sentence, lang)]
    b = [(f.text, f.start - 7, f.value) for f in extract_figures(sentence, lang, offset=7)]
    assert a == b
