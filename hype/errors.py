"""Named exceptions of the library; the CLI turns them into `error: …` lines."""


class HypeError(Exception):
    """Base class: the message is one line naming the problem and what was expected."""


class InputError(HypeError):
    """The input cannot be read as an article (empty, binary, too large, bad format)."""


class LanguageError(HypeError):
    """The language is unsupported or could not be recognised."""


class ModelError(HypeError):
    """A model file is missing, unfitted, tampered with or incompatible."""


class CorpusError(HypeError):
    """The annotated corpus is missing or malformed."""
