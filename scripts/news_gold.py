"""The real-news dev sets (Zyte AEB articles): the article list, the gold files, and their building.

Article texts are third-party pages and never enter the repository. What is committed:

* ``eval/events/articles.json``: the split of the AEB articles (short id, AEB id, publication
  date): ``dev`` and ``heldout`` for events (20 each), ``actors_dev`` and ``actors_heldout``
  (15 short ids each, subsets of the two event splits).
* ``eval/events/gold-<split>-<A|B>.jsonl``: one CAMEO event per line, as annotator A or B coded it
  by ``../shared/guides/event-annotation.md``, with the sentence replaced by its character offsets
  in the article body and the SHA-1 of its text (verified when scoring).
* ``eval/actors/gold-<A|B>.jsonl``: one actor entity per line (``eval/actors/GUIDE.md``), each
  mention string with every offset where it occurs in the body.

The bodies are read at run time from ``$EVENTWIRE_SHARED/scrapinghub-aeb/ground-truth.json``
(default ``../shared/data``).

Usage: python scripts/news_gold.py build [--annot DIR] [--manifest FILE]   (annotator files -> gold)
       python scripts/news_gold.py check                                    (gold offsets vs bodies)
The build prints counts only, never the annotated content.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
EVENTS_DIR = REPO / "eval" / "events"
ACTORS_DIR = REPO / "eval" / "actors"
ARTICLES = EVENTS_DIR / "articles.json"
DEFAULT_ANNOT = Path("/work/devsets/annot")
DEFAULT_MANIFEST = Path("/work/devsets/manifest.json")
SPLITS = ("dev", "heldout", "wiki", "dev2", "dev3", "written", "written_heldout", "written2",
          "written3", "written4", "written5", "written6", "written7")
HELDOUT_SPLITS = ("heldout", "written_heldout")
# The Wikinews articles of the GUM corpus (CC BY 2.5) are a second dev set, of another source:
# its bodies are rebuilt at run time from the corpus's sentences, like the AEB bodies are read.
# A third dev set (session 20, "dev2") mixes AEB articles and the last GUM documents: an
# article's source is told by its source id. A fourth (session 22, "dev3") takes 18 more AEB
# articles.
GUM_PREFIX = "GUM_"
# Session 24's sets ("written", "written_heldout") are news articles written for the project by
# helpers (invented people, real countries and organisations, fictional events): their bodies
# are committed (``eval/events/written-articles.jsonl``), so they are scored without the shared
# data. Their source id is "written:<id>". Session 25 added 24 more such articles, all a dev set
# ("written2"), session 26 another 24 ("written3"), and session 30 another 24 in the mixed
# style of the real-news stream ("written4").
WRITTEN_PREFIX = "written:"
WRITTEN_ARTICLES = EVENTS_DIR / "written-articles.jsonl"
_DATELINE = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\w+ \d+, \d{4})$"
)
ANNOTATORS = ("A", "B")

EVENT_FIELDS = (
    "doc", "sentence_start", "sentence_end", "sentence_sha1", "trigger", "trigger_start", "cameo",
    "source", "target", "date", "negated", "hypothetical", "hedged", "tier",
)  # fmt: skip
ACTOR_FIELDS = ("doc", "entity", "type", "country", "countries", "sector", "mentions")


# --- articles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    id: str  # short id (first 12 hex digits of the AEB id; "wiki-<name>" for Wikinews)
    source_id: str  # the AEB id, or the GUM document of a Wikinews article
    published: str
    url: str
    text: str  # the body as the annotators read it (AEB gold body, or rebuilt from GUM)


def aeb_path() -> Path:
    return shared_data_dir() / "scrapinghub-aeb" / "ground-truth.json"


def gum_dir() -> Path:
    return shared_data_dir() / "gum-wikinews" / "dep"


def gum_article(doc: str) -> tuple[str, str, str]:
    """(body, URL, dateline date) of a GUM Wikinews document: its paragraphs with the sentences'
    own text, without the headings, figure captions and the dateline paragraph (the guide codes
    the body only)."""
    paragraphs: list[tuple[str, list[str]]] = []
    meta: dict[str, str] = {}
    for line in (gum_dir() / f"{doc}.conllu").read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::"):].partition(" = ")
            meta[key] = value
        elif line == "# newpar":
            paragraphs.append(("p", []))
        elif line.startswith("# newpar_block = ") and paragraphs:
            paragraphs[-1] = (line.split(" = ", 1)[1].split()[0], paragraphs[-1][1])
        elif line.startswith("# text = ") and paragraphs:
            paragraphs[-1][1].append(line[len("# text = "):])
    published = meta.get("dateCreated", "")
    kept = []
    for kind, sentences in paragraphs:
        text = " ".join(sentences)
        dateline = _DATELINE.match(text)
        if dateline:
            published = datetime.strptime(dateline.group(2), "%B %d, %Y").date().isoformat()
        elif text and kind not in ("head", "figure", "caption"):
            kept.append(text)
    return "\n\n".join(kept), meta.get("sourceURL", ""), published


def read_manifest(path: Path = ARTICLES) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_manifest(manifest: dict, path: Path = ARTICLES) -> None:
    """The manifest with one article (or one list of short ids) per line."""
    parts = []
    for key, rows in manifest.items():
        if rows and isinstance(rows[0], list):
            body = ",\n".join("    " + json.dumps(row) for row in rows)
            parts.append(f'  "{key}": [\n{body}\n  ]')
        else:
            parts.append(f'  "{key}": {json.dumps(rows)}')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")


def split_ids(split: str, kind: str = "events", manifest: dict | None = None) -> list[str]:
    """Short ids of a split: ``kind`` "events" (dev/heldout lists) or "actors"."""
    manifest = manifest or read_manifest()
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    if kind == "actors":
        return list(manifest.get(f"actors_{split}", []))
    return [row[0] for row in manifest.get(split, [])]


def load_articles(ids: list[str] | None = None, manifest: dict | None = None) -> dict[str, Article]:
    """The articles (all of the manifest, or ``ids``) with their bodies from the shared data."""
    manifest = manifest or read_manifest()
    wanted = [
        (short, source_id, published)
        for split in SPLITS
        for short, source_id, published in manifest.get(split, [])
        if ids is None or short in ids
    ]
    needs_aeb = any(not s.startswith((GUM_PREFIX, WRITTEN_PREFIX)) for _, s, _ in wanted)
    bodies = json.loads(aeb_path().read_text(encoding="utf-8")) if needs_aeb else {}
    written = written_articles() if any(s.startswith(WRITTEN_PREFIX) for _, s, _ in wanted) else {}
    out = {}
    for short, source_id, published in wanted:
        if source_id.startswith(WRITTEN_PREFIX):
            row = written[source_id.removeprefix(WRITTEN_PREFIX)]
            text, url = row["text"], row["url"]
        elif source_id.startswith(GUM_PREFIX):
            text, url, _dateline = gum_article(source_id)
        else:
            text, url = bodies[source_id]["articleBody"], bodies[source_id]["url"]
        out[short] = Article(short, source_id, published, url, text)
    return out


def written_articles() -> dict[str, dict]:
    """The committed articles written for the project, by id."""
    return {row["id"]: row for row in read_jsonl(WRITTEN_ARTICLES)}


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON Lines file; a line that does not parse (a file being written) is skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


# --- locating annotated strings in a body ------------------------------------------------------

_QUOTES = {"'": "['‘’`]", "‘": "['‘’`]", "’": "['‘’`]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}
_DASHES = "[-‐‑–—]"


def _loose_pattern(words: str) -> str:
    """A regex for ``words`` that tolerates other whitespace, quote and dash characters."""
    parts = []
    for char in words.strip():
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in _QUOTES:
            parts.append(_QUOTES[char])
        elif char in "-‐‑–—":
            parts.append(_DASHES)
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def locate_sentence(sentence: str, text: str) -> tuple[int, int, str] | None:
    """(start, end, how) of an annotated sentence in the body: exact, loose, or fuzzy."""
    sentence = sentence.strip()
    if not sentence:
        return None
    start = text.find(sentence)
    if start >= 0:
        return start, start + len(sentence), "exact"
    match = re.search(_loose_pattern(sentence), text)
    if match:
        return match.start(), match.end(), "loose"
    match = re.search(_loose_pattern(sentence), text, re.I)
    if match:
        return match.start(), match.end(), "loose"
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(sentence, text, score_cutoff=90)
    if found is not None and found.dest_end > found.dest_start:
        return found.dest_start, found.dest_end, "fuzzy"
    return None


def _word_hits(words: str, text: str, flags: int = 0) -> list[int]:
    """Starts of ``words`` in ``text`` not inside a longer word."""
    pattern = _loose_pattern(words)
    if words[:1].isalnum() or words[:1] == "_":
        pattern = r"(?<!\w)" + pattern
    if words[-1:].isalnum() or words[-1:] == "_":
        pattern += r"(?!\w)"
    return [m.start() for m in re.finditer(pattern, text, flags)]


def locate_trigger(trigger: str, text: str, start: int, end: int) -> int | None:
    """Offset of the trigger inside the sentence ``text[start:end]``: the whole phrase, else its
    first word found (a discontinuous trigger such as "imposed ... sanctions")."""
    sentence = text[start:end]
    trigger = (trigger or "").strip()
    if not trigger:
        return None
    for words in [trigger] + [w for w in re.split(r"\s+|\.\.\.|…", trigger) if len(w) > 1]:
        for flags in (0, re.I):
            hits = _word_hits(words, sentence, flags)
            if hits:
                return start + hits[0]
    return None


def mention_starts(mention: str, text: str) -> list[int]:
    """Every offset of a mention string as whole words; case-insensitive only when the exact
    case occurs nowhere."""
    mention = mention.strip()
    if not mention:
        return []
    return _word_hits(mention, text) or _word_hits(mention, text, re.I)


# --- building the gold files -------------------------------------------------------------------


def cameo_code(value: object) -> str:
    text = str(value).strip()
    if isinstance(value, int) and len(text) < 3:
        text = text.zfill(3)
    return text


def _actor(value: object) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {"text": value.get("text"), "code": value.get("code")}


MAX_TRIGGER = 79  # characters: a trigger is a word or phrase, never a sentence's worth of text


def _clipped(trigger: str) -> str:
    """A long phrase an annotator gave as the trigger, cut at a word to under MAX_TRIGGER (its
    offset is kept; only the first words are needed to find it)."""
    if len(trigger) <= MAX_TRIGGER:
        return trigger
    return trigger[:MAX_TRIGGER].rsplit(" ", 1)[0]


def build_events(rows: list[dict], articles: dict[str, Article]) -> tuple[list[dict], dict]:
    """Gold event rows (offsets and hashes instead of sentences) and counts of what happened."""
    out, counts = [], {"rows": len(rows), "exact": 0, "loose": 0, "fuzzy": 0, "not located": 0,
                       "unknown doc": 0, "trigger not located": 0}  # fmt: skip
    for row in rows:
        article = articles.get(row.get("doc"))
        if article is None:
            counts["unknown doc"] += 1
            continue
        where = locate_sentence(row.get("sentence") or "", article.text)
        if where is None:
            counts["not located"] += 1
            continue
        start, end, how = where
        counts[how] += 1
        trigger = (row.get("trigger") or "").strip()
        trigger_start = locate_trigger(trigger, article.text, start, end)
        counts["trigger not located"] += trigger_start is None
        cameo = cameo_code(row.get("cameo", ""))
        tier = row.get("tier") or ("statement" if cameo[:2] == "01" else "core")
        out.append(
            {
                "doc": article.id,
                "sentence_start": start,
                "sentence_end": end,
                "sentence_sha1": sha1(article.text[start:end]),
                "trigger": _clipped(trigger),
                "trigger_start": trigger_start,
                "cameo": cameo,
                "source": _actor(row.get("source")),
                "target": _actor(row.get("target")),
                "date": row.get("date"),
                "negated": bool(row.get("negated")),
                "hypothetical": bool(row.get("hypothetical")),
                "hedged": bool(row.get("hedged")),
                "tier": tier,
            }
        )
    return out, counts


def build_actors(rows: list[dict], articles: dict[str, Article]) -> tuple[list[dict], dict]:
    """Gold entity rows, each mention with all its offsets in the body."""
    out, counts = [], {"rows": len(rows), "unknown doc": 0, "mentions": 0, "mentions not found": 0}
    for row in rows:
        article = articles.get(row.get("doc"))
        if article is None:
            counts["unknown doc"] += 1
            continue
        mentions = []
        for text in dict.fromkeys(m.strip() for m in row.get("mentions") or [] if m and m.strip()):
            starts = mention_starts(text, article.text)
            counts["mentions"] += 1
            counts["mentions not found"] += not starts
            mentions.append({"text": text, "starts": starts})
        countries = row.get("countries")
        out.append(
            {
                "doc": article.id,
                "entity": row.get("entity"),
                "type": row.get("type"),
                "country": row.get("country"),
                "countries": list(countries) if isinstance(countries, list) else None,
                "sector": row.get("sector"),
                "mentions": mentions,
            }
        )
    return out, counts


def split_arguments(description: str, errors_help: str) -> argparse.ArgumentParser:
    """The command line shared by the real-news eval scripts (--split, --write-docs, --json,
    --errors)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--split", choices=list(SPLITS), default="dev")
    parser.add_argument("--write-docs", action="store_true", help="update docs/evaluation.md")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--errors", action="store_true", help=errors_help)
    return parser


def check_split_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> bool:
    """Refuse to read the held-out split for errors; False when the AEB bodies are absent."""
    if args.split in HELDOUT_SPLITS and (args.errors or args.write_docs):
        parser.error("a held-out split is never read for errors nor written to the docs")
    if not args.split.startswith("written") and not aeb_path().exists():
        print(f"no AEB bodies at {aeb_path()} (set EVENTWIRE_SHARED); nothing scored",
              file=sys.stderr)  # fmt: skip
        return False
    return True


def events_gold_path(split: str, annotator: str) -> Path:
    return EVENTS_DIR / f"gold-{split}-{annotator}.jsonl"


def actors_gold_path(annotator: str) -> Path:
    return ACTORS_DIR / f"gold-{annotator}.jsonl"


def build(annot: Path, manifest_path: Path) -> int:
    if manifest_path.resolve() != ARTICLES.resolve():
        write_manifest(json.loads(manifest_path.read_text(encoding="utf-8")))
    manifest = read_manifest()
    articles = load_articles(manifest=manifest)
    for split in SPLITS:
        ids = set(split_ids(split, manifest=manifest))
        for annotator in ANNOTATORS:
            source = annot / f"events-{split}-{annotator}.jsonl"
            if not source.exists():
                print(f"events {split} {annotator}: no {source.name}")
                continue
            rows = [r for r in read_jsonl(source) if r.get("doc") in ids]
            gold, counts = build_events(rows, {k: articles[k] for k in ids})
            write_jsonl(events_gold_path(split, annotator), gold)
            docs = len({g["doc"] for g in gold})
            print(f"events {split} {annotator}: {len(gold)} events in {docs} articles {counts}")
    actor_ids = {i for split in SPLITS for i in split_ids(split, "actors", manifest)}
    for annotator in ANNOTATORS:
        source = annot / f"actors-{annotator}.jsonl"
        if not source.exists():
            print(f"actors {annotator}: no {source.name}")
            continue
        rows = [r for r in read_jsonl(source) if r.get("doc") in actor_ids]
        gold, counts = build_actors(rows, {k: articles[k] for k in actor_ids})
        write_jsonl(actors_gold_path(annotator), gold)
        per_split = {
            s: len({g["doc"] for g in gold if g["doc"] in split_ids(s, "actors", manifest)})
            for s in SPLITS
        }
        print(f"actors {annotator}: {len(gold)} entities, articles per split {per_split} {counts}")
    return 0


# --- reading the gold back ---------------------------------------------------------------------


def read_events_gold(
    split: str, annotator: str, articles: dict[str, Article]
) -> list[dict] | None:
    """Gold events of a split whose sentence hash still matches the body (None: no file)."""
    path = events_gold_path(split, annotator)
    if not path.exists():
        return None
    rows = []
    for row in read_jsonl(path):
        article = articles.get(row["doc"])
        if article is None:
            continue
        if sha1(article.text[row["sentence_start"] : row["sentence_end"]]) != row["sentence_sha1"]:
            print(f"warning: {path.name}: {row['doc']}@{row['sentence_start']}: sentence hash "
                  "differs from the body; event left out", file=sys.stderr)  # fmt: skip
            continue
        rows.append(row)
    return rows


def read_actors_gold(annotator: str, ids: list[str]) -> list[dict] | None:
    path = actors_gold_path(annotator)
    if not path.exists():
        return None
    wanted = set(ids)
    return [r for r in read_jsonl(path) if r["doc"] in wanted]


def check() -> int:
    """Every committed gold offset points at its hashed sentence or its mention string."""
    articles = load_articles()
    bad = 0
    for path in sorted(EVENTS_DIR.glob("gold-*.jsonl")):
        for row in read_jsonl(path):
            text = articles[row["doc"]].text
            bad += sha1(text[row["sentence_start"] : row["sentence_end"]]) != row["sentence_sha1"]
    for path in sorted(ACTORS_DIR.glob("gold-*.jsonl")):
        for row in read_jsonl(path):
            text = articles[row["doc"]].text
            for mention in row["mentions"]:
                pattern = re.compile(_loose_pattern(mention["text"]), re.I)
                bad += any(not pattern.match(text, s) for s in mention["starts"])
    print("gold offsets:", "all right" if not bad else f"{bad} wrong")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "check"])
    parser.add_argument("--annot", type=Path, default=DEFAULT_ANNOT,
                        help="folder of the annotator files (events-<split>-<A|B>.jsonl, "
                        "actors-<A|B>.jsonl)")  # fmt: skip
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST,
                        help="the split manifest, copied to eval/events/articles.json")
    args = parser.parse_args(argv)
    if not aeb_path().exists():
        print(f"no AEB bodies at {aeb_path()} (set EVENTWIRE_SHARED)", file=sys.stderr)
        return 2
    if args.command == "build":
        manifest = args.manifest if args.manifest.exists() else ARTICLES
        return build(args.annot, manifest)
    return check()


if __name__ == "__main__":
    sys.exit(main())
