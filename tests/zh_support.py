"""Checking 繁體中文 text for English left untranslated (shared by the tests).

`latin_sentences(text)` returns the Latin-only sentences of a text: runs of Latin words between
Chinese characters that read as prose ("Values by tier", "HKACE survey wave"), not a name
("Zendesk", "Hong Kong"), a code (`apac_first_response_hours.champion`, `base_n`, `pct_of`), a
file name, a link or a number ("N=62", "(2.4 - 1.7) / 2.4"). What a text quotes ("…", 「…」,
《…》) is the document's own wording and is left out: the HK survey prints its labels in English.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|\"[^\"]*\"|《[^》]*》|‘[^’]*’")
_CODE = re.compile(
    r"https?://\S+"  # links
    r"|\S+\.(?:txt|csv|py|sql|pdf|pptx|duckdb)\b"  # file names
    r"|`[^`]*`"  # code spans
    r"|[\w.=-]*_[\w.=-]*"  # identifiers: value ids, column names, codes with an underscore
)
_BREAK = re.compile(r"[\n.;:!?|·—]\s|[\n;|·—]")  # English sentence ends and separators
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def has_cjk(text: str) -> bool:
    """Whether `text` holds any Chinese character."""
    return bool(re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text))


def _is_prose(run: str) -> bool:
    """Two or more words, one of them a lowercase word of two letters or more ("by", "the",
    "example"): a sentence, where a name or an acronym ("APAC SMB CX", "Hong Kong") is not."""
    words = _WORD.findall(run)
    return len(words) >= 2 and any(len(w) >= 2 and w == w.lower() for w in words)


def latin_sentences(text: str) -> list[str]:
    """The Latin-only sentences of `text` (see the module's docstring), stripped."""
    text = _CODE.sub(" ", _QUOTED.sub(" ", text or ""))
    out = []
    for chunk in CJK.split(text):
        for run in _BREAK.split(chunk):
            if _is_prose(run):
                out.append(run.strip(" ,.()[]-–"))
    return out
