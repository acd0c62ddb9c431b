import numpy as np
import pandas as pd
import pytest

from hype.features import CharNgrams, CueFeatures, StemNgrams, as_texts_langs, guess_language, stem_tokens

SENTS = pd.DataFrame({
    "text": ["Der Umsatz stieg um 18 Prozent auf 412 Millionen Euro.",
             "In einem beispiellosen Coup pumpt Nordwerk gigantische Summen in die Zukunft!",
             "Revenue rose 4 percent, the company said.",
             "A jaw-dropping, game-changing deal — a x ab!",
             "Weltspitze! Geniestreich? Ärger über Größe."],
    "language": ["de", "de", "en", "en", "de"],
})


def test_fast_char_transform_equals_sklearn():
    cn = CharNgrams(ngram_range=(2, 5), min_df=1).fit(SENTS)
    other = pd.DataFrame({"text": ["Ein völlig neuer Satz mit Geniestreich und x.", "ok"], "language": ["de", "en"]})
    for X in (SENTS, other):
        fast = cn.transform(X).toarray()
        slow = cn.vectorizer_.transform(list(X["text"])).toarray()
        np.testing.assert_allclose(fast, slow, rtol=1e-6, atol=1e-7)


def test_fast_stem_transform_equals_sklearn():
    sn = StemNgrams(min_df=1).fit(SENTS)
    other = pd.DataFrame({"text": ["Der Umsatz stieg und stieg und stieg.", "ok", ""], "language": ["de", "en", "de"]})
    for X in (SENTS, other):
        fast = sn.transform(X)
        slow = sn.vectorizer_.transform(sn._docs(X))
        assert fast.shape == slow.shape
        np.testing.assert_array_equal(fast.toarray(), slow.toarray())


def test_char_cache_not_pickled():
    import pickle

    cn = CharNgrams(min_df=1).fit(SENTS)
    cn.transform(SENTS)
    assert "_word_column_arrays" in cn.__dict__
    clone = pickle.loads(pickle.dumps(cn))
    assert "_word_columns" not in clone.__dict__ and "_word_column_arrays" not in clone.__dict__
    np.testing.assert_allclose(clone.transform(SENTS).toarray(), cn.transform(SENTS).toarray())


def test_stems_are_language_specific():
    assert [s for s, _, _ in stem_tokens("Die Investitionen stiegen", "de")] == ["die", "investition", "stieg"]
    assert [s for s, _, _ in stem_tokens("The investments rose 4%", "en")][:2] == ["the", "invest"]
    assert ("<num>", 21, 22) in stem_tokens("The investments rose 4%", "en")


def test_stem_ngrams_and_cues_shapes():
    sn = StemNgrams(min_df=1).fit(SENTS)
    assert sn.transform(SENTS).shape[0] == 5
    assert all(n.startswith("stem:") for n in sn.get_feature_names_out())
    cf = CueFeatures().fit(SENTS)
    M = cf.transform(SENTS).toarray()
    names = list(cf.get_feature_names_out())
    assert M.shape == (5, len(names))
    hyper = names.index("cue:lex:hyperbole")
    assert M[1, hyper] > M[0, hyper]


@pytest.mark.parametrize("text,lang", [
    ("A truly jaw-dropping, game-changing deal!", "en"),
    ("Ein beispielloser Erfolg für die Firma.", "de"),
    ("Shares of the company rose.", "en"),
    ("Die Aktie stieg.", "de"),
])
def test_guess_language(text, lang):
    assert guess_language(text) == lang


def test_as_texts_langs():
    texts, langs = as_texts_langs(["Die Aktie stieg deutlich.", "The shares rose sharply."])
    assert langs == ["de", "en"]
    with pytest.raises(TypeError):
        as_texts_langs("a single string")


def test_a_dotted_capital_i_is_no_first_person_pronoun():
    from hype.features import CUE_NAMES, cue_vector

    assert cue_vector("Flights to İstanbul resumed.", "en")[CUE_NAMES.index("style:first_person")] == 0.0


@pytest.mark.parametrize("text, lang, praise", [
    ("Wir haben ein bewährtes, hochmotiviertes Team und hervorragende Produkte.", "de", True),
    ("Unsere akribische Prüfung garantiert erstklassige Qualität.", "de", True),
    ("Ein bewährtes Verfahren: Der Konzern prüft die Lieferanten jährlich.", "de", False),  # no first person
    ("Wir legen die Zahlen am 12. März vor.", "de", False),  # first person, no praise
    ("We will apply rigorous methods to obtain a nuanced understanding.", "en", True),
    ("Our seasoned, dedicated team delivers outstanding results.", "en", True),
    ("The regulator published a detailed report on Tuesday.", "en", False),
    ("We will publish the figures on 12 March.", "en", False),
])
def test_self_praise_needs_first_person_and_praise(text, lang, praise):
    from hype.features import CUE_NAMES, cue_vector

    assert (cue_vector(text, lang)[CUE_NAMES.index("style:self_praise")] > 0) is praise


def test_the_country_us_is_no_first_person():
    from hype.features import CUE_NAMES, cue_vector

    v = cue_vector("US regulators published a detailed report on Tuesday.", "en")
    assert v[CUE_NAMES.index("style:first_person")] == 0.0 and v[CUE_NAMES.index("style:self_praise")] == 0.0
    assert cue_vector("Give us the US numbers.", "en")[CUE_NAMES.index("style:first_person")] > 0
