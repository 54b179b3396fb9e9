"""Regenerate the README screenshots in docs-assets/ (``make screenshots``).

Builds the site into a temporary folder, serves it on 127.0.0.1, and takes
1280x900 screenshots of the home page, the chart and a vendor page with
Debian's Chromium through Playwright. With Pillow installed the PNGs are
reduced to a 256-colour palette, which keeps them small in the repository.
Also ``--pdf PAGE`` prints a page to PDF the way a board packet would be.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = {"home.png": "", "chart.png": "services/", "vendor.png": "services/overdrive/"}
VIEWPORT = {"width": 1280, "height": 900}
# The example sites in examples/: the home page of each, as docs-assets/example-<name>.png.
EXAMPLES = ("westport", "westchester-public-library", "wvls")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 on a free port; stops when the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(site: Path, root: Path = ROOT) -> None:
    """Build the real site (or the project at ``root``) with ``privacy-registry build``."""
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", str(site)],
                   cwd=ROOT, check=True)


def examples(out: Path, tmp: Path, browser: object) -> None:
    """Photograph the home page of each example site."""
    page = browser.new_page(viewport=VIEWPORT)  # type: ignore[attr-defined]
    for name in EXAMPLES:
        site = tmp / f"example-{name}"
        build(site, ROOT / "examples" / name)
        with serve(site) as base:
            page.goto(base, wait_until="load")
            target = out / f"example-{name}.png"
            page.screenshot(path=str(target))
            optimise(target)
            print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


def optimise(png: Path) -> None:
    """Re-save ``png`` with a 256-colour palette when Pillow is installed."""
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed; keeping the PNGs as Chromium wrote them")
        return
    with Image.open(png) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    """Build, serve and photograph the site."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs-assets", help="where the PNGs go")
    parser.add_argument("--site", type=Path, default=None, help="an already built site (default: build one)")
    parser.add_argument("--pdf", action="append", default=[], metavar="PAGE",
                        help="also print this page (e.g. services/) to OUT/<name>.pdf")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        args.out.mkdir(parents=True, exist_ok=True)
        with serve(site) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            examples(args.out, Path(tmp), browser)
            page = browser.new_page(viewport=VIEWPORT)
            for name, path in SHOTS.items():
                page.goto(base + path, wait_until="load")
                target = args.out / name
                page.screenshot(path=str(target))
                optimise(target)
                print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")
            for path in args.pdf:
                page.goto(base + path, wait_until="load")
                page.emulate_media(media="print")
                target = args.out / ((path.strip("/").replace("/", "-") or "home") + ".pdf")
                page.pdf(path=str(target), format="Letter", print_background=True, prefer_css_page_size=True)
                page.emulate_media(media="screen")
                print(f"wrote {target}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
