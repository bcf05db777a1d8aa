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
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import yaml

from generator.content.link import Collection, Use
from generator.content.load import Entry
from generator.content.markup import demote_headings, rebase_links
from generator.content.model import APPROACH, APPROACH_TYPE_LABELS, BARRIER, PLACE, THEMES
from generator.content.ranking import approach_facts
from generator.content.urls import relative_path
from generator.render.citation import citation_of, harvard_html
from generator.render.packmarks import COPY_END, COPY_START

_YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes the same YAML, five times faster
_MD_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


@dataclass(frozen=True)
class Page:
    """One page of the site. `source_path` is the real file behind it, for "Edit this page".

    `is_pack`: a print pack whose placeholders the plugin fills in (generator/adapter/packs.py).
    """

    src_uri: str
    content: str
    source_path: str | None = None
    in_nav: bool = False
    is_pack: bool = False


@dataclass(frozen=True)
class PageExtras:
    """What entry pages show beyond the entry: when its file last changed, and where to report a use.

    `dates` maps a source path to an object with a `changed` datetime (generator.content.history.FileDates).
    """

    dates: dict = field(default_factory=dict)
    repo_url: str | None = None
    site_url: str | None = None  # the site's public address: cards' QR codes and citations give absolute ones

    def report_use_url(self, entry: Entry) -> str | None:
        """The repository's "Report a use" form, pre-filled from the approach or place page that links to it.

        An approach fills in the form's approach; a place, the issue's title, because GitHub shows a blank
        issue instead of the form when a URL pre-fills a dropdown such as the place (generator/commands/forms.py).
        """
        if not self.repo_url:
            return None
        title = str(entry.fields.get("title", ""))
        prefill = {"approach": title} if entry.kind.name == APPROACH.name else {"title": f"Use in {title}: "}
        query = urlencode({"template": "report-a-use.yml", **prefill})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def report_use_line(self, entry: Entry, invitation: str) -> list[str]:
        """A link to report a use, below the uses an approach or place page lists; nothing without a repository."""
        report = self.report_use_url(entry)
        return ["", f"Know of a documented use? [{invitation}]({md_url(report)})."] if report else []

    def cite_section(self, entry: Entry) -> list[str]:
        """"Cite this page": a Harvard reference with the page's last-changed date and address, and buttons
        (kb.js) that copy it or the page's address."""
        found = self.dates.get(entry.path)
        citation = citation_of(entry_uri(entry), title_of(entry), found.changed if found else None, self.site_url)
        return ["## Cite this page", "", f'<p class="kb-cite">{harvard_html(citation)}</p>',
                '<p class="kb-cite-tools"><button class="md-button" data-kb-copy="citation" hidden>Copy the reference'
                '</button> <button class="md-button" data-kb-copy="link" hidden>Copy the link</button> '
                '<span role="status"></span></p>', ""]

    def changed_line(self, entry: Entry) -> list[str]:
        dates = self.dates.get(entry.path)
        if dates is None:
            return []
        day = dates.changed
        return [f'<p class="kb-changed">Last changed <time datetime="{day.date().isoformat()}">'
                f"{day.day} {day:%B %Y}</time></p>", ""]


def md_text(value) -> str:
    """Inline-safe Markdown for a contributed string: shown literally, never as markup."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False).replace("|", "&#124;")
    if text.startswith(":"):  # a line starting ': ' would become a definition list
        text = "&#58;" + text[1:]
    return _MD_ESCAPE_RE.sub(r"\\\1", text)


def md_url(url: str) -> str:
    """A URL that cannot break out of Markdown link syntax."""
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~[]")


def front_matter(**values) -> str:
    # MkDocs and Material print `title` and `description` into the HTML unescaped (<title>, the header,
    # double-quoted meta attributes, navigation), so they are escaped here, once. Apostrophes stay as they
    # are, so that search matches "don't" in a title.
    clean = {k: html.escape(v, quote=False).replace('"', "&quot;") if k in ("title", "description") else v
             for k, v in values.items() if v is not None}
    return "---\n" + yaml.dump(clean, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def href(from_uri: str, to_uri: str) -> str:
    return relative_path(to_uri, posixpath.dirname(from_uri))


def entry_uri(entry: Entry) -> str:
    return f"{entry.kind.folder}/{entry.slug}.md"


def card_uri(approach: Entry) -> str:
    """An approach's facilitation card (generator/render/cards.py)."""
    return f"cards/{approach.slug}.md"


KIT_URI = "kit.md"  # the session plan (generator/render/kit.py); ?add=<slug> adds an approach to it
# approach slug -> its worksheet page (generator/render/worksheets.py)
WORKSHEETS = {"trust-and-agreement": "tools/trust-and-agreement.md", "grow-model": "tools/grow.md"}


def barrier_cards_uri(barrier: Entry) -> str:
    """The cards of a barrier's approaches, for printing (generator/render/cards.py)."""
    return f"print/{barrier.slug}/cards.md"


def theme_uri(slug: str) -> str:
    return f"themes/{slug}.md"


def md_link(from_uri: str, entry: Entry) -> str:
    return f"[{md_text(entry.fields.get('title', entry.slug))}]({href(from_uri, entry_uri(entry))})"


def title_of(entry: Entry) -> str:
    return str(entry.fields.get("title", entry.slug))


def summary_of(entry: Entry) -> str:
    return str(entry.fields.get("summary", ""))


def range_text(value, unit: str) -> str | None:
    if not isinstance(value, dict):
        return None
    low, high = value.get("min"), value.get("max")
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def duration_text(value) -> str | None:
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


def source_line(source: dict) -> str:
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
    return ["## Sources", "", *[f"- {source_line(s)}" for s in sources], ""]


def facts_block(rows: list[tuple[str, str | None]]) -> list[str]:
    shown = [(label, value) for label, value in rows if value]
    if not shown:
        return []
    return ['<div class="kb-facts" markdown>', "", *[f"- **{label}:** {value}" for label, value in shown],
            "", "</div>", ""]


def _use_line(from_uri: str, use: Use, show: str) -> str:
    """One documented use. `show` names what to link: the place (on approach pages) or the approach."""
    head = md_link(from_uri, use.place if show == "place" else use.approach)
    details = []
    if use.enabler:
        details.append(f"enabler {md_text(use.enabler)}")
    if use.year:
        details.append(str(use.year))
    line = head + (f" ({', '.join(details)})" if details else "")
    if use.note:
        line += f": {md_text(use.note)}"
    return f"- {line} Source: {source_line(use.source)}"


# -- entry pages ------------------------------------------------------------------------------


def approach_core(entry: Entry, col: Collection, from_uri: str, level: int = 1) -> list[str]:
    """What an approach's page and the print packs both show: title, summary, facts, notes and body.

    `from_uri` is the page it is written for (links are relative to it); `level` 2 nests it in a pack.
    """
    f = entry.fields
    originator = md_text(f.get("originator", ""))
    if f.get("year"):
        originator += f" ({f['year']})"
    themes = ", ".join(f"[{md_text(t.title)}]({href(from_uri, theme_uri(t.slug))})"
                       for t in THEMES if t.slug in (f.get("themes") or []))
    barriers = ", ".join(md_link(from_uri, col.barriers[s]) for s in f.get("barriers") or [] if s in col.barriers)
    lines = [f"{'#' * level} {md_text(title_of(entry))}", "", md_text(summary_of(entry)), "{ .kb-summary }", ""]
    lines += facts_block([
        ("What it is", md_text(APPROACH_TYPE_LABELS[f["type"]]) if f.get("type") in APPROACH_TYPE_LABELS else None),
        ("Devised by", originator),
        ("Also known as", ", ".join(md_text(a) for a in f.get("aliases") or [])),
        ("Themes", themes),
        ("Helps with", barriers),
        ("Group size", range_text(f.get("group_size"), "people")),
        ("First working session" if f.get("type") == "programme" else "Time", duration_text(f.get("duration_minutes"))),
        ("The whole programme", md_text(f["overall_duration"]) if f.get("overall_duration") else None),
        ("Difficulty", md_text(f["difficulty"]).capitalize() if f.get("difficulty") else None),
    ])
    if f.get("rights"):
        lines += ['!!! note "Trade marks and licences"', "", f"    {md_text(f['rights'])}", ""]
    body = entry.body.strip()
    if from_uri != entry_uri(entry):
        body = rebase_links(body, entry_uri(entry), from_uri)
    return lines + [demote_headings(body, level - 1), ""]


def _take_it_into_a_room(approach: Entry) -> list[str]:
    """Links from an approach's page to what a reader takes into a room: its card, the session plan, and its
    worksheet if it has one (relative .md links, which MkDocs checks)."""
    uri = entry_uri(approach)
    links = [f"[Print its facilitation card]({href(uri, card_uri(approach))}){{ .md-button }}",
             f"[Add it to a session plan]({href(uri, KIT_URI)}?add={approach.slug}){{ .md-button }}"]
    if approach.slug in WORKSHEETS:
        links.append(f"[Use the worksheet]({href(uri, WORKSHEETS[approach.slug])}){{ .md-button }}")
    return ["## Take it into a room", "", " ".join(links), "{ .kb-take-it }", ""]


def render_approach(entry: Entry, col: Collection, extras: PageExtras) -> Page:
    uri = entry_uri(entry)
    lines = [COPY_START, "", *approach_core(entry, col, uri), COPY_END, ""]  # what print packs copy (packmarks.py)
    lines += _take_it_into_a_room(entry)
    lines += ["## Where it has been used", ""]
    uses = col.approach_uses.get(entry.slug, [])
    enablers = col.enabler_uses.get(entry.slug, [])
    lines += [_use_line(uri, use, "place") for use in uses]
    for use in enablers:
        line = f"- Used by enabler {md_text(use.enabler)} (no place documented)"
        if use.note:
            line += f": {md_text(use.note)}"
        lines.append(f"{line} Source: {source_line(use.source)}")
    if not uses and not enablers:
        lines.append("No documented use in a place yet.")
    lines += extras.report_use_line(entry, "Report a use of this approach")
    lines.append("")
    related = col.related.get(entry.slug, [])
    if related:
        lines += ["## Related approaches", "", *[f"- {md_link(uri, r)}: {md_text(summary_of(r))}" for r in related], ""]
    lines += _sources_section(entry) + extras.cite_section(entry) + extras.changed_line(entry)
    content = front_matter(title=title_of(entry), description=summary_of(entry)) + "\n".join(lines)
    return Page(uri, content, entry.path)


def _sentence_case(text: str) -> str:
    """'Several years' -> 'several years', to follow other words; 'NHS pilots' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


TYPE_WORDS = {"method": "Method", "model": "Model, with a group exercise", "programme": "Programme"}


def facts_line(approach: Entry, col: Collection) -> str:
    """What a reader choosing between approaches needs at a glance: what it is, group size, time, difficulty,
    evidence. A programme's time is its first working session, and its overall length follows."""
    f = approach.fields
    programme = f.get("type") == "programme"
    time = duration_text(f.get("duration_minutes"))
    details = [TYPE_WORDS.get(f.get("type")), range_text(f.get("group_size"), "people"),
               f"first session {time}" if programme and time else time,
               f"runs {_sentence_case(str(f['overall_duration']))}" if programme and f.get("overall_duration") else None,
               f"{f['difficulty']} to run" if f.get("difficulty") else None]
    uses = len(col.approach_uses.get(approach.slug, []))
    if uses:
        details.append(f"used in {uses} documented place{'s' if uses > 1 else ''}")
    return " · ".join(str(d) for d in details if d)


def _choice_line(uri: str, approach: Entry, col: Collection) -> str:
    facts = facts_line(approach, col)
    return f"- {md_link(uri, approach)}: {md_text(summary_of(approach))}" + (f" *{md_text(facts)}*" if facts else "")


# A barrier page's sections after "Start here", by what the approaches are: (heading, intro, type).
BARRIER_SECTIONS = (
    ("More methods to run", "", "method"),
    ("Models to think with", "Each comes with an exercise for using it with a group.", "model"),
    ("Programmes", "Pieces of work over weeks or months; the time given is the first working session.", "programme"),
)


def barrier_choices(barrier: Entry, col: Collection, start_here: int = 3) -> list[tuple[str, str, list]]:
    """The barrier's approaches in the ranking model's order (link.py), in sections for a reader choosing one:
    "Start here" (the best few methods), then the rest by what they are. Every approach gives its group size and
    time, so the model sorts by type before evidence: each section is a run of its order, and the page reads in
    that order from top to bottom."""
    ranked = col.barrier_approaches.get(barrier.slug, [])
    sections = []
    for heading, intro, wanted in BARRIER_SECTIONS:
        members = [a for a in ranked if approach_facts(a, 0)["type"] == wanted]
        if wanted == "method":
            sections.append(("Start here", "", members[:start_here]))
            members = members[start_here:]
        sections.append((heading, intro, members))
    return sections


def render_barrier(entry: Entry, col: Collection, extras: PageExtras) -> Page:
    uri = entry_uri(entry)
    sections = barrier_choices(entry, col)
    total = len(col.barrier_approaches.get(entry.slug, []))
    lines = [f"# {md_text(title_of(entry))}", "", md_text(summary_of(entry)), "{ .kb-summary }", ""]
    (_, _, start), rest = sections[0], sections[1:]
    if start:
        first = f"The {len(start)} methods" if len(start) > 1 else "The method"
        lines += ["## Start here", "",
                  f"{first} to try first: you can run {'them' if len(start) > 1 else 'it'} with a group, and "
                  f"{'they are' if len(start) > 1 else 'it is'} the closest fit for this barrier.", "",
                  *[_choice_line(uri, a, col) for a in start], ""]
    lines += [f"[Find the approaches for your people and time]({href(uri, 'matchmaker.md')}?barrier={entry.slug})"
              "{ .md-button .md-button--primary } "
              f"[Print these {total} approaches]({href(uri, f'print/{entry.slug}.md')}){{ .md-button }}", "",
              entry.body.strip(), ""]
    if not total:
        lines += ["## Approaches that help", "", "None listed yet.", ""]
    for heading, intro, members in rest:
        if members:
            lines += [f"## {heading} ({len(members)})", "", *([intro, ""] if intro else []),
                      *[_choice_line(uri, a, col) for a in members], ""]
    places = col.barrier_places.get(entry.slug, [])
    if places:
        lines += ["## Places that used these approaches", "",
                  "Documented uses, in these places, of approaches that help with this barrier:", "",
                  *[f"- {md_link(uri, p)} ({md_text(p.fields.get('region', ''))})" for p in places], ""]
    lines += _sources_section(entry) + extras.cite_section(entry) + extras.changed_line(entry)
    content = front_matter(title=title_of(entry), description=summary_of(entry)) + "\n".join(lines)
    return Page(uri, content, entry.path)


def render_place(entry: Entry, col: Collection, extras: PageExtras) -> Page:
    uri = entry_uri(entry)
    f = entry.fields
    lines = [f"# {md_text(title_of(entry))}", "", md_text(summary_of(entry)), "{ .kb-summary }", ""]
    lines += facts_block([
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
    lines += extras.report_use_line(entry, "Report a use of an approach here")
    lines.append("")
    lines += _sources_section(entry) + extras.cite_section(entry) + extras.changed_line(entry)
    content = front_matter(title=title_of(entry), description=summary_of(entry)) + "\n".join(lines)
    return Page(uri, content, entry.path)


ENTRY_RENDERERS = {APPROACH.name: render_approach, BARRIER.name: render_barrier, PLACE.name: render_place}


def render_entry(entry: Entry, col: Collection, extras: PageExtras | None = None) -> Page:
    return ENTRY_RENDERERS[entry.kind.name](entry, col, extras or PageExtras())
