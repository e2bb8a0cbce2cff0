"""The sentence embedder for grouping questions, loaded the first time a
report has questions to group and kept for the next one. Nothing loads at
import or at start-up: most gateways never build a report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


def _embedder() -> Encoder:
    from bot.knowledge.embedder import Embedder

    return Embedder()


class LazyEncoder:
    """One model, loaded on first use. Calls are serialised: reports are
    rare, and one tokenizer shared by threads at once is not safe."""

    def __init__(self, load: Callable[[], Encoder] = _embedder) -> None:
        self._load = load
        self._model: Encoder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model.encode(texts)
