"""Where a user's own data lives, outside the repository and outside data/ (so the published
database and its build never see it): a folder per item under a root named by an environment
variable, each holding its Parquet files and a JSON description (`marker`).

An item is written whole into a hidden temporary folder beside its final place and renamed at
the end, so a folder that is listed is complete; a hidden folder is never listed. An upload of
one session is kept outside the root (`keep_private`): listed for nobody, opened by id only
through the registry of this process, which the app shell guards per session."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class Shelf:
    env: str  # the environment variable naming the root
    default: str  # the root's folder under the home directory when the variable is unset
    marker: str  # the JSON file that describes an item (its presence means complete)
    what: str  # the item in messages: "dataset", "ticket log"
    command: str  # the command that lists them, for messages
    private: dict[str, Path] = field(default_factory=dict, compare=False, repr=False)

    def root(self) -> Path:
        """The root, read at each call (tests and the app may point it elsewhere)."""
        return Path(os.environ.get(self.env) or Path.home() / self.default)

    def folder(self, item_id: str) -> Path:
        """The folder of an item: an upload of this process or the root's; ValueError when
        there is none."""
        if not _ID.fullmatch(item_id):
            raise ValueError(f"{item_id!r} is not a {self.what} id (see `{self.command}`)")
        found = self.private.get(item_id) or self.root() / item_id
        if not (found / self.marker).is_file():
            raise ValueError(f"no {self.what} {item_id!r} in {self.root()} (see `{self.command}`)")
        return found

    def keep_private(self, folder: Path) -> str:
        """Register an upload's folder (outside the root, so never listed); its id."""
        item_id = json.loads((folder / self.marker).read_text(encoding="utf-8"))["id"]
        self.private[item_id] = folder
        return item_id

    def write(self, meta: dict, fill: Callable[[Path], None], base: Path | None = None) -> Path:
        """Write an item whole: `fill` writes its files into a hidden temporary folder, the
        description goes in last, and the folder is renamed into place (under `base`,
        default the root)."""
        base = base or self.root()
        base.mkdir(parents=True, exist_ok=True)
        tmp = base / f".tmp-{meta['id']}"
        try:
            tmp.mkdir()
            fill(tmp)
            text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
            (tmp / self.marker).write_text(text, encoding="utf-8")
            tmp.rename(base / meta["id"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return base / meta["id"]

    def listed(self, newest: str = "imported_at") -> list[dict]:
        """The description of every complete item under the root, newest first."""
        base = self.root()
        if not base.is_dir():
            return []
        found = [
            json.loads((p / self.marker).read_text(encoding="utf-8"))
            for p in base.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / self.marker).is_file()
        ]
        return sorted(found, key=lambda m: m[newest], reverse=True)

    def meta(self, item_id: str) -> dict:
        return json.loads((self.folder(item_id) / self.marker).read_text(encoding="utf-8"))

    def delete(self, item_id: str) -> None:
        shutil.rmtree(self.folder(item_id))
        self.private.pop(item_id, None)


def new_id(name: str, fallback: str) -> str:
    """A folder-safe id: the name in lowercase letters, digits and dashes, and 8 hex digits."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or fallback
    return f"{slug}-{uuid.uuid4().hex[:8]}"
