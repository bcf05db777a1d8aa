"""GitHub issue forms, written from the content so their dropdowns list the real barriers and places.

`python -m generator forms` rewrites `.github/ISSUE_TEMPLATE/`; a test fails when the committed forms
differ from what the command would write now, so adding a barrier or a place means running it again.
Field descriptions come from the content model, links from mkdocs.yml (`site_url`, `repo_url`).

The approach in "Report a use" is a text input, not a dropdown: the site pre-fills it from an
approach's page (`?template=report-a-use.yml&approach=<title>`), and GitHub shows a blank issue
instead of the form when a URL pre-fills a dropdown; for that reason a place's page pre-fills the
issue's title with the place, not the place dropdown (render/entries.py, PageExtras.report_use_url).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.commands.scaffold import entry_titles
from generator.content.model import APPROACH, APPROACH_TYPE_LABELS, BARRIER, PLACE, PLACE_USE, THEMES, Field, Kind
from generator.content.problems import Problem

FORMS_DIR = Path(".github/ISSUE_TEMPLATE")
REPORT_A_USE = "report-a-use.yml"
ANOTHER_PLACE = "Another place (name it below)"
DEFAULT_BRANCH = "main"
HEADER = ("# Written by `python -m generator forms` from the content and mkdocs.yml; do not edit by hand.\n"
          "# To change it, edit generator/commands/forms.py and run the command again.\n")


class SiteConfigError(Exception):
    """mkdocs.yml is missing or lacks an address the forms link to."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class SiteLinks:
    site_url: str  # ends with '/'
    repo_url: str  # no trailing '/'

    @property
    def contributing(self) -> str:
        return f"{self.site_url}contributing/"

    def new_file(self, kind: Kind) -> str:
        """GitHub's web editor, opened on a new file in the kind's folder."""
        return f"{self.repo_url}/new/{DEFAULT_BRANCH}/{kind.folder}"


def site_links(root: Path) -> SiteLinks:
    """The site's and the repository's addresses, read from mkdocs.yml as MkDocs reads it."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    path = root / "mkdocs.yml"
    if not path.is_file():
        raise SiteConfigError(Problem("mkdocs.yml", 1, "file", f"not found in {root}; the forms link to the "
                                                               "site and repository it names"))
    try:
        with path.open(encoding="utf-8") as file:
            config = yaml_load(file)
    except ConfigurationError as error:
        raise SiteConfigError(Problem("mkdocs.yml", 1, "file", str(error))) from None
    values = {}
    for key in ("site_url", "repo_url"):
        value = config.get(key)
        if not isinstance(value, str) or not value.startswith(("https://", "http://")):
            raise SiteConfigError(Problem("mkdocs.yml", 1, key, "must be the site's http(s) address; the issue "
                                                                "forms link to it"))
        values[key] = value
    return SiteLinks(values["site_url"].rstrip("/") + "/", values["repo_url"].rstrip("/"))


def form_texts(root: Path) -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ -> YAML text, for every form and the chooser's config."""
    links = site_links(root)
    titles = _titles_by_kind(root)
    forms = {
        "suggest-an-approach.yml": _suggest_an_approach(links, titles[BARRIER.name]),
        REPORT_A_USE: _report_a_use(links, titles[PLACE.name]),
        "report-a-correction.yml": _report_a_correction(links),
        "config.yml": {
            "blank_issues_enabled": True,
            "contact_links": [{
                "name": "Add or change an entry yourself",
                "url": links.contributing,
                "about": "The contributing guide: write an entry in GitHub's web editor or on your own computer.",
            }],
        },
    }
    return {name: HEADER + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=110)
            for name, form in forms.items()}


def write_forms(root: Path) -> list[Path]:
    """Write every form; returns the paths written."""
    texts = form_texts(root)  # first: a problem with mkdocs.yml must leave nothing half-written
    folder = root / FORMS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def dropdown_labels(entries: list[tuple[str, str]]) -> list[str]:
    """One option per entry: its title, with the slug added where two entries share a title."""
    counts = Counter(title for _, title in entries)
    return [title if counts[title] == 1 else f"{title} ({slug})" for slug, title in entries]


def _titles_by_kind(root: Path) -> dict[str, list[tuple[str, str]]]:
    """(slug, title) of every entry by kind, in the order readers see them: by title."""
    return {kind: sorted(items, key=lambda item: (item[1].casefold(), item[0]))
            for kind, items in entry_titles(root).items()}


# ----------------------------------------------------------------------------------------------
# The forms. Labels are what a contributor reads; descriptions come from the content model where
# the form asks for a field the model defines, so the two say the same thing.


def _about(field: Field) -> str:
    return field.description[:1].upper() + field.description[1:] + "."


def _markdown(text: str) -> dict:
    return {"type": "markdown", "attributes": {"value": text}}


def _input(id_: str, label: str, description: str = "", required: bool = False, placeholder: str = "") -> dict:
    return _element("input", id_, label, description, required, placeholder=placeholder)


def _textarea(id_: str, label: str, description: str = "", required: bool = False) -> dict:
    return _element("textarea", id_, label, description, required)


def _dropdown(id_: str, label: str, description: str, options: list[str], multiple: bool,
              required: bool = False) -> dict:
    return _element("dropdown", id_, label, description, required, multiple=multiple, options=options)


def _element(type_: str, id_: str, label: str, description: str, required: bool, **attributes) -> dict:
    """A form element; empty attributes are left out, because GitHub rejects empty strings."""
    attributes = {"label": label, "description": description, **attributes}
    return {"type": type_, "id": id_, "attributes": {k: v for k, v in attributes.items() if v != ""},
            "validations": {"required": required}}


def _suggest_an_approach(links: SiteLinks, barriers: list[tuple[str, str]]) -> dict:
    field = APPROACH.field
    return {
        "name": "Suggest an approach",
        "description": "Propose a systems leadership approach that the site does not have yet.",
        "title": "Approach: ",
        "labels": ["new approach"],
        "body": [
            _markdown("Thank you. Every approach on the site names who devised it and cites the original work, "
                      "so please give a source we can check. Would you rather write the entry yourself? "
                      f"[Add a file to approaches/]({links.new_file(APPROACH)}) or read the "
                      f"[contributing guide]({links.contributing})."),
            _input("title", "Name of the approach", required=True, placeholder=f"e.g. {field('title').example}"),
            _input("originator", "Who devised it", required=True, placeholder=f"e.g. {field('originator').example}"),
            _input("year", "Year first published", placeholder=f"e.g. {field('year').example}"),
            _textarea("summary", "What is it, in one sentence?", _about(field("summary")), required=True),
            _dropdown("type", "What kind of approach is it?", _about(field("type")),
                      list(APPROACH_TYPE_LABELS.values()), multiple=False, required=True),
            _textarea("running", "How do you run it with a group?", "Who takes part and how many, how long it "
                      "takes, and the main steps (for a model: an exercise for a group; for a programme: its "
                      "first working session and how long the whole takes)."),
            _dropdown("themes", "Themes", "Choose one to three.", [theme.title for theme in THEMES], multiple=True),
            _dropdown("barriers", "Barriers it helps with", "Choose every barrier the approach helps partners "
                      "get past.", dropdown_labels(barriers), multiple=True),
            _textarea("sources", "Sources", _about(field("sources")) + " Give titles, authors and web addresses.",
                      required=True),
            _textarea("uses", "Where has it been used?", "Places or people that a public source documents using "
                      "it, with the source. Leave empty if you know of none."),
        ],
    }


def _report_a_use(links: SiteLinks, places: list[tuple[str, str]]) -> dict:
    field = PLACE_USE.field
    return {
        "name": "Report a use of an approach",
        "description": "Tell us where an approach was used, with the public source that documents it.",
        "title": "Use: ",
        "labels": ["use in a place"],
        "body": [
            _markdown("We add a use only when a public source documents it, so please include the source. See the "
                      f"[contributing guide]({links.contributing}) for what we can accept."),
            _input("approach", "Approach", "The approach's name as it appears on the site.", required=True),
            _dropdown("place", "Place", "The place where it was used.",
                      [*dropdown_labels(places), ANOTHER_PLACE], multiple=False, required=True),
            _input("new_place", "Place not in the list", f"If you chose '{ANOTHER_PLACE}': the place's name."),
            _input("enabler", "Enabler or practitioner", _about(field("enabler"))),
            _input("year", "Year", _about(field("year"))),
            _input("source", "Source", _about(field("source")) + " Give its title and web address.", required=True,
                   placeholder="Title of the report, https://…"),
            _input("note", "What was done there", "One line is enough."),
        ],
    }


def _report_a_correction(links: SiteLinks) -> dict:
    return {
        "name": "Report a correction",
        "description": "Something on the site is wrong, out of date or missing its source.",
        "title": "Correction: ",
        "labels": ["correction"],
        "body": [
            _markdown("Thank you for helping keep the site accurate. You can also fix it yourself: every page has "
                      f"an edit link, and the [contributing guide]({links.contributing}) explains the rest."),
            _input("page", "Page", "The address or title of the page with the mistake.", required=True),
            _textarea("problem", "What is wrong", "Quote or describe the part that is wrong.", required=True),
            _textarea("correction", "What it should say", "The corrected fact or wording."),
            _input("source", "Source", "Where the correct fact is documented: a title and web address."),
        ],
    }
