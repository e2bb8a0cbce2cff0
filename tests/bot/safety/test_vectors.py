"""The safety net's own sentences are embedded once and kept under var/: the
cache file is named by the model and every sentence, so an edit makes a new
file and a stale one is never read."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.safety.vectors import encode_cached


def test_vectors_are_cached_and_an_edit_makes_a_new_file(embedder, tmp_path: Path):
    texts = ["he has a knife", "when is bin day"]
    first = encode_cached(embedder, texts, tmp_path)
    files = sorted(tmp_path.glob("safety-*.npy"))
    assert len(files) == 1
    again = encode_cached(embedder, texts, tmp_path)
    np.testing.assert_array_equal(first, again)
    assert sorted(tmp_path.glob("safety-*.npy")) == files

    encode_cached(embedder, [*texts, "a third sentence"], tmp_path)
    assert len(list(tmp_path.glob("safety-*.npy"))) == 2


def test_a_damaged_cache_file_is_embedded_again(embedder, tmp_path: Path):
    texts = ["he has a knife"]
    expected = encode_cached(embedder, texts, tmp_path)
    (cached,) = tmp_path.glob("safety-*.npy")
    cached.write_bytes(b"not numpy")
    np.testing.assert_allclose(encode_cached(embedder, texts, tmp_path), expected, rtol=1e-5)


def test_no_cache_directory_means_no_file(embedder, tmp_path: Path):
    vectors = encode_cached(embedder, ["he has a knife"], None)
    assert vectors.shape == (1, embedder.dimension)
    assert not list(tmp_path.iterdir())
