"""Render: turn the linked collection into Markdown pages (site path -> content).

Pages are plain Markdown with cross-links written as relative `.md` links, so MkDocs checks
every link in strict mode and any Markdown site engine can build the same tree. Every string
that comes from front matter passes through `md_text` or `md_url`: contributed text is shown,
never interpreted as Markdown or HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

import yaml

from .link import Collection, Use
from .load import Entry
from .model import APPROACH, BARRIER, PLACE, REGIONS, THEMES

CONTRIBUTING_URL = "../contributing.md"
_MD_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


@dataclass(frozen=True)
class Page:
    """One page of the site. `source_path` is the real file behind it, for "Edit this page"."""

    src_uri: str
    content: str
    source_path: str | None = None
    in_nav: bool = False


def md_text(value) -> str:
    """Inline-safe Markdown for a contributed string: shown literally, never as markup."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False).replace("|", "&#124;")
    return _MD_ESCAPE_RE.sub(r"\\\1", text)


def md_url(url: str) -> str:
    """A URL that cannot break out of Markdown link syntax."""
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~[]")


def _front_matter(**values) -> str:
    clean = {k: v for k, v in values.items() if v is not None}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def _href(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def entry_uri(entry: Entry) -> str:
    return f"{entry.kind.folder}/{entry.slug}.md"


def theme_uri(slug: str) -> str:
    return f"themes/{slug}.md"


def _link(from_uri: str, entry: Entry) -> str:
    return f"[{md_text(entry.fields.get('title', entry.slug))}]({_href(from_uri, entry_uri(entry))})"


def _title(entry: Entry) -> str:
    return str(entry.fields.get("title", entry.slug))


def _summary(entry: Entry) -> str:
    return str(entry.fields.get("summary", ""))


def _range_text(value, unit: str) -> str | None:
    if not isinstance(value, dict):
        return None
    low, high = value.get("min"), value.get("max")
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def _duration_text(value) -> str | None:
    if not isinstance(value, dict):
        return None

    def words(minutes: int) -> str:
        if minutes < 120:
            return f"{minutes} minutes"
        if minutes % 60 == 0 and minutes < 60 * 24:
            return f"{minutes // 60} hours"
        if minutes >= 60 * 24 and minutes % (60 * 24) == 0:
            days = minutes // (60 * 24)
            return f"{days} day{'s' if days > 1 else ''}"
        return f"{minutes / 60:.1f} hours"

    low, high = value.get("min"), value.get("max")
    return words(low) if low == high else f"{words(low)} to {words(high)}"


def _source_line(source: dict) -> str:
    parts = []
    if source.get("author"):
        parts.append(md_text(source["author"]))
    if source.get("year"):
        parts.append(f"({md_text(source['year'])})")
    title = source.get("title")
    if title and source.get("url"):
        parts.append(f"[*{md_text(title)}*]({md_url(source['url'])})")
    elif title:
        parts.append(f"*{md_text(title)}*")
    elif source.get("url"):
        parts.append(f"<{md_url(source['url'])}>")
    if source.get("publisher"):
        parts.append(md_text(source["publisher"]))
    return " ".join(parts)


def _sources_section(entry: Entry) -> list[str]:
    sources = [s for s in entry.fields.get("sources") or [] if isinstance(s, dict)]
    if not sources:
        return []
    return ["## Sources", "", *[f"- {_source_line(s)}" for s in sources], ""]


def _facts(rows: list[tuple[str, str | None]]) -> list[str]:
    shown = [(label, value) for label, value in rows if value]
    if not shown:
        return []
    return ['<div class="kb-facts" markdown>', "", *[f"- **{label}:** {value}" for label, value in shown],
            "", "</div>", ""]


def _use_line(from_uri: str, use: Use, show: str) -> str:
    """One documented use. `show` names what to link: the place (on approach pages) or the approach."""
    head = _link(from_uri, use.place if show == "place" else use.approach)
    details = []
    if use.enabler:
        details.append(f"enabler {md_text(use.enabler)}")
    if use.year:
        details.append(str(use.year))
    line = head + (f" ({', '.join(details)})" if details else "")
    if use.note:
        line += f": {md_text(use.note)}"
    return f"- {line} Source: {_source_line(use.source)}"


# -- entry pages ------------------------------------------------------------------------------


def render_approach(entry: Entry, col: Collection) -> Page:
    uri = entry_uri(entry)
    f = entry.fields
    originator = md_text(f.get("originator", ""))
    if f.get("year"):
        originator += f" ({f['year']})"
    themes = ", ".join(f"[{md_text(t.title)}]({_href(uri, theme_uri(t.slug))})"
                       for t in THEMES if t.slug in (f.get("themes") or []))
    barriers = ", ".join(_link(uri, col.barriers[s]) for s in f.get("barriers") or [] if s in col.barriers)
    lines = [f"# {md_text(_title(entry))}", "", md_text(_summary(entry)), "{ .kb-summary }", ""]
    lines += _facts([
        ("Devised by", originator),
        ("Also known as", ", ".join(md_text(a) for a in f.get("aliases") or [])),
        ("Themes", themes),
        ("Helps with", barriers),
        ("Group size", _range_text(f.get("group_size"), "people")),
        ("Time", _duration_text(f.get("duration_minutes"))),
        ("Difficulty", md_text(f["difficulty"]).capitalize() if f.get("difficulty") else None),
    ])
    if f.get("rights"):
        lines += ['!!! note "Trade marks and licences"', "", f"    {md_text(f['rights'])}", ""]
    lines += [entry.body.strip(), ""]
    lines += ["## Where it has been used", ""]
    uses = col.approach_uses.get(entry.slug, [])
    enablers = col.enabler_uses.get(entry.slug, [])
    lines += [_use_line(uri, use, "place") for use in uses]
    for use in enablers:
        line = f"- Used by enabler {md_text(use.enabler)} (no place documented)"
        if use.note:
            line += f": {md_text(use.note)}"
        lines.append(f"{line} Source: {_source_line(use.source)}")
    if not uses and not enablers:
        lines.append(f"No documented use in a place yet. Know of one? See [how to contribute]({_href(uri, 'contributing.md')}).")
    lines.append("")
    related = col.related.get(entry.slug, [])
    if related:
        lines += ["## Related approaches", "", *[f"- {_link(uri, r)}: {md_text(_summary(r))}" for r in related], ""]
    lines += _sources_section(entry)
    content = _front_matter(title=_title(entry), description=_summary(entry), search={"boost": 2}) + "\n".join(lines)
    return Page(uri, content, entry.path)


def render_barrier(entry: Entry, col: Collection) -> Page:
    uri = entry_uri(entry)
    lines = [f"# {md_text(_title(entry))}", "", md_text(_summary(entry)), "{ .kb-summary }", "",
             entry.body.strip(), ""]
    helpers = col.barrier_approaches.get(entry.slug, [])
    lines += [f"## Approaches that help ({len(helpers)})", ""]
    lines += [f"- {_link(uri, a)}: {md_text(_summary(a))}" for a in helpers] or ["None listed yet."]
    lines.append("")
    places = col.barrier_places.get(entry.slug, [])
    if places:
        lines += ["## Places that used these approaches", "",
                  "Documented uses, in these places, of approaches that help with this barrier:", "",
                  *[f"- {_link(uri, p)} ({md_text(p.fields.get('region', ''))})" for p in places], ""]
    lines += _sources_section(entry)
    content = _front_matter(title=_title(entry), description=_summary(entry), search={"boost": 1.5}) + "\n".join(lines)
    return Page(uri, content, entry.path)


def render_place(entry: Entry, col: Collection) -> Page:
    uri = entry_uri(entry)
    f = entry.fields
    lines = [f"# {md_text(_title(entry))}", "", md_text(_summary(entry)), "{ .kb-summary }", ""]
    lines += _facts([
        ("Region", md_text(f.get("region", ""))),
        ("Programme", md_text(f.get("programme", ""))),
        ("Worked on", md_text(f["focus"]) if f.get("focus") else None),
        ("Also known as", ", ".join(md_text(a) for a in f.get("aliases") or [])),
    ])
    lines += [entry.body.strip(), ""]
    uses = col.place_uses.get(entry.slug, [])
    lines += ["## Approaches used here", ""]
    lines += [_use_line(uri, use, "approach") for use in uses] or [
        "No use of an approach here is documented yet."]
    lines.append("")
    lines += _sources_section(entry)
    content = _front_matter(title=_title(entry), description=_summary(entry)) + "\n".join(lines)
    return Page(uri, content, entry.path)


# -- index pages ------------------------------------------------------------------------------


def _card(from_uri: str, entry: Entry, extra: str = "") -> str:
    return f"-   {_link(from_uri, entry)}{extra}\n\n    {md_text(_summary(entry))}\n"


def _cards(from_uri: str, entries, extra=lambda e: "") -> list[str]:
    return ['<div class="grid cards" markdown>', "", *[_card(from_uri, e, extra(e)) for e in entries], "</div>", ""]


def render_approach_index(col: Collection) -> Page:
    uri = "approaches/index.md"
    lines = ["# Approaches", "",
             f"{len(col.approaches)} approaches: models, methods and tools that help partners lead together. "
             "Each page says what it is, when and how to use it, what to watch out for, and where it has been used.",
             ""]
    lines += _cards(uri, col.approaches.values(), lambda e: f" · {md_text(e.fields.get('originator', ''))}")
    content = _front_matter(title="Approaches", description=f"All {len(col.approaches)} approaches in the knowledge base.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def render_barrier_index(col: Collection) -> Page:
    uri = "barriers/index.md"
    lines = ["# Barriers", "",
             "The barriers that partners in a place most often meet, and the approaches that help with each.", ""]
    lines += _cards(uri, col.barriers.values(),
                    lambda e: f" · {len(col.barrier_approaches.get(e.slug, []))} approaches")
    content = _front_matter(title="Barriers", description="Barriers to leading together, and what helps.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def render_place_index(col: Collection) -> Page:
    uri = "places/index.md"
    lines = ["# Places", "",
             f"{len(col.places)} places, grouped by region, with the approaches a source documents them using.", ""]
    for region in REGIONS:
        places = [p for p in col.places.values() if p.fields.get("region") == region]
        if places:
            lines += [f"## {region}", "", *[
                f"- {_link(uri, p)} ({md_text(p.fields.get('programme', ''))}): {md_text(_summary(p))}"
                for p in places], ""]
    content = _front_matter(title="Places", description="Places that used these approaches, by region.")
    return Page(uri, content + "\n".join(lines), in_nav=True)


def render_theme_pages(col: Collection) -> list[Page]:
    index_uri = "themes/index.md"
    lines = ["# Themes", "", "The approaches grouped by what they help you do.", ""]
    pages = []
    for theme in THEMES:
        uri = theme_uri(theme.slug)
        members = col.theme_approaches.get(theme.slug, [])
        lines.append(f"- [{md_text(theme.title)}]({_href(index_uri, uri)}) ({len(members)} approaches): "
                     f"{md_text(theme.intro)}")
        body = [f"# {md_text(theme.title)}", "", md_text(theme.intro), "{ .kb-summary }", "",
                *_cards(uri, members)]
        pages.append(Page(uri, _front_matter(title=theme.title, description=theme.intro) + "\n".join(body)))
    lines.append("")
    pages.insert(0, Page(index_uri, _front_matter(title="Themes", description="Approaches grouped by theme.")
                         + "\n".join(lines), in_nav=True))
    return pages


def render_home(col: Collection) -> Page:
    uri = "index.md"
    lines = [
        "# The Art of Change Making", "",
        "An open knowledge base of systems leadership approaches: how councils, the NHS, police, charities "
        "and residents can lead together on hard local issues.", "{ .kb-summary }", "",
        f"**{len(col.approaches)}** [approaches](approaches/index.md) · **{len(col.barriers)}** "
        f"[barriers](barriers/index.md) · **{len(col.places)}** [places](places/index.md)", "",
        "## What are you facing?", "",
    ]
    lines += _cards(uri, col.barriers.values(),
                    lambda e: f" · {len(col.barrier_approaches.get(e.slug, []))} approaches")
    content = _front_matter(title="Home", description="Systems leadership approaches, the barriers they help "
                            "overcome and the places that used them.", hide=["navigation"])
    return Page(uri, content + "\n".join(lines), in_nav=True)


ENTRY_RENDERERS = {APPROACH.name: render_approach, BARRIER.name: render_barrier, PLACE.name: render_place}


def render_site(col: Collection) -> list[Page]:
    """Every generated page: one per entry, plus the home, index and theme pages."""
    pages = [render_home(col), render_approach_index(col), render_barrier_index(col), render_place_index(col)]
    pages += render_theme_pages(col)
    pages += [ENTRY_RENDERERS[e.kind.name](e, col) for e in col.entries()]
    return pages
