"""An email recognizer that never reaches for the network.

presidio's EmailRecognizer validates the domain with tldextract's default
extractor, which tries to download the public suffix list. This one uses the
snapshot tldextract ships.
"""

from __future__ import annotations

import re

import tldextract
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from bot.privacy.rule import RuleRecognizer

_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text).fqdn != ""


_SPELT = re.compile(
    r"(?<![\w.@-])(?P<local>[\w+-]+(?:(?: ?\. ?| dot )[\w+-]+)*)"
    r"(?: ?@ ?| at | ?\(at\) ?| ?\[at\] ?)"
    r"(?P<domain>[\w-]+(?:(?: ?\. ?| dot )[\w-]+)+)(?![\w@])",
    re.IGNORECASE,
)


class SpeltOutEmailRecognizer(RuleRecognizer):
    """Addresses typed to dodge filters or by habit: "sarah dot connor at
    example dot com", "liam.hughes @ example.com". Kept only when the
    rebuilt address has a real top-level domain."""

    def __init__(self) -> None:
        super().__init__("EMAIL_ADDRESS")


    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in _SPELT.finditer(text):
            typed = match.group()
            if "@" in typed and " " not in typed:
                continue  # an ordinary address: the email recognizer has it
            rebuilt = re.sub(r" ?\. ?| dot ", ".", match.group("domain"), flags=re.IGNORECASE)
            spelt = "@" in typed or " dot " in typed.lower()
            if spelt and _OFFLINE_EXTRACT(rebuilt).suffix:
                results.append(RecognizerResult("EMAIL_ADDRESS", match.start(), match.end(), 0.8))
        return results
