"""An email recognizer that never reaches for the network.

presidio's EmailRecognizer validates the domain with tldextract's default
extractor, which tries to download the public suffix list. This one uses the
snapshot tldextract ships.
"""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text).fqdn != ""
