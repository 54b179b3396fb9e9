"""The ``privacy-registry`` command line. It only parses; commands do the work."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import __version__
from generator.project import CONFIG_NAME, Project, find_root, no_project
from generator.reporters import FORMATS

ROOT_HELP = (f"the project folder holding {CONFIG_NAME} and vendors/ "
             f"(default: the nearest folder at or above this one that holds {CONFIG_NAME})")


def _project(root: Path | None) -> Project:
    """``--root`` as given, else the project found by walking up from here, else here."""
    if root is not None:
        return Project(root.resolve())
    return Project(find_root(Path.cwd()) or Path.cwd().resolve())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privacy-registry",
        description="Validate the vendor registry and build the patron privacy site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", type=Path, default=None, help=ROOT_HELP)
    # Options every command takes, accepted before or after the command's name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=ROOT_HELP)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", parents=[common], help="validate vendors, vocabulary and policy front matter")
    check.add_argument("--format", choices=FORMATS, default="text")

    build = sub.add_parser("build", parents=[common],
                           help="validate, then build the site atomically (mkdocs build --strict)")
    build.add_argument("--format", choices=FORMATS, default="text")
    build.add_argument("--site-dir", type=Path, default=None, help="where to build (default: site/)")
    build.add_argument("--site-url", default=None,
                       help="build for this address instead of site_url in mkdocs.yml "
                            "(same as setting PRIVACY_REGISTRY_SITE_URL)")
    build.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs",
                       help="the site generator: MkDocs 1.6 or ProperDocs, its maintained continuation "
                            "(default: mkdocs)")

    export = sub.add_parser("export", parents=[common],
                            help="write the site's pages, feed and downloads as ordinary files, with an "
                                 "mkdocs.yml that needs no plugin of ours, for any Markdown site generator")
    export.add_argument("dest", type=Path, metavar="DIR", help="the folder to write (new, empty, or an earlier export)")
    export.add_argument("--format", choices=FORMATS, default="text")
    export.add_argument("--site-url", default=None,
                        help="export for this address instead of site_url in mkdocs.yml "
                             "(same as setting PRIVACY_REGISTRY_SITE_URL)")

    diff = sub.add_parser("diff", parents=[common],
                          help="flag vendors whose recorded data collection changed since a git ref")
    diff.add_argument("--base", required=True, metavar="REF",
                      help="the git ref to compare the working tree with, e.g. origin/main "
                           "(compared from where the branch left it: the merge base of REF and HEAD)")
    diff.add_argument("--format", choices=("text", "markdown", "json", "github"), default="text")

    new = sub.add_parser("new", parents=[common],
                         help="scaffold vendors/<id>.yaml for a new service (never overwrites)")
    new.add_argument("name", help='the name patrons know the service by, e.g. "OverDrive"')

    init = sub.add_parser("init", help="write a complete, working site for a new library into DIR (never overwrites)")
    init.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder (new or empty)")
    init.add_argument("--name", required=True,
                      help='the library\'s name as patrons know it, e.g. "The Westport Library"')
    init.add_argument("--force", action="store_true",
                      help="write into a folder that is not empty (only missing files; nothing is overwritten)")

    publish = sub.add_parser("publish-config", parents=[common],
                             help="write the web server files (_headers, _redirects, nginx.conf) for site_url")
    publish.add_argument("--out", type=Path, default=None, help="where to write them (default: publish/)")

    linkcheck = sub.add_parser("linkcheck", parents=[common],
                               help="find broken links in the built site, or (--extern) at vendors' sites")
    linkcheck.add_argument("--format", choices=(*FORMATS, "markdown"), default="text",
                           help="markdown: a table for a job summary or a GitHub issue")
    linkcheck.add_argument("--extern", action="store_true",
                           help="check each vendor's website and privacy_policy address on the internet")
    linkcheck.add_argument("--site-dir", type=Path, default=None, help="the built site to check (default: site/)")
    linkcheck.add_argument("--site-url", default=None,
                           help="the address the site was built for, if not site_url in mkdocs.yml "
                                "(its path is where the site is served for the check)")
    linkcheck.add_argument("--timeout", type=float, default=15.0,
                           help="seconds to wait for each vendor address (--extern; default: 15)")

    watch = sub.add_parser("watch", parents=[common],
                           help="compare each vendor's privacy policy with the saved copy in snapshots/")
    watch.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    watch.add_argument("--vendor", action="append", default=None, metavar="ID",
                       help="only this vendor (its file name without .yaml); repeat for more")
    watch.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each page (default: 30)")
    watch.add_argument("--delay", type=float, default=2.0,
                       help="seconds between two requests to the same host (default: 2)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (0 clean, 1 problems, 2 usage)."""
    args = _parser().parse_args(argv)
    project = _project(args.root)
    if args.command != "init":  # every other command works on a project: say so plainly when there is none
        missing = no_project(project.root, given=args.root is not None)
        if missing is not None:
            sys.stderr.write(f"privacy-registry {args.command}: {missing}\n")
            if getattr(args, "format", "text") == "github":  # the workflow's log shows it as the step's error
                sys.stdout.write(f"::error title=privacy-registry {args.command}::{missing}\n")
            return 2
    if args.command == "check":
        from generator.commands import check

        return check.run(project, args.format)
    if args.command == "build":
        from generator.commands import build

        return build.run(project, args.format, site_dir=args.site_dir, site_url=args.site_url, engine=args.engine)
    if args.command == "export":
        from generator.commands import export

        return export.run(project, args.dest, args.format, site_url=args.site_url)
    if args.command == "diff":
        from generator.commands import diff

        return diff.run(project, args.base, args.format)
    if args.command == "new":
        from generator.commands import new

        return new.run(project, args.name)
    if args.command == "init":
        from generator.commands import init

        return init.run(args.dir, args.name, force=args.force)
    if args.command == "publish-config":
        from generator.commands import publish_config

        return publish_config.run(project, dest=args.out)
    if args.command == "linkcheck":
        from generator.commands import linkcheck

        return linkcheck.run(project, args.format, site_dir=args.site_dir, extern=args.extern, timeout=args.timeout,
                             site_url=args.site_url)
    if args.command == "watch":
        from generator.commands import watch

        return watch.run(project, args.format, only=args.vendor, timeout=args.timeout, delay=args.delay)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
