"""A Ray cluster when one machine is not enough: the same parse and extraction on Ray Data.

The calling process reads and cleans the input (the same readers as a local run) and cuts it
into the same batches (:func:`eventwire.pipeline.batches`); Ray Data runs
:func:`eventwire.pipeline.analyse_batch` on each batch in a pool of actors that each load the
spaCy pipeline once (``map_batches`` with a callable class), and writes the analysed documents
as Parquet shards. The shards are read back in input order, so a Ray run yields the same
``Result`` objects as a local one and ``eventwire ingest`` stores them through its usual write
path. With ``Settings.parquet_out`` the shards stay as a Parquet dataset: one row per document
with its ``eventwire/1`` JSON object (``result``) and a few columns to filter on.

The input goes to the cluster in waves of ``Settings.ray_wave_documents`` documents (one Ray
Data run each), so the caller's memory holds one wave, not the whole input.

Ray is an optional dependency (``pip install 'eventwire[ray]'``); without it a Ray run raises
:class:`EngineUnavailable` before anything is read.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import tempfile
import uuid
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.ingest import SkippedFile
from eventwire.model import ErrorRecord, Result
from eventwire.settings import Settings

__all__ = ["EngineUnavailable", "check_ray", "analyse_with_ray", "BatchAnalyser", "SHARD_COLUMNS"]

# One row per analysed document in a Parquet shard.
SHARD_COLUMNS = ("seq", "position", "doc_id", "source", "content_hash", "published", "failed",
                 "actors", "quotes", "events", "result")  # fmt: skip


class EngineUnavailable(RuntimeError):
    """The Ray engine was asked for but cannot run here (Ray is not installed)."""


def check_ray() -> None:
    """Raise :class:`EngineUnavailable` with one line when Ray Data cannot be imported."""
    if importlib.util.find_spec("ray") is None:
        raise EngineUnavailable(
            "--engine ray needs Ray, which is not installed: pip install 'eventwire[ray]'"
        )


class BatchAnalyser:
    """The callable class of ``map_batches``: one per Ray actor, which loads the spaCy pipeline
    once and analyses one eventwire batch per call (a row of JSON documents)."""

    settings_fields: dict[str, Any] = {}  # set on a subclass made for each run

    def __init__(self) -> None:
        from eventwire.pipeline import warm_up

        self.settings = Settings(**self.settings_fields)
        warm_up(self.settings)

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        from eventwire.pipeline import analyse_batch

        out: dict[str, list[Any]] = {name: [] for name in SHARD_COLUMNS}
        for seq, documents in zip(rows["seq"], rows["documents"], strict=True):
            batch = [Result.model_validate_json(text) for text in json.loads(documents)]
            for position, result in enumerate(analyse_batch(batch, self.settings)):
                document = result.document
                for name, value in (
                    ("seq", int(seq)), ("position", position), ("doc_id", document.id),
                    ("source", document.source), ("content_hash", document.content_hash),
                    ("published", document.published), ("failed", result.failed),
                    ("actors", len(result.actors)), ("quotes", len(result.quotes)),
                    ("events", len(result.events)), ("result", result.model_dump_json()),
                ):  # fmt: skip
                    out[name].append(value)
        return out


def analyse_with_ray(
    batches: Iterable[list[Result | SkippedFile]], settings: Settings
) -> Iterator[list[Result | SkippedFile]]:
    """Each batch analysed on the Ray cluster at ``settings.ray_address`` (``auto``: the
    running one; empty: a local one started here), in input order."""
    check_ray()
    import ray

    if not ray.is_initialized():
        try:
            ray.init(address=settings.ray_address or None, include_dashboard=False,
                     logging_level=logging.ERROR, log_to_driver=False)  # fmt: skip
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = settings.ray_address or "a new local cluster"
            raise EngineUnavailable(f"cannot start or join the Ray cluster ({where}): "
                                    f"{_one_line(err)}") from None  # fmt: skip
    context = ray.data.DataContext.get_current()
    for name in ("ray", "ray.data"):  # eventwire's stderr has one line per message
        logging.getLogger(name).setLevel(logging.ERROR)
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    out = Path(settings.parquet_out) if settings.parquet_out else None
    run_id = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="eventwire-ray-") as scratch:
        wave: list[list[Result | SkippedFile]] = []
        documents = 0
        number = 0
        for batch in batches:
            wave.append(batch)
            documents += len(batch)
            if documents >= settings.ray_wave_documents:
                yield from _run_wave(wave, settings, _shard_dir(out, scratch, run_id, number))
                wave, documents, number = [], 0, number + 1
        if wave:
            yield from _run_wave(wave, settings, _shard_dir(out, scratch, run_id, number))


def _shard_dir(out: Path | None, scratch: str, run_id: str, number: int) -> Path:
    return (out or Path(scratch)) / f"run-{run_id}-wave-{number:05d}"


def _run_wave(
    wave: list[list[Result | SkippedFile]], settings: Settings, shards: Path
) -> Iterator[list[Result | SkippedFile]]:
    """One Ray Data run over the batches of ``wave``; they come back analysed, in order."""
    import pyarrow.parquet as pq
    import ray

    rows = []
    for seq, batch in enumerate(wave):
        results = [item for item in batch if isinstance(item, Result)]
        if results:
            rows.append({"seq": seq,
                         "documents": json.dumps([r.model_dump_json() for r in results])})
    analysed: dict[tuple[int, int], Result] = {}
    if rows:
        actors = settings.ray_actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        try:
            # the settings travel inside the class, not as object-store arguments
            analyser = type("SettingsBatchAnalyser", (BatchAnalyser,),
                            {"settings_fields": settings.model_dump()})  # fmt: skip
            with warnings.catch_warnings():  # Ray 2.6x deprecates actor options by keyword
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
                    analyser,
                    batch_size=1,
                    compute=ray.data.ActorPoolStrategy(size=min(actors, len(rows))),
                    num_cpus=1,
                    # an actor that dies fails its wave's documents (recorded, and tried again
                    # on the next ingest) instead of a restart that Ray warns may not work
                    max_restarts=0,
                )
            dataset.write_parquet(str(shards))
            table = pq.read_table(str(shards), columns=["seq", "position", "result"])
        except Exception as err:  # noqa: BLE001 - every document of the wave fails, none is lost
            _fail_wave(wave, f"the Ray run failed: {_one_line(err)}")
            yield from wave
            return
        for seq, position, text in zip(*(table.column(c).to_pylist()
                                         for c in ("seq", "position", "result")), strict=True):
            analysed[(seq, position)] = Result.model_validate_json(text)
    for seq, batch in enumerate(wave):
        position = 0
        merged: list[Result | SkippedFile] = []
        for item in batch:
            if isinstance(item, Result):
                found = analysed.get((seq, position))
                if found is None and not item.failed:
                    item.errors.append(ErrorRecord(
                        stage="nlp", message="missing from the Ray run's output; not analysed"))
                item = found or item
                position += 1
            merged.append(item)
        yield merged


def _fail_wave(wave: list[list[Result | SkippedFile]], reason: str) -> None:
    for batch in wave:
        for item in batch:
            if isinstance(item, Result) and not item.failed:
                item.errors.append(ErrorRecord(stage="nlp", message=f"{reason}; not analysed"))


def _one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[-1] if text else ''}"
