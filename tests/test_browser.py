"""The HTML report in a real browser: headless Chromium renders it, we assert on the DOM and keep a screenshot.

Needs the Debian package `chromium` (/usr/bin/chromium); skipped with a reason when it is missing.
Screenshots are written to tests/artifacts/ (git-ignored) for a human to look at.
"""
from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hype.render.charts import render_charts
from hype.render.html import render_html
from test_render import build_analysis, build_de, build_en

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                                                          "(Debian: apt-get install -y chromium)")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
           "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def _artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return ARTIFACTS


def _write(tmp_path: Path, name: str, analysis, **kw) -> Path:
    page = tmp_path / name
    page.write_text(render_html(analysis, charts=render_charts(analysis, kw.get("ui_lang")), **kw), encoding="utf-8")
    return page


class _Elements(HTMLParser):
    """(tag, attributes) of every element of a serialised DOM, parsed properly (attribute values may hold '>')."""

    def __init__(self, dom: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(dom)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, cls: str | None = None, attr: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())
                and (attr is None or attr in a)]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_report_renders_in_chromium(tmp_path):
    page = _write(tmp_path, "report.html", build_de())
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<title>Hype-Bericht: Nordwerk Bericht.txt</title>" in dom
    els = _Elements(dom)
    marks = els.find("mark", "span", "data-note")
    assert {m["data-note"] for m in marks} == {"1", "2", "3", "4", "7", "8", "9", "10", "11"}
    assert all(m["title"] for m in marks)
    assert {m["class"].split()[1] for m in marks} >= {"cat-hyperbole", "cat-promise", "cat-vague_magnitude"}
    figures = els.find("span", "figure", "data-note")
    assert sorted(f["class"].split()[1] for f in figures) == ["q-approximate", "q-exact", "q-exact",
                                                              "q-lower_bound", "q-upper_bound"]
    assert 'id="figures-table"' in dom and "Obergrenze" in dom and "Untergrenze" in dom
    assert 'id="sentences-table"' in dom and 'id="fn-14"' in dom
    assert dom.count('src="data:image/png;base64,') == 3

    shot = _artifacts() / "report-de.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert _png_size(shot) == (1280, 2000)


def test_english_report_screenshot(tmp_path):
    page = _write(tmp_path, "report.html", build_en())
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert '<html lang="en">' in dom and "upper bound" in dom and "approximately" in dom
    shot = _artifacts() / "report-en.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert _png_size(shot) == (1280, 2000)


PAYLOAD_SCRIPT = ("<script>document.title='PWNED';"
                  "document.body.insertAdjacentHTML('beforeend','<div id=pwned-script></div>')</script>")
EVIL_SOURCE = "'\"><img src=y onerror=\"document.title='PWNED3'\">.txt"
PAYLOAD_ATTR = "\"><img src=x onerror=\"document.title='PWNED2';document.body.id='pwned-img'\">"


def test_injected_markup_is_text_not_code(tmp_path):
    sentences = [f"Die Firma {PAYLOAD_SCRIPT} investiert bis zu 3 Milliarden Euro.",
                 f"Ein {PAYLOAD_ATTR} beispielloser Coup."]
    a = build_analysis(
        [sentences], "de", source=EVIL_SOURCE,
        figures=[(0, "bis zu 3 Milliarden Euro", 3e9, "EUR", "money", "upper_bound")],
        spans=[(0, PAYLOAD_SCRIPT, "hyperbole", "x", PAYLOAD_ATTR, 0.5),
               (1, f"{PAYLOAD_ATTR} beispielloser", "evaluative", "x", PAYLOAD_SCRIPT, 0.5)],
        scores={0: (0.9, "fact", 0.9, "neutral", 0.9), 1: (0.8, "opinion", 0.9, "bullish", 0.9)},
        metrics={"hype_index": 50, "verdict": {"code": "x", "label": PAYLOAD_SCRIPT}},
        claims=[{"sentence": 0, "text": sentences[0], "claim": "fact", "figures": [PAYLOAD_ATTR],
                 "why": PAYLOAD_SCRIPT, "priority": 50}])
    page = _write(tmp_path, "evil.html", a)
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    # nothing ran: the title is ours, no element was added, no attribute was injected
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert html.unescape(title) == f"Hype-Bericht: {EVIL_SOURCE}"
    assert "pwned-script" not in re.sub(r"&lt;div id=pwned-script&gt;", "", dom)
    els = _Elements(dom)
    assert not els.find("script") and not els.find("div", attr="id") or \
        all(a["id"] != "pwned-script" for a in els.find("div", attr="id"))
    assert all(a.get("id") != "pwned-img" for a in els.find("body"))
    assert all(a["src"].startswith("data:image/png;base64,") for a in els.find("img"))
    assert not [(t, k) for t, a in els.elements for k in a if k.startswith("on")]
    # …and the payload is visible as text, inside its highlight
    assert "&lt;script&gt;document.title='PWNED';" in dom
    assert '"&gt;&lt;img src=x onerror="document.title=' in dom
    assert re.search(r'<mark class="span cat-hyperbole"[^>]*>&lt;script&gt;', dom)
    shot = _artifacts() / "report-injection.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1200", page.as_uri())
    assert _png_size(shot) == (1280, 1200)
