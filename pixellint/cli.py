"""Command line: parse options, call the api, pick a formatter, set the exit code. No logic."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pixellint import __version__

if TYPE_CHECKING:
    from pixellint.progress import TerminalProgress
    from pixellint.result import Result

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


class ConfigProblem(click.ClickException):
    exit_code = EXIT_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pixellint")
def cli() -> None:
    """Find tracking code (Meta Pixel, Google, TikTok, session replay, tag managers) that reaches
    pages marked sensitive, from the site's source: templates, built HTML and scripts."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of stdout.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: nearest pixellint.toml, .pixellint.toml or pyproject.toml [tool.pixellint]).",
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--all-pages",
    is_flag=True,
    help="Treat every scanned file as sensitive: an audit of the whole site.",
)
@click.option(
    "--root",
    "root_opt",
    type=click.Path(path_type=Path),
    help="Directory that paths in reports are relative to (default: the git top level). Globs stay relative to their config.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (NO_COLOR and FORCE_COLOR are honoured).",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Also list note-level diagnostics in text output."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default="warning",
    show_default=True,
    help="Exit 1 when anything at or above this level is reported: violations are errors; "
    "warnings are what could not be judged (nothing marked, a file that may hold a tracker "
    "but could not be scanned, a dead setting or suppression).",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when violations are found (--fail-on never)."
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply config excludes to files named on the command line too (for pre-commit).",
)
@click.option(
    "--sarif-category",
    default="",
    help="Write run.automationDetails.id for code scanning categories.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Processes to use; 0 (default) means one per CPU.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="PIXELLINT_NO_CACHE",
    help="Do not read or write the cache (off by default when CI is set).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="PIXELLINT_CACHE_DIR",
    help="Cache directory (default: .pixellint_cache in the project root).",
)
def check(
    paths: tuple[Path, ...],
    format_: str,
    output: Path | None,
    config_path: Path | None,
    isolated: bool,
    all_pages: bool,
    root_opt: Path | None,
    color: str,
    verbose: bool,
    fail_on: str,
    exit_zero: bool,
    force_exclude: bool,
    sarif_category: str,
    jobs: int,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Scan PATHS (default: the current directory) and report trackers on sensitive pages."""
    from pixellint import api
    from pixellint.config import ConfigError
    from pixellint.report import formatter

    targets = list(paths) or [Path(".")]
    for target in targets:
        if not target.exists() and not target.is_symlink():
            raise click.BadParameter(f"{target} does not exist", param_hint="PATHS")
    if config_path is not None and not config_path.is_file():
        raise ConfigProblem(f"{config_path}: config file not found")
    use_cache = not no_cache and (cache_dir is not None or not os.environ.get("CI"))
    progress = _progress()
    try:
        result = api.run(
            targets,
            root=root_opt,
            config_file=config_path,
            isolated=isolated,
            all_pages=all_pages,
            jobs=jobs or os.cpu_count() or 1,
            cache_dir=cache_dir if use_cache else None,
            cache=use_cache,
            force_exclude=force_exclude,
            progress=progress,
        )
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    except Exception as exc:
        if format_ == "sarif":
            import json

            from pixellint.report.sarif import log

            _write(
                json.dumps(
                    log(None, category=sarif_category, error=f"internal error: {exc!r}"), indent=2
                )
                + "\n",
                output,
            )
        click.echo(
            f"pixellint: internal error: {exc!r}. Please report it with the file that caused it.",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    finally:
        if progress is not None:
            progress.close()
    options: dict[str, Any] = {
        "color": _use_color(color) and output is None,
        "verbose": verbose,
        "category": sarif_category,
    }
    _write(formatter(format_)(result, **options), output)
    if result.failed:
        click.echo(
            "pixellint: internal error on some files (PXL905); the report may be incomplete.",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    sys.exit(exit_code(result, "never" if exit_zero else fail_on))


def _progress() -> TerminalProgress | None:
    """A progress line for long scans, on stderr when it is a terminal (never in CI logs, never
    in a report); PIXELLINT_NO_PROGRESS turns it off."""
    if not sys.stderr.isatty() or os.environ.get("PIXELLINT_NO_PROGRESS"):
        return None
    from pixellint.progress import TerminalProgress

    return TerminalProgress(sys.stderr)


def exit_code(result: Result, fail_on: str) -> int:
    """1 when anything at or above the `fail_on` level was reported (violations are errors)."""
    from pixellint.result import LEVELS
    from pixellint.rules import RULES, level_of

    if fail_on == "never":
        return EXIT_CLEAN
    levels = [LEVELS[RULES[f.rule].level] for f in result.findings]
    levels += [LEVELS[level_of(d)] for d in result.diagnostics]
    return EXIT_VIOLATIONS if max(levels, default=0) >= LEVELS[fail_on] else EXIT_CLEAN


@cli.command()
@click.option(
    "--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def trackers(format_: str) -> None:
    """List the tracker catalog: id, vendor, category and what is matched."""
    import json

    from pixellint.catalog import load

    catalog = load()
    if format_ == "json":
        rows = [
            {"id": t.id, "name": t.name, "vendor": t.vendor, "category": t.category, "docs": t.docs,
             "loaders": list(t.loaders), "beacons": list(t.beacons), "calls": list(t.calls),
             "globals": list(t.globals), "ids": [p.pattern for p in t.ids],
             "opaque": t.opaque, "self_hosted": t.self_hosted}
            for t in catalog.trackers
        ]  # fmt: skip
        click.echo(json.dumps(rows, indent=2))
        return
    for t in catalog.trackers:
        matched = ", ".join([*t.loaders[:2], *t.calls[:3], *t.globals[:1]])
        flag = " (self-hosted: not reported by default)" if t.self_hosted else ""
        click.echo(f"{t.id:28} {t.vendor:24} {t.category:21} {matched}{flag}")
    click.echo(f"{len(catalog.trackers)} trackers")


@cli.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the rules, or explain one (by code or name)."""
    from pixellint.rules import RULES

    if code is None:
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.name:32} {rule.level:8} {rule.summary}")
        return
    for rule in RULES.values():
        if code in (rule.code, rule.name):
            click.echo(
                f"{rule.code} {rule.name} ({rule.level})\n\n{rule.summary}\n\n{rule.explanation}"
            )
            return
    raise click.BadParameter(f"no rule {code!r}; `pixellint rules` lists them", param_hint="CODE")


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False, color=True)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigProblem(f"cannot write {output}: {exc.strerror}") from exc


def main() -> None:
    """Entry point: click's own error exits (usage 2, ClickException 1, Abort 1) all become 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a crash must never exit 1, which means "violations"
        click.echo(f"pixellint: internal error: {exc!r}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN)
