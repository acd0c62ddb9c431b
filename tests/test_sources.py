"""Input readers of `hype batch`: folders, CSV/TSV, JSON Lines, RSS/Atom feed files (all content invented)."""
from datetime import date

import pytest

from hype.sources import Article, SourceError, parse_date, read_sources
from hype.text import read_bytes

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Nordküsten-Kurier Wirtschaft</title>
  <link>https://kurier.example/wirtschaft</link>
  <description>Invented test feed</description>
  <item>
    <title>Werft Lindholm meldet Rekordauftrag</title>
    <link>https://kurier.example/a/1</link>
    <guid isPermaLink="false">kurier-1</guid>
    <pubDate>Tue, 18 Feb 2025 09:30:00 +0100</pubDate>
    <description>Kurzfassung.</description>
    <content:encoded><![CDATA[<p>Die Werft Lindholm hat einen <b>beispiellosen</b> Auftrag über 400 Millionen Euro erhalten.</p><p>Der Vorstand spricht von einem historischen Tag.</p><script>alert(1)</script>]]></content:encoded>
  </item>
  <item>
    <title>Hafen baut aus</title>
    <link>https://kurier.example/a/2</link>
    <pubDate>Wed, 19 Feb 2025 10:00:00 +0100</pubDate>
    <description>Der Hafen investiert rund 12 Millionen Euro in neue Kräne.</description>
  </item>
  <item>
    <title>Leer</title>
    <link>https://kurier.example/a/3</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Tech Wire</title>
  <id>urn:example:harbour-tech</id>
  <updated>2025-03-02T12:00:00Z</updated>
  <entry>
    <title type="html">Quillon &lt;i&gt;unveils&lt;/i&gt; chip</title>
    <id>urn:example:harbour-tech:42</id>
    <link rel="alternate" href="https://wire.example/42"/>
    <published>2025-03-01T08:00:00-05:00</published>
    <updated>2025-03-02T08:00:00Z</updated>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;Quillon says its game-changing chip is up to 40 percent faster.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain entry</title>
    <id>urn:example:harbour-tech:43</id>
    <updated>2025-03-03T08:00:00Z</updated>
    <content type="text">Revenue rose 3 percent to 1.2 billion dollars.</content>
  </entry>
</feed>
"""


def articles_and_errors(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, SourceError)]


def test_parse_date_formats():
    assert parse_date("2025-02-18") == date(2025, 2, 18)
    assert parse_date("2025-02-18T23:30:00-05:00") == date(2025, 2, 18)  # the date as written
    assert parse_date("18.02.2025") == date(2025, 2, 18)
    assert parse_date("Tue, 18 Feb 2025 09:30:00 +0100") == date(2025, 2, 18)
    assert parse_date("") is None and parse_date(None) is None
    with pytest.raises(ValueError):
        parse_date("gestern")
    with pytest.raises(ValueError):
        parse_date("2025-02-30")


def test_rss2_feed(tmp_path):
    f = tmp_path / "kurier.rss"
    f.write_text(RSS, encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert [a.id for a in arts] == ["kurier-1", "https://kurier.example/a/2"]  # guid, else link
    a1, a2 = arts
    assert a1.title == "Werft Lindholm meldet Rekordauftrag"
    assert a1.outlet == "Nordküsten-Kurier Wirtschaft"
    assert a1.published == "2025-02-18" and a1.url == "https://kurier.example/a/1"
    assert a1.fmt == "html"  # content:encoded preferred over the description, HTML stripped by hype's reader
    doc = read_bytes(a1.data, fmt=a1.fmt)
    assert "beispiellosen Auftrag über 400 Millionen Euro" in doc.plain
    assert "<" not in doc.plain and "alert" not in doc.plain
    assert "12 Millionen Euro" in read_bytes(a2.data, fmt=a2.fmt).plain  # description when no content
    assert len(errs) == 1 and "without content" in errs[0].reason and errs[0].origin.endswith("#3")


def test_atom_feed(tmp_path):
    f = tmp_path / "wire.atom"
    f.write_text(ATOM, encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert not errs
    a, b = arts
    assert a.id == "urn:example:harbour-tech:42" and a.url == "https://wire.example/42"
    assert a.title == "Quillon unveils chip" and a.outlet == "Harbour Tech Wire"
    assert a.published == "2025-03-01"  # published wins over updated
    assert "up to 40 percent faster" in read_bytes(a.data, fmt=a.fmt).plain
    assert b.published == "2025-03-03" and b.fmt == "txt"


def test_not_a_feed_is_an_error(tmp_path):
    f = tmp_path / "broken.xml"
    f.write_text("<html><body><p>not <b>a feed", encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert not arts and len(errs) == 1 and "feed" in errs[0].reason


def test_csv_default_columns_and_malformed_row(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text(
        "id,title,source,published,url,text\n"
        'a1,Erster Titel,Kurier,2025-01-02,https://x.example/1,"Die Firma wächst. Zweiter Satz, mit Komma."\n'
        "a2,kaputt,Kurier\n"
        ",Ohne Id,Kurier,02.01.2025,https://x.example/3,Text ohne Id.\n"
        ",,,,,\n"
        "a4,Leer,Kurier,2025-01-02,,\n",
        encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert [a.id for a in arts] == ["a1", "https://x.example/3"]
    assert arts[0].title == "Erster Titel" and arts[0].outlet == "Kurier" and arts[0].published == "2025-01-02"
    assert arts[0].data.decode("utf-8") == "Die Firma wächst. Zweiter Satz, mit Komma."
    assert arts[1].published == "2025-01-02"
    assert [(e.id, e.origin.rsplit(":", 1)[1]) for e in errs] == [("a2", "3"), ("a4", "6")]
    assert "malformed row" in errs[0].reason and "empty text" in errs[1].reason


@pytest.mark.parametrize("body,ok,bad_lines", [
    # a quote opened and closed in the next row: both rows are reported, the third is read
    ('m1,Gut,"Die Firma meldet 5 Prozent mehr Umsatz.\nm2,Kaputt,"Ein Mega-Erfolg!\nm3,Gut,Der Umsatz sank.\n',
     ["m3"], "lines 2-3"),
    # a quote never closed: it would swallow every row to the end of the file
    ('q1,Gut,Der Umsatz stieg.\nq2,Kaputt,"Ein Mega-Erfolg!\nq3,Gut,Der Umsatz sank.\nq4,Vier,Plus 1 Prozent.\n',
     ["q1"], "lines 3-5"),
    # a legitimate multi-line quoted field with "" escapes is fine
    ('r1,Gut,"Zeile eins, mit ""Zitat"".\nZeile zwei."\nr2,Gut,Der Umsatz sank.\n', ["r1", "r2"], None),
    # a stray quote inside one line is read leniently, as spreadsheets do
    ('s1,Gut,"Text "zwei" mit Zitat"\ns2,Gut,Der Umsatz sank.\n', ["s1", "s2"], None),
])
def test_csv_unbalanced_quotes_are_reported_not_merged(tmp_path, body, ok, bad_lines):
    f = tmp_path / "export.csv"
    f.write_text("id,title,text\n" + body, encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert [a.id for a in arts] == ok
    assert all("Mega-Erfolg" not in a.data.decode("utf-8") for a in arts)   # nothing swallowed
    if bad_lines:
        assert len(errs) == 1 and bad_lines in errs[0].reason and "quote" in errs[0].reason
    else:
        assert errs == []


def test_csv_column_mapping_semicolon_and_tsv(tmp_path):
    f = tmp_path / "cms.csv"
    f.write_text("Nr;Schlagzeile;Medium;Datum;Link;Inhalt\n"
                 "7;Titel;Blatt;18.02.2025;https://b.example/7;Ein Satz über 5 Prozent.\n", encoding="cp1252")
    cols = {"id": "Nr", "title": "Schlagzeile", "source": "Medium", "published": "Datum", "url": "Link",
            "text": "Inhalt"}
    arts, errs = articles_and_errors(read_sources([f], cols))
    assert not errs
    assert (arts[0].id, arts[0].title, arts[0].outlet, arts[0].published) == ("7", "Titel", "Blatt", "2025-02-18")
    t = tmp_path / "x.tsv"
    t.write_text("guid\tbody\nq1\tText mit, Komma.\n", encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([t]))
    assert not errs and arts[0].id == "q1" and arts[0].data == "Text mit, Komma.".encode()
    # a mapped column that does not exist is a file-level error, not a crash
    arts, errs = articles_and_errors(read_sources([t], {"text": "fulltext"}))
    assert not arts and "no column 'fulltext'" in errs[0].reason


def test_csv_without_text_column(tmp_path):
    f = tmp_path / "meta.csv"
    f.write_text("id,title\n1,x\n", encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert not arts and "no text column" in errs[0].reason


def test_jsonl_mapping_and_bad_lines(tmp_path):
    f = tmp_path / "dump.jsonl"
    f.write_text('{"article_id": 17, "headline": "H", "outlet": "O", "date": "2025-03-04", "link": "https://o.example/17", "body": "Body text."}\n'
                 "\n"
                 "{not json}\n"
                 "[1, 2]\n"
                 '{"key": "k2", "fulltext": "Other text.", "when": "2025-03-05"}\n', encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert [a.id for a in arts] == ["17"]
    assert (arts[0].title, arts[0].outlet, arts[0].published, arts[0].url) == ("H", "O", "2025-03-04", "https://o.example/17")
    assert [e.origin.rsplit(":", 1)[1] for e in errs] == ["3", "4", "5"]
    arts, errs = articles_and_errors(read_sources([f], {"id": "key", "text": "fulltext", "published": "when"}))
    assert [a.id for a in arts] == ["k2"] and arts[0].published == "2025-03-05"


def test_unparseable_date_is_kept_with_a_note(tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("id,published,text\n1,sometime,Ein Text.\n", encoding="utf-8")
    arts, errs = articles_and_errors(read_sources([f]))
    assert not errs and arts[0].published is None and "date ignored" in arts[0].notes[0]


def test_folder_walk(tmp_path):
    root = tmp_path / "drop"
    (root / "2025" / "03").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "out").mkdir()
    (root / "a.txt").write_text("Ein Artikel.", encoding="utf-8")
    (root / "2025" / "03" / "b.md").write_text("---\ntitle: Front Matter\ndate: 2025-03-09\noutlet: Blatt\n---\n# H\n\nText.",
                                               encoding="utf-8")
    (root / "c.html").write_text('<html><head><title>Page</title><meta property="og:site_name" content="Site">'
                                 '<meta property="article:published_time" content="2025-03-10T10:00:00+01:00">'
                                 '<link rel="canonical" href="https://site.example/c"></head><body><p>Text.</p></body></html>',
                                 encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n")
    (root / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / ".draft.txt").write_text("hidden", encoding="utf-8")
    (root / "out" / "report.html").write_text("<p>our own output</p>", encoding="utf-8")
    ignored = []
    arts, errs = articles_and_errors(read_sources([root], exclude=[root / "out"], ignored=ignored))
    assert not errs
    assert [a.id for a in arts] == ["a.txt", "c.html", "2025/03/b.md"]  # a folder's files, then its subfolders
    _, c, b = arts
    assert (b.title, b.published, b.outlet, b.fmt) == ("Front Matter", "2025-03-09", "Blatt", "md")
    assert (c.title, c.outlet, c.published, c.url) == ("Page", "Site", "2025-03-10", "https://site.example/c")
    assert ignored == [str(root / "image.png")]


def test_missing_source_is_an_error_not_a_crash(tmp_path):
    arts, errs = articles_and_errors(read_sources([tmp_path / "nope"]))
    assert not arts and "no such file" in errs[0].reason
