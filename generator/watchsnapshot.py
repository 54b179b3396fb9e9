"""``snapshots/<id>.md``: the library's saved copy of one vendor's policy text.

A small YAML header, then the readable text of each address the vendor is
watched at, each under a ``<!-- source: URL -->`` line::

    ---
    # Saved by `privacy-registry watch`; not published. Do not edit by hand.
    vendor: overdrive
    sources:
    - url: https://www.overdrive.com/policies/privacy-policy
      fetched: '2026-11-26'      # the last time watch read the page and compared it
      first_saved: '2026-11-26'  # when the library started keeping a copy of it
      changed: '2026-12-03'      # when watch last found its text changed (absent: never yet)
      sha256: 5d41...            # of the text below
    ---

    <!-- source: https://www.overdrive.com/policies/privacy-policy -->

    # Privacy policy
    ...

Dates are days (UTC), so a second run on the same day writes the same file.
The vendor page takes its "last compared" date from this header, never from
the clock, so a build from the same commit is always the same.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

SNAPSHOTS_DIR = "snapshots"
HEADER_COMMENT = "# Saved by `privacy-registry watch`; not published. Do not edit by hand."
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MARKER = "<!-- source: {url} -->"


@dataclass(frozen=True)
class Source:
    """One watched address and the text saved from it."""

    url: str
    fetched: str
    first_saved: str
    sha256: str
    text: str
    changed: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """One vendor's saved policy text, address by address."""

    vendor: str
    sources: tuple[Source, ...]

    def source(self, url: str) -> Source | None:
        """The saved text for ``url``, if any."""
        return next((s for s in self.sources if s.url == url), None)


class SnapshotError(ValueError):
    """A snapshot file that cannot be read (edited by hand, or cut short)."""


def path_for(folder: Path, vendor_id: str) -> Path:
    """Where a vendor's snapshot lives."""
    return folder / f"{vendor_id}.md"


def parse(text: str, name: str = "snapshot") -> Snapshot:
    """Read a snapshot file's text; :class:`SnapshotError` names what is wrong."""
    match = _FRONT.match(text.replace("\r\n", "\n"))
    if match is None:
        raise SnapshotError(f"{name}: no '---' header; delete the file and run watch again to save a new copy")
    try:
        header = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise SnapshotError(f"{name}: the header is not valid YAML ({exc})") from None
    if not isinstance(header, dict) or not isinstance(header.get("vendor"), str):
        raise SnapshotError(f"{name}: the header has no vendor id")
    entries = header.get("sources")
    if not isinstance(entries, list):
        raise SnapshotError(f"{name}: the header has no list of sources")
    body = text.replace("\r\n", "\n")[match.end():]
    markers = [_MARKER.format(url=e.get("url")) if isinstance(e, dict) else "" for e in entries]
    sources = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in
                                                  ("url", "fetched", "first_saved", "sha256")):
            raise SnapshotError(f"{name}: sources[{i}] needs url, fetched, first_saved and sha256")
        start = body.find(markers[i] + "\n")
        if start < 0:
            raise SnapshotError(f"{name}: no text for {entry['url']} (the line {markers[i]} is missing)")
        start += len(markers[i]) + 1
        ends = [body.find("\n" + m + "\n", start) for m in markers[i + 1:]]
        end = min([e for e in ends if e >= 0], default=len(body))
        changed = entry.get("changed")
        sources.append(Source(entry["url"], str(entry["fetched"]), str(entry["first_saved"]), entry["sha256"],
                              body[start:end].strip("\n") + "\n", str(changed) if changed else None))
    return Snapshot(header["vendor"], tuple(sources))


def render(snapshot: Snapshot) -> str:
    """The file text of a snapshot."""
    entries = []
    for s in snapshot.sources:
        entry = {"url": s.url, "fetched": s.fetched, "first_saved": s.first_saved}
        if s.changed:
            entry["changed"] = s.changed
        entry["sha256"] = s.sha256
        entries.append(entry)
    header = yaml.safe_dump({"vendor": snapshot.vendor, "sources": entries}, sort_keys=False, allow_unicode=True,
                            width=1000)
    parts = [f"---\n{HEADER_COMMENT}\n{header}---\n"]
    for s in snapshot.sources:
        parts.append(f"\n{_MARKER.format(url=s.url)}\n\n{s.text.strip()}\n")
    return "".join(parts)


def read(folder: Path, vendor_id: str) -> Snapshot | None:
    """A vendor's snapshot, or None when the library has no copy yet."""
    path = path_for(folder, vendor_id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return parse(text, path.name)


def write(folder: Path, snapshot: Snapshot) -> Path:
    """Write a snapshot atomically (a crash never leaves half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = path_for(folder, snapshot.vendor)
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{snapshot.vendor}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(render(snapshot))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

