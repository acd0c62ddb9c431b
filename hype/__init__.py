"""hype: German/English analyser of promotional language in press coverage.

    import hype
    a = hype.analyze(text)            # Analysis: sentences, figures, scores, explanations
    df = hype.score(["Satz eins.", "Sentence two."])
"""

__version__ = "0.1.0"

__all__ = ["analyze", "score", "HypeClassifier", "HypeModel", "Analysis", "__version__"]


_SUBMODULES = frozenset("analysis batch cli corpus datasets errors evaluate explain features figures lexicons metrics "
                        "model modelfile render report scoring sources spans text train".split())


def __getattr__(name):
    # lazy: `import hype` stays cheap for the CLI's --help and for hype.text users
    if name == "analyze":
        from .analysis import analyze

        return analyze
    if name == "Analysis":
        from .analysis import Analysis

        return Analysis
    if name == "score":
        from .scoring import score

        return score
    if name in ("HypeClassifier", "HypeModel"):
        from . import model

        return getattr(model, name)
    if name in _SUBMODULES:   # hype.batch.run(...) after a plain `import hype`
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'hype' has no attribute {name!r}")
