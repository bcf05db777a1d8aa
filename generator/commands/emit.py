"""Emit: write the whole site as a plain Markdown tree that builds without our plugin.

`python -m generator emit DIR` writes:

    DIR/mkdocs.yml   the project's mkdocs.yml, adjusted: docs_dir, site_dir and theme.custom_dir point
                     inside DIR; the knowledge-base plugin is removed (other plugins, theme, extensions
                     and nav are kept); every generated leaf page is listed in `not_in_nav`, as the
                     plugin would have marked it
    DIR/docs/        the hand-written docs/ pages and assets, plus every generated page (Markdown, and
                     the JSON, CSV and XML files that are copied as they are)
    DIR/overrides/   the theme's custom_dir

so MkDocs, ProperDocs, Zensical or any engine that reads Markdown can build the same site. One thing
cannot carry over: "Edit this page" on generated pages opens the real source only with the plugin.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.content.problems import Problem
from generator.pipeline import build_pages
from generator.render.entries import Page

PLUGIN_NAME = "knowledge-base"
MARKER = ".emitted-by-generator"  # lets a second emit replace the first, and nothing else
DOCS, OVERRIDES, SITE = "docs", "overrides", "site"
HEADER = ("# Written by `python -m generator emit` from the project's mkdocs.yml. It builds this folder\n"
          "# without the knowledge-base plugin: mkdocs build -f mkdocs.yml (or properdocs, or zensical).\n")


class EmitError(Exception):
    """The command cannot run as asked (unreadable config, unsafe output folder)."""


def emit(root: Path, out: Path, config_name: str = "mkdocs.yml") -> tuple[list[Page], list[Problem]]:
    """Write the tree to `out`. Returns the generated pages, or none and the content problems."""
    config = read_config(root / config_name)
    docs_dir = root / config.get("docs_dir", DOCS)
    _check_output_folder(out, docs_dir)
    pages, problems = build_pages(root, config.get("site_url"), markdown_packs=True)
    if problems:
        return [], problems
    clashes = [p.src_uri for p in pages if (docs_dir / p.src_uri).exists()]
    if clashes:
        raise EmitError(f"{docs_dir.name}/{clashes[0]} clashes with a generated page; remove or rename it")

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("This folder is replaced by each `python -m generator emit`.\n", encoding="utf-8")
    if docs_dir.is_dir():
        shutil.copytree(docs_dir, out / DOCS)
    for page in pages:
        target = out / DOCS / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8", newline="")  # keep CSV line ends as written
    custom_dir = _custom_dir(config)
    if custom_dir:
        shutil.copytree(root / custom_dir, out / OVERRIDES)
    (out / "mkdocs.yml").write_text(HEADER + _dump(plain_config(config, pages)), encoding="utf-8")
    return pages, []


def read_config(path: Path) -> dict:
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EmitError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise EmitError(f"cannot read {path}: {error}") from None
    if not isinstance(config, dict):
        raise EmitError(f"{path} is not a MkDocs configuration")
    return config


def plain_config(config: dict, pages: list[Page]) -> dict:
    """The configuration for the emitted tree: same site, no knowledge-base plugin."""
    plain = {**config, "docs_dir": DOCS, "site_dir": SITE}
    if _custom_dir(config):
        plain["theme"] = {**config["theme"], "custom_dir": OVERRIDES}
    plugins = config.get("plugins", [])
    if isinstance(plugins, dict):  # MkDocs accepts {name: options} as well as a list
        plain["plugins"] = {name: options for name, options in plugins.items() if name != PLUGIN_NAME}
    else:  # a list of names and {name: options}
        plain["plugins"] = [p for p in plugins if (p if isinstance(p, str) else next(iter(p))) != PLUGIN_NAME]
    leaves = [f"/{page.src_uri}" for page in pages if not page.in_nav and page.src_uri.endswith(".md")]
    plain["not_in_nav"] = "\n".join([*str(config.get("not_in_nav", "")).splitlines(), *leaves]) + "\n"
    return plain


def _custom_dir(config: dict) -> str | None:
    theme = config.get("theme")
    return theme.get("custom_dir") if isinstance(theme, dict) else None


def _check_output_folder(out: Path, docs_dir: Path) -> None:
    resolved = out.resolve()
    if resolved == docs_dir.resolve() or docs_dir.resolve() in resolved.parents:
        raise EmitError(f"{out} is inside {docs_dir}: the site would build its own copy; choose another folder")
    if resolved.exists() and not resolved.is_dir():
        raise EmitError(f"{out} is a file; choose a new or empty folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).is_file():
        raise EmitError(f"{out} is not empty and was not written by `generator emit`; choose a new or empty folder")


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings (not_in_nav) as readable `|` blocks."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _dump(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
