"""HTML pages to article text and metadata, with trafilatura and htmldate.

Options were chosen by measurement on the Zyte article-extraction benchmark (see
``scripts/bench_extraction.py`` and ``docs/benchmarks.md``): ``favor_precision`` with the fallback
extractors and tables kept scored best of the combinations tried.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlElementClassLookup,
    HtmlEntity,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import is_dubious_html, repair_faulty_html

# trafilatura and htmldate log every odd page at WARNING; the caller reports what matters.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# The options measured best on the benchmark; kept in one place so the benchmark uses the same.
TRAFILATURA_OPTIONS: dict[str, bool] = {
    "favor_precision": True,
    "include_tables": True,
    "include_comments": False,
    "include_images": False,
    "deduplicate": False,
}

# Separators publishers put between a headline and their site or section name.
# Not ":", which belongs to headlines ("Fact check: ...").
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»]{1,2}\s+")
_BY_PREFIX = re.compile(r"^(?:(?:analysis|opinion|words|story|written|reporting)\s+)?by\s+", re.I)
_JOB_TITLE = re.compile(
    r"\s*\b(?:[\w-]+\s+)?(?:reporter|editor|correspondent|writer|contributor|columnist|"
    r"editor-at-large|staff)\b.*$",
    re.I,
)
_TITLE_ELEMENT = re.compile(r"<title[^>]*>([^<]{3,400})</title>", re.I)
# "Phil Smith is a reporter for ..." - an author line with the bio attached.
_AUTHOR_BIO = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s+.*$", re.I)


@dataclass
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Main text (paragraphs separated by blank lines) and metadata of a news page.

    The same result as ``trafilatura.bare_extraction(html, url=url, with_metadata=True,
    **TRAFILATURA_OPTIONS)`` read as below, for less work: the tree is parsed as trafilatura
    parses it, with lxml.html's element classes looked up in C (:func:`parse_page`; trafilatura
    works on a copy, so the tree stays as parsed for the metadata and the date), the metadata
    eventwire reads is computed by trafilatura's own functions in its own order
    (:func:`page_metadata`: no categories, tags or licence), and trafilatura's date only when
    htmldate finds none with our options (:func:`trafilatura_date`). tests/test_html_path.py
    checks both paths give the same article.
    """
    html = flatten_deep_nesting(html)
    tree = parse_page(html)
    metadata = date_url = result = None
    if tree is not None:
        try:
            metadata, date_url = page_metadata(tree, url)
            result = trafilatura.bare_extraction(
                tree, url=url, with_metadata=False, **TRAFILATURA_OPTIONS)
        except (TypeError, ValueError):  # what bare_extraction turns into "no result"
            result = None
    if result is None or metadata is None or tree is None:
        return HtmlArticle("", None, None, None, _find_date(html, url), url)
    text = result.get("text") if isinstance(result, dict) else result.text
    page_url = url or metadata.url or None
    # htmldate with the page's own (canonical) URL: a date in the URL path is the best clue.
    published = _find_date(html, page_url)
    if not published:
        try:
            published = trafilatura_date(tree, date_url)
        except (TypeError, ValueError):  # inside bare_extraction, this was "no result"
            return HtmlArticle("", None, None, None, _find_date(html, url), url)
    publisher = _publisher(metadata.sitename)
    raw_title = _title(metadata.title, html)
    title = headline(raw_title, metadata.sitename, metadata.hostname)
    return HtmlArticle(
        text=_without_headline(paragraph_text(text or ""), (raw_title, title)),
        title=title,
        author=_author(metadata.author, publisher),
        publisher=publisher,
        published=published,
        url=page_url,
    )


def _page_parser() -> etree.HTMLParser:
    """trafilatura's HTML parser (``trafilatura.utils.HTML_PARSER``: comments and processing
    instructions dropped), giving each element the class lxml.html gives it (``<form>`` a
    FormElement, ``<input>`` an InputElement, ..., any other an HtmlElement) through lxml's own
    C look-up instead of ``HtmlElementClassLookup.lookup``, a Python method that lxml.html calls
    for every element Python touches (about 3,000 times a page in trafilatura)."""
    classes = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    by_tag = classes.get_namespace(None)
    for tag, element_class in HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = element_class
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(classes)
    return parser


# One parser per process, as trafilatura keeps its own (lxml locks a parser while it parses).
_PAGE_PARSER = _page_parser()


def parse_page(html: str) -> HtmlElement | None:
    """The tree ``trafilatura.utils.load_html`` makes of a page given as text, step for step
    (repairs, the parse, the parse of its UTF-8 bytes when that fails, the rejection of a
    page that is not HTML), with :data:`_PAGE_PARSER`."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    from_bytes = False
    tree = None
    try:
        tree = fromstring(html, parser=_PAGE_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _parse_bytes(html), True
    except Exception:  # noqa: BLE001 - as load_html: any other lxml failure is "no tree"
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _parse_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PAGE_PARSER)
    except Exception:  # noqa: BLE001 - as trafilatura.utils.fromstring_bytes
        return None


def page_metadata(tree: HtmlElement, url: str | None) -> tuple[Document, str | None]:
    """The title, author, URL, host name and site name ``trafilatura.extract_metadata`` finds
    (the same calls in the same order, trimmed the same way), without what eventwire does not
    read: the date (:func:`trafilatura_date`, asked only when needed), categories, tags and
    licence (a third of extract_metadata's time); and the URL, before trimming, that
    extract_metadata gives htmldate. ``tree`` is read, not changed."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # as extract_metadata: bugs in its JSON-LD reading
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        name = metadata.sitename.lstrip("@")  # a Twitter handle
        lowercase = bool(name) and "." not in name and not name[0].isupper()
        metadata.sitename = name.title() if lowercase else name
    elif metadata.url:
        host = META_URL.match(metadata.url)
        if host:
            metadata.sitename = host[1]
    date_url = metadata.url
    metadata.clean_and_trim()
    return metadata, date_url


def trafilatura_date(tree: HtmlElement, date_url: str | None) -> str | None:
    """The date ``trafilatura.extract_metadata`` gives the page (htmldate on trafilatura's tree,
    not extensive, with the URL of :func:`page_metadata`), trimmed as it trims it."""
    date_options = set_date_params(extensive=False)  # what bare_extraction asks (no fast mode)
    date_options["url"] = date_url
    dated = Document(date=find_date(tree, **date_options))
    dated.clean_and_trim()
    return dated.date or None


# libxml2 stops parsing at 256 nested elements (2048 with its "huge" option) and drops the
# rest of the page. On a page nested deeper than MAX_DEPTH, the elements in the middle of a
# deep chain lose their tags (their text stays): the outer KEEP_OUTER levels (the page's
# layout) and the inner KEEP_INNER levels (the article's paragraphs) keep theirs.
MAX_DEPTH = 200
KEEP_OUTER = 100
KEEP_INNER = 100
# A tag runs to the first ">"; it is empty ("<br/>") when what follows its name ends with "/".
# (Greedy ``[^>]*`` stops at the same ">" as a lazy match, and scans several times faster.)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b([^>]*)>")
# Elements that never hold others, and ones whose start tag ends an open one of the same kind.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})  # fmt: skip
_SELF_ENDING = frozenset({"p", "li", "option", "dt", "dd", "tr", "td", "th"})


def flatten_deep_nesting(html: str) -> str:
    """``html`` with the tags of the middle of chains nested deeper than ``MAX_DEPTH``
    removed, their text kept; the same object when nothing is that deep. Linear time."""
    if not _deeper_than(html, MAX_DEPTH):
        return html  # nearly every page: one pass over the tags, nothing built
    tags = list(_TAG.finditer(html))
    elements = _elements(tags)
    if max((depth for depth, _height, _end in elements.values()), default=0) <= MAX_DEPTH:
        return html
    dropped: set[int] = set()
    for start, (depth, height, end) in elements.items():
        if depth > KEEP_OUTER and height > KEEP_INNER:
            dropped.add(start)
            if end is not None:
                dropped.add(end)
    pieces: list[str] = []
    position = 0
    for index, match in enumerate(tags):
        if index in dropped:
            pieces.append(html[position : match.start()])
            position = match.end()
    pieces.append(html[position:])
    return "".join(pieces)


def _deeper_than(html: str, limit: int) -> bool:
    """Whether an element of ``html`` is nested deeper than ``limit``, counted as
    :func:`_elements` counts depth (its stack alone, without the per-element record)."""
    names: list[str] = []
    open_names: dict[str, int] = {}
    for closing, name, rest in _TAG.findall(html):
        name = name.lower()
        if closing:
            if open_names.get(name):
                while True:
                    top = names.pop()
                    open_names[top] -= 1
                    if top == name:
                        break
        elif name not in _VOID and not rest.endswith("/"):
            if names and names[-1] == name and name in _SELF_ENDING:
                names.pop()
                open_names[name] -= 1
            names.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            if len(names) > limit:
                return True
    return False


def _elements(tags: list[re.Match[str]]) -> dict[int, tuple[int, int, int | None]]:
    """For each start tag (by its index in ``tags``): its depth, its height (1 for an
    element holding no other) and the index of its end tag, if it has one.

    Depth is counted from the tag names as a browser roughly sees them (void elements hold
    nothing, a new <p> or <li> ends an open one); an end tag closes the nearest open element
    of its name and everything opened after it. Each element is closed once: linear time."""
    stack: list[list[int]] = []  # [start index, tallest child]
    names: list[str] = []
    open_names: dict[str, int] = {}
    elements: dict[int, tuple[int, int, int | None]] = {}

    def close(end: int | None) -> None:
        start, tallest = stack.pop()
        open_names[names.pop()] -= 1
        elements[start] = (len(stack) + 1, tallest + 1, end)
        if stack:
            stack[-1][1] = max(stack[-1][1], tallest + 1)

    for index, match in enumerate(tags):
        closing, name = match.group(1), match.group(2).lower()
        empty = match.group(3).endswith("/")
        if closing:
            if open_names.get(name):
                while names[-1] != name:
                    close(None)
                close(index)
        elif not empty and name not in _VOID:
            if names and name in _SELF_ENDING and names[-1] == name:
                close(None)
            stack.append([index, 0])
            names.append(name)
            open_names[name] = open_names.get(name, 0) + 1
    while stack:
        close(None)
    return elements


def paragraph_text(text: str) -> str:
    """One paragraph per non-blank line, whitespace normalised, joined by blank lines."""
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _without_headline(text: str, titles: tuple[str | None, ...]) -> str:
    """The body without a first paragraph that only repeats the headline (a kept <h1>)."""
    first, _, rest = text.partition("\n\n")
    keys = {_squash(t) for t in titles if t}
    return rest if rest and _squash(first) in keys else text


def headline(title: str | None, sitename: str | None, hostname: str | None) -> str | None:
    """The page title without the site name or a one-word section label around it.

    "Clymer manual review | MoreBikes" -> "Clymer manual review"; "Opinion | X" -> "X".
    """
    if not title:
        return None
    title = " ".join(title.split())
    publisher = _publisher(sitename)
    names = [_squash(n) for n in (publisher, hostname) if n]
    names += [_squash(hostname.split(".")[-2])] if hostname and hostname.count(".") >= 1 else []
    names = [n for n in names if len(n) >= 3]
    # The full site name first, then the publisher cut from it; in this order on every run
    # (a set here made titles depend on PYTHONHASHSEED).
    for name in dict.fromkeys(n for n in (sitename, publisher) if n):
        # A site name that itself contains separators ("Remember 80/90 - Memorabilia 80/90").
        title = _strip_affix(title, name)
    parts = _TITLE_SEPARATOR.split(title)
    separators = _TITLE_SEPARATOR.findall(title)
    while len(parts) > 1 and _is_site(parts[-1], names):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site(parts[0], names):
        parts.pop(0)
        separators.pop(0)
    # A short label before or after a pipe is a section ("Opinion | ...", "... | Editorial").
    if len(parts) > 1 and "|" in separators[0] and len(parts[0].split()) <= 2:
        parts.pop(0)
        separators.pop(0)
    if len(parts) > 1 and "|" in separators[-1] and len(parts[-1].split()) <= 2:
        parts.pop()
        separators.pop()
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt.strip() or None


def _strip_affix(title: str, name: str) -> str:
    """``title`` without ``name`` at either end when a separator stands between them."""
    escaped = re.escape(name)
    for pattern in (rf"^{escaped}\s*[|\-–—:·•»]{{1,2}}\s+", rf"\s+[|\-–—:·•»]{{1,2}}\s*{escaped}$"):
        stripped = re.sub(pattern, "", title)
        if stripped != title and len(stripped) >= 8:
            return stripped
    return title


def _is_site(part: str, names: list[str]) -> bool:
    squashed = _squash(part)
    # The part is the site name, a piece of it ("Inexhibit"), or it with a little more
    # ("SpaceNews.com Staff"), never a whole headline that happens to name the site.
    return bool(squashed) and any(
        squashed in n or (n in squashed and len(part.split()) <= 3) for n in names
    )


def _squash(text: str) -> str:
    """Lowercase letters and digits only, with common web suffixes dropped: "9To5Mac.com"."""
    squashed = re.sub(r"\W+|_", "", text.lower())
    return re.sub(r"(com|org|net|couk|co)$", "", squashed) if len(squashed) > 6 else squashed


def _title(title: str | None, html: str) -> str | None:
    """The metadata title, or the <title> element when a broken tag leaked markup into it."""
    if not title or "<" not in title:
        return title
    element = _TITLE_ELEMENT.search(html)
    fallback = " ".join(element.group(1).split()) if element else ""
    return fallback if fallback and "<" not in fallback else title.split("<")[0].strip() or None


def _publisher(sitename: str | None) -> str | None:
    if not sitename:
        return None
    # "Autoracing | F1 | Indy | MotoGP" is a site name followed by its menu.
    return sitename.split(" | ")[0].strip() or None


def _author(author: str | None, publisher: str | None = None) -> str | None:
    """Author names without job titles, "By" prefixes or the publisher's own name."""
    if not author:
        return None
    names = []
    for part in author.split(";"):
        part = _AUTHOR_BIO.sub("", _BY_PREFIX.sub("", part.strip()))
        part = _JOB_TITLE.sub("", part).strip(" ,")
        if part and not (publisher and _squash(part) in _squash(publisher)):
            names.append(part)
    return "; ".join(names) or None


def _find_date(html: str, url: str | None) -> str | None:
    try:
        return find_date(html, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None
