"""IP addresses, but not the numbered paragraphs and versions that look
like them ("paragraph 4.2.1.3", "version 1.2.3.4")."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IpRecognizer

_NUMBERED_TEXT = re.compile(
    r"\b(?:paragraph|para|section|clause|version|ver|v|chapter|rule|step|part|page|item|"
    r"appendix|schedule|regulation|article)\.?\s*$", re.IGNORECASE)


class NetworkAddressRecognizer(IpRecognizer):
    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None,
                ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results
                if not _NUMBERED_TEXT.search(text[max(0, r.start - 20):r.start])]
