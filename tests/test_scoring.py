import pandas as pd
import pytest

import hype
from hype.analysis import analyze
from hype.errors import ModelError
from hype.scoring import score

TEXT = ("Nordwerk meldet Rekord\n\n"
        "In einem beispiellosen Coup pumpt Nordwerk gigantische 3 Milliarden Euro in seine Zukunft! "
        "Der Umsatz stieg im dritten Quartal um 4 Prozent auf 212 Millionen Euro.")


def test_score_columns(tiny_model_dir):
    df = score(["Der Umsatz stieg um 4 Prozent.", "A truly jaw-dropping, game-changing deal!"], model=tiny_model_dir)
    assert list(df.columns) == [
        "text", "language", "rhetoric", "claim", "claim_fact", "claim_projection", "claim_opinion", "claim_other",
        "sentiment", "sentiment_bullish", "sentiment_neutral", "sentiment_bearish"]
    assert list(df["language"]) == ["de", "en"]
    assert df["rhetoric"].between(0, 1).all()
    probs = df[["claim_fact", "claim_projection", "claim_opinion", "claim_other"]].sum(axis=1)
    assert (probs.round(2) == 1.0).all()
    assert df.loc[1, "rhetoric"] > df.loc[0, "rhetoric"]


def test_single_task_model_fills_only_its_columns(tiny_training_data, tmp_path):
    from hype.model import HypeModel

    d = tiny_training_data
    HypeModel.train(d[["text", "language"]], {"sentiment": d["sentiment"].values}, min_df=1).save(tmp_path / "m")
    df = score("Der Gewinn brach um 40 Prozent ein.", lang="de", model=tmp_path / "m")
    assert list(df.columns) == ["text", "language", "sentiment", "sentiment_bullish", "sentiment_neutral",
                                "sentiment_bearish"]
    probs = df.loc[0, ["sentiment_bullish", "sentiment_neutral", "sentiment_bearish"]].astype(float)
    assert abs(probs.sum() - 1) < 1e-3
    assert df.loc[0, "sentiment"] == probs.idxmax().removeprefix("sentiment_")


def test_analyze_with_model(tiny_model_dir):
    a = analyze(TEXT, model=tiny_model_dir)
    d = a.to_dict()
    assert d["model"]["tasks"] == ["rhetoric", "claim", "sentiment"]
    s1 = d["sentences"][1]
    assert 0 <= s1["scores"]["rhetoric"] <= 1
    assert s1["scores"]["claim"]["label"] in s1["scores"]["claim"]["probabilities"]
    assert set(s1["scores"]["sentiment"]["probabilities"]) == {"bullish", "neutral", "bearish"}
    assert d["sentences"][1]["scores"]["rhetoric"] > d["sentences"][2]["scores"]["rhetoric"]
    for s in d["sentences"]:
        for task, contribs in s["explanations"].items():
            for c in contribs:
                if "start" in c:  # offsets into the document, inside the sentence
                    assert s["start"] <= c["start"] < c["end"] <= s["end"]
                    if c["kind"] == "word":
                        assert d["text"][c["start"]:c["end"]] == c["feature"]
    frame = a.sentences_frame()
    assert isinstance(frame, pd.DataFrame) and {"rhetoric", "claim", "sentiment_bearish"} <= set(frame.columns)


def test_analyze_without_model():
    a = analyze(TEXT, model=None)
    assert all(s.scores is None for s in a.sentences)
    assert "scores" not in a.to_dict()["sentences"][0]


def test_top_level_api():
    assert hype.analyze is analyze
    assert hype.score is score
    from hype.model import HypeClassifier, HypeModel

    assert hype.HypeClassifier is HypeClassifier and hype.HypeModel is HypeModel
    with pytest.raises(AttributeError):
        hype.nope  # noqa: B018


def test_bad_model_dir(tmp_path):
    with pytest.raises(ModelError, match="no manifest.json"):
        score("Der Umsatz stieg.", model=tmp_path)


def test_analyze_reads_sentiment_in_its_article():
    # the packaged model has an article-context stage for sentiment: analyze() uses it, score() does not
    text = ("Die Nordwerk AG meldet einen Rekordverlust und streicht 3.000 Stellen. "
            "Die Aktie brach um 30 Prozent ein. Die Hauptversammlung findet am 12. Mai statt.")
    a = analyze(text, lang="de")
    alone = score([s.text for s in a.sentences], lang="de")
    last = a.sentences[-1]
    in_article = last.scores["sentiment"]["probabilities"]
    assert abs(in_article["bearish"] - alone.loc[2, "sentiment_bearish"]) > 1e-3
    assert in_article["bearish"] > alone.loc[2, "sentiment_bearish"]   # read after two bearish sentences
    assert any(c["feature"] == "context:article" for s in a.sentences for c in s.explanations["sentiment"])
    assert abs(sum(in_article.values()) - 1) < 1e-3


def test_api_input_types():
    from hype.errors import InputError

    a = analyze("Der Umsatz stieg um 4 Prozent. Ein beispielloser Coup!".encode("utf-8"), model=None)
    assert len(a.sentences) == 2                       # bytes are decoded as a file would be
    for bad in (None, 123, ["Satz"]):
        with pytest.raises(InputError, match="expected the article as a str"):
            analyze(bad, model=None)
    for bad in (b"Hallo", 5, ["Ein Satz.", None]):
        with pytest.raises(InputError, match="expected"):
            score(bad)


def test_score_refuses_empty_sentences_and_warns_on_other_languages(tiny_model_dir):
    import warnings

    from hype import score
    from hype.errors import InputError

    with pytest.raises(InputError, match="sentence at index 1 is empty"):
        score(["Der Umsatz stieg.", "   "], model=tiny_model_dir)
    with pytest.warns(UserWarning, match="neither German nor English"):
        score(["Le chiffre d'affaires de la société a augmenté de douze pour cent au troisième trimestre."],
              model=tiny_model_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("error")     # German, English and short sentences: no warning
        score(["Der Umsatz stieg um 5 Prozent.", "Revenue rose 4 percent, the company said.", "Ok."],
              model=tiny_model_dir)
