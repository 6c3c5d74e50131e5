"""A story: a presenter's sequence of views, each one figure with one sentence, carried in one
URL parameter (no Streamlit here; the browser, the deck and the PDF all read it through
`decode`).

The parameter is `story=v1.<step>.<step>…`: a version, then one token per step, each the
base64url (no padding) of the raw-deflated compact JSON `[view path, figure id, sentence]`.
The view path is `View.path()` of the step (page, filters, language, interval toggle, a
respondent dataset and answer filter; Benchmark yourself's answers only when the presenter
chose to include them), read back by `view.parse`, so a step's filters are parsed exactly as
a link's are. An empty sentence means the app's suggested one (captions.suggest), computed
when shown, in the language shown; a sentence of the presenter's own is kept as written.

Each step is its own token, so a cut or altered link loses only the steps it damaged:
`decode` opens what it can and returns a Notice for everything it left out. Old versions
keep their decoder; an unknown version opens nothing and says so.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

from cxdash import i18n
from cxdash.view import DATASET_ID, Notice, View, ViewError, Vocabulary, parse

VERSION = "v1"
MAX_STEPS = 20
MAX_SENTENCE = 280  # characters of a presenter's sentence
MAX_PARAM = 16_000  # characters of the parameter read
MAX_STEP_BYTES = 262_144  # a step's JSON once inflated (a deflate bomb stops here)
# what a step's view keeps: the rest of a View (presentation, embed, Explore's search, the
# claim audit's filters, the story itself) does not belong to a step
_DROPPED = {"present": False, "slide": 1, "chart": None, "q": "", "status": (), "topic": ()}


@dataclass(frozen=True)
class Step:
    view: View  # the view the figure was added from (the link back)
    figure: str
    text: str = ""  # the presenter's own sentence; "" = the suggested one

    @property
    def own(self) -> bool:
        return bool(self.text)


def step(view: View, figure: str, text: str = "", answers: bool = False) -> Step:
    """A step from the current view: its figure and sentence (stripped, cut to MAX_SENTENCE);
    Benchmark yourself's answers only when the presenter opted in."""
    kept = view.with_(
        **_DROPPED,
        story="",
        figure=figure if view.page == "explore" else None,  # Explore opens on its figure
        answers=view.answers if answers else "",
    )
    return Step(kept, figure, " ".join(text.split())[:MAX_SENTENCE])


def encode(steps: list[Step] | tuple[Step, ...]) -> str:
    """The `story` parameter of these steps ('' for none)."""
    if not steps:
        return ""
    return ".".join([VERSION, *(_token(s) for s in steps[:MAX_STEPS])])


def _token(s: Step) -> str:
    return pack([s.view.path(), s.figure] + ([s.text] if s.text else []))


def pack(items: list[str]) -> str:
    """One step's token from its JSON items (tests build hostile tokens with it)."""
    raw = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(raw) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(param: str, vocab: Vocabulary) -> tuple[list[Step], list[Notice]]:
    """The steps a `story` parameter names that can be opened, and a Notice for each thing
    left out (never an exception)."""
    notices: list[Notice] = []
    param = str(param or "")
    if not param.strip():
        return [], notices
    version, _, rest = param.partition(".")
    if version != VERSION:
        notices.append(Notice("story", version[:40], key="story_version"))
        return [], notices
    tokens = rest.split(".") if rest else []
    if len(tokens) > MAX_STEPS:
        notices.append(Notice("story", str(len(tokens)), key="story_too_many", limit=MAX_STEPS))
        tokens = tokens[:MAX_STEPS]
    if sum(map(len, tokens)) + len(tokens) > MAX_PARAM:
        notices.append(Notice("story", "", key="story_too_long", limit=MAX_PARAM))
        tokens = ".".join(tokens)[:MAX_PARAM].split(".")
    steps = []
    for number, token in enumerate(tokens, start=1):
        found = _step(token, number, vocab, notices)
        if found is not None:
            steps.append(found)
    return steps, notices


def check(param: str, vocab: Vocabulary) -> None:
    """The command line's strict reading: ViewError naming the first thing left out."""
    notices = decode(param, vocab)[1]
    if notices:
        n = notices[0]
        said = i18n.t(n.key, "en", param=n.param, value=repr(n.value[:80]), step=n.step,
                      limit=n.limit)  # fmt: skip
        raise ViewError(said)


def _step(token: str, number: int, vocab: Vocabulary, notices: list[Notice]) -> Step | None:
    items = _items(token)
    if items is None:
        notices.append(Notice("story", token, key="story_unreadable", step=number))
        return None
    path, figure, *text = items
    if figure not in vocab.figures:
        notices.append(Notice("figure", figure, key="story_step_value", step=number))
        return None
    sentence = text[0] if text else ""
    if len(sentence) > MAX_SENTENCE:
        notices.append(Notice("story", "", key="story_text_cut", step=number, limit=MAX_SENTENCE))
    parts = urlsplit(path)
    page = parts.path.strip("/") or "overview"
    found, problems = parse(parse_qs(parts.query, keep_blank_values=True), vocab, page=page)
    notices += [replace(p, key="story_step_value", step=number) for p in problems]
    if found.dataset and not DATASET_ID.fullmatch(found.dataset):
        found = found.with_(dataset="", answer=())
    return step(found, figure, sentence, answers=found.page == "benchmark")


def _items(token: str) -> list[str] | None:
    """[path, figure] or [path, figure, sentence] from a token, or None when it is not one."""
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        unpacker = zlib.decompressobj(-15)
        raw = unpacker.decompress(packed, MAX_STEP_BYTES)
        if unpacker.unconsumed_tail or unpacker.unused_data or not unpacker.eof:
            return None
        items = json.loads(raw.decode())
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(items, list) or not 2 <= len(items) <= 3:
        return None
    if not all(isinstance(i, str) for i in items):
        return None
    return items


# --- editing (each returns a new tuple of steps) --------------------------------------------


def moved(steps: list[Step], index: int, by: int) -> list[Step]:
    """The steps with step `index` moved `by` places (kept within the story)."""
    out = list(steps)
    to = min(max(index + by, 0), len(out) - 1)
    out.insert(to, out.pop(index))
    return out


def removed(steps: list[Step], index: int) -> list[Step]:
    return [s for i, s in enumerate(steps) if i != index]


def retold(steps: list[Step], index: int, text: str) -> list[Step]:
    """Step `index` with a new sentence ('' goes back to the suggested one)."""
    out = list(steps)
    out[index] = replace(out[index], text=" ".join(text.split())[:MAX_SENTENCE])
    return out
