"""Validation of the project's annotated corpus (corpora/)."""
import numpy as np
import pytest

from hype.corpus import (
    CLAIMS,
    COLUMNS,
    SENTIMENTS,
    SPAN_KINDS,
    assign_splits,
    build,
    default_root,
    load_article,
    load_corpus,
    normalise_sentence,
    skeleton_groups,
)
from hype.text import detect_language, read_text

MIN_ARTICLES, MIN_SENTENCES, MIN_PAIRS = 120, 1500, 200


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def articles(corpus):
    return {aid: load_article(aid) for aid in corpus["article_id"].unique()}


def test_schema(corpus):
    assert list(corpus.columns) == list(COLUMNS)
    assert corpus["rhetoric"].isin([0, 1]).all()
    assert corpus["claim"].isin(CLAIMS).all()
    assert corpus["sentiment"].isin(SENTIMENTS).all()
    assert corpus["split"].isin(["train", "test", "challenge"]).all()
    assert corpus["language"].isin(["de", "en"]).all()
    for spans in corpus["spans"]:
        assert isinstance(spans, list)
        assert all(sp["kind"] in SPAN_KINDS for sp in spans)


def test_generated_files_are_current():
    files, annotations = build(write=False)
    root = default_root()
    assert (root / "annotations.jsonl").read_text(encoding="utf-8") == annotations, "run: python -m hype.corpus build"
    for path, content in files.items():
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run python -m hype.corpus build"
    on_disk = set(root.glob("*/articles/*.txt"))
    assert on_disk == set(files), "article files without a source"


def test_offsets_match_article_text(corpus, articles):
    for row in corpus.itertuples():
        meta, body = articles[row.article_id]
        assert body[row.start:row.end] == row.text
        for sp in row.spans:
            assert body[sp["start"]:sp["end"]] == sp["text"]
            assert row.start <= sp["start"] < sp["end"] <= row.end


def test_every_article_reads_with_text_module(articles):
    for aid, (meta, body) in articles.items():
        doc = read_text(body, lang=meta["language"])
        assert doc.plain == body, aid  # corpus text is already normal form
        assert detect_language(body) == meta["language"], aid


def test_splitter_reproduces_gold_sentences(corpus, articles):
    """Gold sentence boundaries are the writers'; the splitter should find nearly all of them."""
    hits = 0
    for aid, group in corpus.groupby("article_id"):
        meta, body = articles[aid]
        found = {(s.start, s.end) for s in read_text(body, lang=meta["language"]).sentences}
        hits += sum((r.start, r.end) in found for r in group.itertuples())
    assert hits / len(corpus) >= 0.97


@pytest.mark.parametrize("lang", ["de", "en"])
def test_size_and_balance(corpus, lang):
    df = corpus[corpus["language"] == lang]
    assert df["article_id"].nunique() >= MIN_ARTICLES
    assert len(df) >= MIN_SENTENCES
    assert df["domain"].nunique() >= 12
    assert df["genre"].nunique() >= 5
    assert 0.30 <= df["rhetoric"].mean() <= 0.60
    claim = df["claim"].value_counts(normalize=True)
    assert all(claim.get(c, 0) >= 0.10 for c in CLAIMS), claim.to_dict()
    senti = df["sentiment"].value_counts(normalize=True)
    assert all(senti.get(s, 0) >= 0.15 for s in SENTIMENTS), senti.to_dict()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_rhetoric_not_separable_by_genre(corpus, lang):
    """Every genre has both sober and rhetorical sentences."""
    df = corpus[corpus["language"] == lang]
    per_genre = df.groupby("genre")["rhetoric"].mean()
    assert ((per_genre > 0.05) & (per_genre < 0.95)).all(), per_genre.to_dict()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_contrastive_pairs(corpus, lang):
    df = corpus[(corpus["language"] == lang) & corpus["pair"].notna()]
    groups = df.groupby("pair")
    assert groups.ngroups >= MIN_PAIRS
    for pid, g in groups:
        assert len(g) == 2, pid
        assert g["article_id"].nunique() == 2, pid
        assert g["split"].nunique() == 1, pid
        assert sorted(g["rhetoric"]) == [0, 1], pid


def test_pinned_events_stay_out_of_the_test_draw():
    base = [{"language": "de", "domain": "ai", "event": f"de-ai-e{i:02d}"} for i in range(1, 11)]
    pinned = [{"language": "de", "domain": "ai", "event": f"de-ai-e{i}", "split": "challenge"} for i in range(51, 56)]
    before = assign_splits(base)
    after = assign_splits(base + pinned)
    assert {e: s for e, s in after.items() if e in before} == before
    assert all(after[m["event"]] == "challenge" for m in pinned)
    # unpinned, the same five events would have changed the draw
    unpinned = [{k: v for k, v in m.items() if k != "split"} for m in pinned]
    assert list(assign_splits(base + unpinned).values()).count("test") == 3


def test_challenge_split_is_exactly_round_3(corpus):
    round3 = corpus["article_id"].str[-3:].astype(int).between(101, 199)
    assert (corpus.loc[round3, "split"] == "challenge").all()
    assert (corpus.loc[~round3, "split"] != "challenge").all()
    assert corpus.loc[round3, "article_id"].nunique() == 96


def test_conflicting_pins_in_one_event_are_refused():
    from hype.corpus import CorpusError

    metas = [{"language": "de", "domain": "ai", "event": "de-ai-e51", "split": "challenge"},
             {"language": "de", "domain": "ai", "event": "de-ai-e51", "split": "train"}]
    with pytest.raises(CorpusError, match="pin different splits"):
        assign_splits(metas)


def _check_new():
    import importlib.util

    path = default_root() / "tools" / "check_new.py"
    spec = importlib.util.spec_from_file_location("check_new", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_new_checks_pairs_against_the_whole_corpus(tmp_path, capsys):
    import json

    check_new = _check_new()
    one = default_root() / "src" / "de" / "de-ai-101.json"
    # its pair partners live in de-ai-102, which is not given: no false alarm
    assert check_new.main([str(one)]) == 0
    # a new article reusing a pair id that is already taken is caught
    doc = json.loads(one.read_text(encoding="utf-8"))
    doc["id"] = "de-ai-199"
    for para in doc["paragraphs"]:
        for sent in para:
            sent["text"] = sent["text"].replace("Lumeno", "Kalvaro")
    copy = tmp_path / "de-ai-199.json"
    copy.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert check_new.main([str(copy)]) == 1
    assert "must have exactly 2 sentences" in capsys.readouterr().out


def test_no_split_leakage(corpus):
    by_article = corpus.groupby("article_id")["split"].nunique()
    assert (by_article == 1).all()
    by_event = corpus.groupby("event")["split"].nunique()
    assert (by_event == 1).all()
    drawn = corpus[corpus["split"] != "challenge"]  # the challenge split is pinned, not drawn
    test_share = drawn.drop_duplicates("article_id")["split"].eq("test").mean()
    assert 0.15 <= test_share <= 0.25
    for (lang, domain), g in drawn.groupby(["language", "domain"]):
        assert set(g["split"]) == {"train", "test"}, (lang, domain)


def test_no_duplicate_or_near_duplicate_sentences(corpus):
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [normalise_sentence(t) for t in corpus["text"]]
    seen = {}
    for i, t in enumerate(texts):
        assert t not in seen, (corpus["text"].iloc[seen[t]], corpus["text"].iloc[i])
        seen[t] = i
    grams = CountVectorizer(analyzer="char", ngram_range=(5, 5), binary=True, lowercase=False).fit_transform(texts)
    sizes = np.asarray(grams.sum(axis=1)).ravel()
    inter = (grams @ grams.T).tocoo()
    mask = inter.row < inter.col
    rows, cols, shared = inter.row[mask], inter.col[mask], inter.data[mask]
    jaccard = shared / (sizes[rows] + sizes[cols] - shared)
    near = [(corpus["text"].iloc[r], corpus["text"].iloc[c]) for r, c in zip(rows[jaccard >= 0.8], cols[jaccard >= 0.8])]
    assert not near, near[:5]


def test_skeleton_detector_catches_templates():
    texts = [
        "Die Nordwerk AG steigerte ihren Umsatz im Jahr 2024 um 12 Prozent.",
        "Die Velantis AG steigerte ihren Umsatz im Jahr 2023 um 7 Prozent.",
        "Die Hartwig AG steigerte ihren Gewinn im Jahr 2022 um 3 Prozent.",
        "Die Orbis AG steigerte ihren Umsatz im Jahr 2021 um 9 Prozent.",
        "Ganz anders verlief das Jahr bei der Konkurrenz aus Bremen.",
    ]
    assert max(len(g) for g in skeleton_groups(texts).values()) == 4


def test_no_over_frequent_sentence_skeletons(corpus):
    texts = list(corpus["text"])
    offenders = [sorted(texts[i] for i in g)[:4] for g in skeleton_groups(texts).values() if len(g) > 3]
    assert not offenders, offenders[:3]
