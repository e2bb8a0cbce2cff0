"""Logging set-up shared by our processes. Messages never carry what a
resident typed: log lines name sessions, sizes and outcomes, not text."""

from __future__ import annotations

import logging
import os
import warnings


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Third-party libraries log at DEBUG with request bodies (and websockets
    # with frame contents); keep them quiet.
    for noisy in ("presidio-analyzer", "httpx", "httpcore", "sentence_transformers",
                  "transformers", "faiss", "urllib3", "filelock", "websockets", "sanic.websockets",
                  "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore", category=FutureWarning)
