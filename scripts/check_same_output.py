"""Same outputs, checked: a digest of every document's JSON result, written or compared.

A performance change must not change what eventwire outputs. This script runs the whole path
(``eventwire.pipeline.run``: read, HTML extraction, cleaning, language, spaCy, extraction) over
the 181 AEB pages (``shared/data/scrapinghub-aeb/html/*.html.gz``, read at run time, never
copied) and the bundled ``samples/`` (articles and bad inputs), and writes one line per
document: where it came from, its id and the SHA-256 of its JSON result (``model_dump_json``;
the result holds no timings, and ``source`` is made relative to the folder it was read from so
the digest does not depend on where the repository is).

    python scripts/check_same_output.py --write /tmp/digests-before   # at the start
    python scripts/check_same_output.py --check /tmp/digests-before   # after each change

``--write`` also keeps each document's JSON beside the digest list, so ``--check`` can name the
first field that differs. Exit 0 when every digest is identical, 1 otherwise. The digests of the
shared data are not committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from docs_sections import REPO, shared_data_dir

from eventwire.model import Result
from eventwire.pipeline import SkippedFile, run
from eventwire.settings import Settings

DIGESTS = "digests.tsv"


def default_inputs() -> list[Path]:
    aeb = shared_data_dir() / "scrapinghub-aeb" / "html"
    inputs = [REPO / "samples" / "articles", REPO / "samples" / "bad"]
    return [aeb, *inputs] if aeb.is_dir() else inputs


def results(inputs: list[Path], settings: Settings) -> Iterator[tuple[str, Result]]:
    """(key, result) per document, the key naming its input folder and document."""
    for root in inputs:
        for item in run([root], settings):
            if isinstance(item, SkippedFile):
                continue
            source = item.document.source
            if source and source.startswith(str(root)):
                item.document.source = source[len(str(root)) :].lstrip("/")
            yield f"{root.name}/{item.document.source}#{item.document.id}", item


def digest_of(result: Result) -> tuple[str, str]:
    text = result.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), text


def first_difference(before: object, after: object, path: str = "") -> str:
    """The path of the first field that differs, with both values (shortened)."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            if before.get(key) != after.get(key):
                return first_difference(before.get(key), after.get(key), f"{path}.{key}")
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return f"{path}: {len(before)} items -> {len(after)} items"
        for index, (b, a) in enumerate(zip(before, after, strict=True)):
            if b != a:
                return first_difference(b, a, f"{path}[{index}]")
    return f"{path}: {json.dumps(before)[:120]} -> {json.dumps(after)[:120]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write the digests (and JSON) into this folder")
    mode.add_argument("--check", type=Path, help="compare with the digests in this folder")
    parser.add_argument("inputs", nargs="*", type=Path, help="default: AEB pages and samples/")
    args = parser.parse_args(argv)
    inputs = [p.resolve() for p in args.inputs] or default_inputs()
    started = time.process_time()
    current = {}
    texts = {}
    for key, result in results(inputs, Settings()):
        current[key], texts[key] = digest_of(result)
    seconds = time.process_time() - started
    print(f"{len(current)} documents, {seconds:.1f} CPU s", file=sys.stderr)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        (args.write / DIGESTS).write_text(
            "".join(f"{key}\t{digest}\n" for key, digest in current.items()), encoding="utf-8")
        (args.write / "results.jsonl").write_text(
            "".join(json.dumps({"key": k, "result": json.loads(t)}) + "\n"
                    for k, t in texts.items()), encoding="utf-8")
        print(f"wrote {args.write / DIGESTS}", file=sys.stderr)
        return 0
    lines = (args.check / DIGESTS).read_text(encoding="utf-8").splitlines()
    expected = dict(line.split("\t") for line in lines if line)
    stored = {}
    results_file = args.check / "results.jsonl"
    if results_file.exists():
        for line in results_file.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            stored[record["key"]] = record["result"]
    differ = [k for k in dict.fromkeys([*expected, *current]) if expected.get(k) != current.get(k)]
    for key in differ[:20]:
        where = ""
        if key in stored and key in texts:
            where = first_difference(stored[key], json.loads(texts[key]))
        print(f"DIFFERENT {key} {where}")
    print(f"{len(current) - len(differ)} identical, {len(differ)} different "
          f"(of {len(expected)} recorded)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
