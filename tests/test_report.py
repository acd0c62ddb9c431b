"""Report folders (hype.report), the `hype report` command and the JSON schema of hype.analysis/1."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hype.cli import main
from hype.report import atomic_write, slugify, unique_slugs, write_report, write_reports
from test_render import build_de, build_en

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpora" / "examples" / "de-sports-002.txt"
SCHEMA_PATH = ROOT / "docs" / "hype.analysis.schema.json"

# --- slugs -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,slug", [
    ("Müller Bericht.txt", "muller-bericht"),
    ("corpora/examples/de-sports-002.txt", "de-sports-002"),
    ("meta-ki-investition.de.txt", "meta-ki-investition-de"),
    ("Straße & Söhne – Q3!.html", "strasse-sohne-q3"),
    ("ÆRØ Œuvre.md", "aero-oeuvre"),
    ("../../etc/passwd", "passwd"),
    ("日本語.txt", "article"),
    ("", "article"),
    (".txt", "txt"),
    ("A" * 200 + ".txt", "a" * 60),
])
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify(name))


def test_unique_slugs():
    assert unique_slugs(["a/Bericht.txt", "b/bericht.md", "c/BERICHT.html", "x.txt"]) == \
        ["bericht", "bericht-2", "bericht-3", "x"]
    assert unique_slugs(["x-2.txt", "x.txt", "x.md"]) == ["x-2", "x", "x-3"]


# --- atomic writes ---------------------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "report.md"
    atomic_write(target, "eins")
    atomic_write(target, "zwei ü")
    assert target.read_text(encoding="utf-8") == "zwei ü"
    atomic_write(target, b"\x89PNG")
    assert target.read_bytes() == b"\x89PNG"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_atomic_write_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("alt", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "neu")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "alt"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_files_are_written_via_os_replace(tmp_path, monkeypatch):
    replaced = []
    real = os.replace

    def spy(src, dst):
        assert Path(src).parent == Path(dst).parent and Path(src).name.startswith(".")
        replaced.append(Path(dst).name)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    written = write_report(build_de(), tmp_path)
    assert sorted(replaced) == sorted(p.name for p in written)


# --- write_report ----------------------------------------------------------------------------------------------


def test_write_report_all_formats(tmp_path):
    a = build_de()
    written = write_report(a, tmp_path)
    folder = tmp_path / "nordwerk-bericht"
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "nordwerk-bericht/report.html", "nordwerk-bericht/report.md", "nordwerk-bericht/report.json",
        "nordwerk-bericht/chart-sentences.png", "nordwerk-bericht/chart-paragraphs.png",
        "nordwerk-bericht/chart-categories.png"]
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3
    assert json.loads((folder / "report.json").read_text(encoding="utf-8")) == a.to_dict()
    assert (folder / "report.md").read_text(encoding="utf-8").startswith("# Hype-Bericht: Nordwerk Bericht.txt")
    for png in folder.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(folder.glob(".*"))


def test_write_report_some_formats_and_stale_charts(tmp_path):
    write_report(build_de(), tmp_path, formats=("png",))
    folder = tmp_path / "nordwerk-bericht"
    assert (folder / "chart-categories.png").exists()
    written = write_report(build_de(spans=[]), tmp_path, formats=["md", "png"], ui_lang="en")
    assert {p.name for p in written} == {"report.md", "chart-sentences.png", "chart-paragraphs.png"}
    assert not (folder / "chart-categories.png").exists()
    assert (folder / "report.md").read_text(encoding="utf-8").startswith("# Hype report:")
    with pytest.raises(ValueError):
        write_report(build_de(), tmp_path, formats=["pdf"])


def test_write_reports_deduplicates_slugs(tmp_path):
    a, b = build_de(source="a/Bericht.txt"), build_en(source="b/bericht.md")
    written = write_reports([a, b], tmp_path, formats=["md"])
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["bericht/report.md", "bericht-2/report.md"]


# --- CLI -------------------------------------------------------------------------------------------------------


def test_cli_report_end_to_end(tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", str(EXAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    folder = out / "de-sports-002"
    expected = [folder / n for n in ("report.html", "report.md", "report.json", "chart-sentences.png",
                                     "chart-paragraphs.png")]
    assert [Path(p) for p in printed[:5]] == expected
    for p in printed:
        assert Path(p).is_file() and Path(p).stat().st_size > 0
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "Hype-Bericht" in page
    assert "60 Millionen Euro" in page and 'class="figure q-' in page
    doc = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "hype.analysis/1" and doc["model"]["sha256"]
    assert all("scores" in s for s in doc["sentences"])
    validate(doc, load_schema())


def test_cli_report_ui_lang_and_format(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["report", str(EXAMPLE), "--out", str(out), "--format", "html,md", "--ui-lang", "en"]) == 0
    printed = capsys.readouterr().out.split()
    assert [Path(p).name for p in printed] == ["report.html", "report.md"]
    page = Path(printed[0]).read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Hype report" in page and "exact" in page
    assert Path(printed[1]).read_text(encoding="utf-8").startswith("# Hype report: de-sports-002.txt")


def test_cli_report_two_files_same_name(tmp_path, capsys):
    other = tmp_path / "x" / "de-sports-002.txt"
    other.parent.mkdir()
    other.write_text("Die Nordwerk AG will bis zu 3 Milliarden Euro investieren.\n", encoding="utf-8")
    assert main(["report", str(EXAMPLE), str(other), "--out", str(tmp_path / "o"), "--format", "json"]) == 0
    printed = capsys.readouterr().out.split()
    assert [Path(p).parent.name for p in printed] == ["de-sports-002", "de-sports-002-2"]


def test_cli_report_errors(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    with pytest.raises(SystemExit) as exc:
        main(["report", str(EXAMPLE), "--ui-lang", "fr"])
    assert exc.value.code == 2
    capsys.readouterr()
    assert main(["report", str(EXAMPLE), "--out", str(tmp_path), "--format", "html,pdf"]) == 2
    err = capsys.readouterr().err
    assert "pdf" in err and err.count("\n") == 1


def test_cli_report_help_has_example(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "example:" in out and "hype report" in out and "--ui-lang" in out


# --- JSON schema (a tiny validator for the subset of draft 2020-12 the schema uses) ---------------------------

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _errors(value, schema, root, path="$"):
    if schema is True or schema == {}:
        return
    if schema is False:
        yield f"{path}: not allowed"
        return
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        yield from _errors(value, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            yield f"{path}: expected {types}, got {type(value).__name__}"
            return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: expected {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} not in {schema['enum']}"
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            yield f"{path}: {value} < {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            yield f"{path}: {value} > {schema['maximum']}"
    if "anyOf" in schema and not any(not list(_errors(value, s, root, path)) for s in schema["anyOf"]):
        yield f"{path}: matches none of anyOf"
    for sub in schema.get("allOf", []):
        yield from _errors(value, sub, root, path)
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                yield f"{path}: missing {key!r}"
        props = schema.get("properties", {})
        for key, v in value.items():
            if key in props:
                yield from _errors(v, props[key], root, f"{path}.{key}")
            elif "additionalProperties" in schema:
                yield from _errors(v, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            yield from _errors(v, schema["items"], root, f"{path}[{i}]")


KNOWN_KEYWORDS = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum", "minimum",
                  "maximum", "anyOf", "allOf", "required", "properties", "additionalProperties", "items"}


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(doc, schema) -> None:
    errors = list(_errors(doc, schema, schema))
    assert not errors, "\n".join(errors[:20])


def _keywords(schema, found):
    if isinstance(schema, dict):
        for k, v in schema.items():
            found.add(k)
            if k in ("properties", "$defs"):
                for sub in v.values():
                    _keywords(sub, found)
            elif k in ("items", "additionalProperties") or k in ("anyOf", "allOf"):
                for sub in (v if isinstance(v, list) else [v]):
                    _keywords(sub, found)
    return found


def test_schema_uses_only_the_validated_subset():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _keywords(schema, set()) <= KNOWN_KEYWORDS


@pytest.mark.parametrize("builder", [build_de, build_en])
def test_schema_accepts_hand_built_documents(builder):
    validate(json.loads(json.dumps(builder().to_dict())), load_schema())


def test_schema_accepts_real_output_without_model():
    from hype.analysis import analyze_path

    validate(json.loads(json.dumps(analyze_path(EXAMPLE, model=None).to_dict())), load_schema())


def test_schema_rejects_broken_documents():
    schema = load_schema()
    good = json.loads(json.dumps(build_de().to_dict()))
    bad_cases = []
    d = json.loads(json.dumps(good)); d["schema"] = "hype.analysis/2"; bad_cases.append(d)  # noqa: E702
    d = json.loads(json.dumps(good)); d["sentences"][1]["figures"][0]["qualifier"] = "maybe"; bad_cases.append(d)  # noqa: E702,E501
    d = json.loads(json.dumps(good)); d["sentences"][0]["spans"][0]["category"] = "hype"; bad_cases.append(d)  # noqa: E702
    d = json.loads(json.dumps(good)); d["sentences"][0]["scores"]["rhetoric"] = 1.5; bad_cases.append(d)  # noqa: E702
    d = json.loads(json.dumps(good)); del d["sentences"][0]["start"]; bad_cases.append(d)  # noqa: E702
    d = json.loads(json.dumps(good)); d["metrics"]["hype_index"] = 140; bad_cases.append(d)  # noqa: E702
    d = json.loads(json.dumps(good)); d["unexpected"] = 1; bad_cases.append(d)  # noqa: E702
    for doc in bad_cases:
        assert list(_errors(doc, schema, schema)), "broken document accepted"


def test_schema_agrees_with_jsonschema_when_installed():
    jsonschema = pytest.importorskip("jsonschema")
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(build_de().to_dict())))
