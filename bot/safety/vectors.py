"""Embeddings of the safety net's own sentences, kept on disk between starts.

The exemplars, negatives and training messages come to a few thousand
sentences: about ten seconds of the model on two cores at every start of
every gateway. They are the project's own text (no resident's words), so
their vectors are cached under the var directory, in a file named by a hash
of the model and every sentence: any edit to the data makes a new file, and
a stale one is never read.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

logger = logging.getLogger(__name__)


class Encoder(Protocol):
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def cache_key(model: str, texts: Sequence[str]) -> str:
    digest = hashlib.sha256(model.encode("utf-8"))
    for text in texts:
        digest.update(b"\x00" + text.encode("utf-8"))
    return digest.hexdigest()[:32]


def encode_cached(encoder: Encoder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """`encoder.encode(texts)`, from the cache when it holds exactly these."""
    if cache_dir is None:
        return encoder.encode(list(texts))
    model = getattr(encoder, "name", type(encoder).__name__)
    path = Path(cache_dir) / f"safety-{cache_key(model, texts)}.npy"
    try:
        vectors = np.load(path, allow_pickle=False)
        if vectors.shape == (len(texts), encoder.dimension):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = encoder.encode(list(texts))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            np.save(handle, vectors, allow_pickle=False)
        os.replace(partial, path)
    except OSError as error:
        logger.warning("safety net: could not cache its vectors (%s)", error.strerror)
    return vectors
