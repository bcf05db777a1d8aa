"""Contributed text never becomes executable markup.

- In an entry body, every payload is a check error that names the file and line.
- In front matter, every text field of every kind (found by walking the content model) carries each
  payload. That content is valid, so it builds; then every page of the site is opened in Chromium,
  which must fire no dialog, set no marker, hold no event-handler attribute or script URL, and show
  each title literally.
- Web addresses (`sources`, a use's `source.url`) must be http(s).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from generator.content.load import load_file
from generator.content.model import KIND_BY_NAME
from generator.content.validate import validate_entry
from tests.conftest import BODIES, EXISTING_SLUGS, REPO, VALID, filled_entry, write
from tests.test_browser import base_url, browser  # noqa: F401 (fixtures, reused as they are)
from tests.adapter.test_plugin import CONFIG, mkdocs_build

# Each runs script only if it becomes markup: they set window.__xss or open a dialog.
FRONT_MATTER_PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=alert(1)>",
    '"><img src=x onerror=window.__xss=1>',
    "'><svg/onload=window.__xss=1>",
    "</title><script>window.__xss=1</script>",
    '</textarea></style></script><img src=x onerror=alert(1)>',
    '" autofocus onfocus="window.__xss=1" x="',
    "' onmouseover='window.__xss=1' x='",
    "javascript:window.__xss=1",
    "[click](javascript:window.__xss=1)",
    "![x](x){: onerror=window.__xss=1 }",
    '<a href="javascript:window.__xss=1">x</a>',
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__xss=1&#62;",
    "{{ 7*7 }} {% raw %}{{ config }}",
    "<!-- unclosed comment",
    "`<img src=x onerror=window.__xss=1>`",
    "data:text/html,<script>alert(1)</script>",
    "\u2028</script><script>window.__xss=1</script>",
    "# * _ | > - + [ ] ( ) ! \\ * markdown | noise",
]
URL_PAYLOADS = [
    'https://example.org/"><script>window.__xss=1</script>',
    "https://example.org/?q=<img/src=x/onerror=window.__xss=1>",
    "https://example.org/#'onmouseover='window.__xss=1'",
]

# -- bodies ---------------------------------------------------------------------------------------

RAW = "is not allowed; write Markdown instead (allowed tags: abbr, br, details, kbd, sub, summary, sup)"
PLAIN = "plainly, e.g. <{0} title=\"...\">: attribute values in quotes, without '<' or '>', and the tag closed with '>'"
SCHEME = "links to '{0}:' addresses are not allowed; use https://"
ATTRIBUTE_LIST = "the attribute list '{0}' is not allowed: it could add scripts to the page (only '{{ .class }}' and " \
                 "'{{ #id }}' are)"
BODY_LINE = 12  # the first line after the barrier's valid body
BODY_PAYLOADS = [  # (payload, [(line offset from BODY_LINE, field message)])
    ("<script>window.__xss=1</script>", [(0, f"raw HTML <script> {RAW}")]),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", [(0, f"raw HTML <script> {RAW}")]),
    ("<img src=x onerror=window.__xss=1>", [(0, f"raw HTML <img> {RAW}")]),
    ("<svg onload=window.__xss=1>", [(0, f"raw HTML <svg> {RAW}")]),
    ("<iframe src=javascript:window.__xss=1></iframe>", [(0, f"raw HTML <iframe> {RAW}")]),
    ('<a href="javascript:window.__xss=1">x</a>', [(0, f"raw HTML <a> {RAW}")]),
    ("<math><mtext><img src=x onerror=window.__xss=1>",
     [(0, f"raw HTML <img> {RAW}"), (0, f"raw HTML <math> {RAW}"), (0, f"raw HTML <mtext> {RAW}")]),
    ("<scr<script>ipt>window.__xss=1</script>", [(0, f"raw HTML <scr> {RAW}"), (0, f"raw HTML <script> {RAW}")]),
    ("<!-- ok --><script>window.__xss=1</script>", [(0, f"raw HTML <script> {RAW}")]),
    ("<!--\n<script>window.__xss=1</script>\n-->", [(1, f"raw HTML <script> {RAW}")]),
    ("text `a\n<script>window.__xss=1</script>` b", [(1, f"raw HTML <script> {RAW}")]),
    ('<details open ontoggle="window.__xss=1"><summary>s</summary></details>',
     [(0, "the attribute 'ontoggle' on <details> is not allowed")]),
    ('<details\nopen ontoggle="window.__xss=1">', [(0, "the attribute 'ontoggle' on <details> is not allowed")]),
    ('<abbr title="x" onmouseover="window.__xss=1">x</abbr>',
     [(0, "the attribute 'onmouseover' on <abbr> is not allowed")]),
    ('<abbr title=">" onmouseover="window.__xss=1">x</abbr>', [(0, "write <abbr> " + PLAIN.format("abbr"))]),
    ("<abbr title='\"><img src=x onerror=window.__xss=1>'>x</abbr>",
     [(0, "write <abbr> " + PLAIN.format("abbr")), (0, f"raw HTML <img> {RAW}")]),
    ("<kbd/onmouseover=window.__xss=1>k</kbd>", [(0, "write <kbd> " + PLAIN.format("kbd"))]),
    ('<sub style="background:url(javascript:window.__xss=1)">s</sub>',
     [(0, "the attribute 'style' on <sub> is not allowed")]),
    ('<details markdown="1">', [(0, "the attribute 'markdown' on <details> is not allowed")]),
    ("[x](javascript:window.__xss=1)", [(0, SCHEME.format("javascript"))]),
    ("[x]( JaVaScRiPt:window.__xss=1)", [(0, SCHEME.format("JaVaScRiPt"))]),
    ("[x](&#106;avascript:window.__xss=1)", [(0, SCHEME.format("javascript"))]),
    ("[x](java&#9;script:window.__xss=1)", [(0, SCHEME.format("javascript"))]),
    ("[x](javascript&colon;window.__xss=1)", [(0, SCHEME.format("javascript"))]),
    ("[x](<javascript:window.__xss=1>)", [(0, SCHEME.format("javascript"))]),
    ("[x](\njavascript:window.__xss=1)", [(1, SCHEME.format("javascript"))]),
    ("![x](javascript:window.__xss=1)", [(0, SCHEME.format("javascript"))]),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", [(0, SCHEME.format("data"))]),
    ("[x](vbscript:msgbox(1))", [(0, SCHEME.format("vbscript"))]),
    ("<javascript:window.__xss=1>", [(0, SCHEME.format("javascript"))]),
    ("[x][r]\n\n[r]: javascript:window.__xss=1", [(2, SCHEME.format("javascript"))]),
    ("[x][r]\n\n[r]:\n    javascript:window.__xss=1", [(3, SCHEME.format("javascript"))]),
    ("> [x][r]\n>\n> [r]: javascript:window.__xss=1", [(2, SCHEME.format("javascript"))]),
    ('[x](https://example.org){ onclick="window.__xss=1" }',
     [(0, ATTRIBUTE_LIST.format('{ onclick="window.__xss=1" }'))]),
    ("![x](https://example.invalid/x.png){: onerror=window.__xss=1 }",
     [(0, ATTRIBUTE_LIST.format("{: onerror=window.__xss=1 }"))]),
    ('A paragraph.\n{: onclick="window.__xss=1" }', [(1, ATTRIBUTE_LIST.format('{: onclick="window.__xss=1" }'))]),
]


@pytest.mark.parametrize("payload, expected", BODY_PAYLOADS, ids=[p for p, _ in BODY_PAYLOADS])
def test_script_in_a_body_is_a_check_error_naming_file_and_line(tree, payload, expected):
    write(tree, "barriers/payload.md", f"---\ntitle: X\nsummary: Y.\n---\n{BODIES['barrier']}\n{payload}\n")
    entry, problems = load_file(tree, "barriers/payload.md")
    assert problems == []
    assert sorted(str(p) for p in validate_entry(entry)) == sorted(
        f"barriers/payload.md:{BODY_LINE + offset}: body: {message}" for offset, message in expected)


HARMLESS_BODIES = [  # allowed, and built into the site below, where they must show as text and run nothing
    "`<script>window.__xss=1</script>` in code", "{{ 7*7 }} and {% raw %}", "&lt;script&gt; as an entity",
    "```\n<script>window.__xss=1</script>\n```", '<abbr title="Trust and Agreement">T&A</abbr> <kbd>Ctrl</kbd> <br>',
    "[a](https://example.org) [b](../approaches/grow-model.md) [c](mailto:a@example.org)",
]


@pytest.mark.parametrize("harmless", HARMLESS_BODIES)
def test_code_and_plain_text_in_a_body_are_allowed(tree, harmless):
    write(tree, "barriers/harmless.md", f"---\ntitle: X\nsummary: Y.\n---\n{BODIES['barrier']}\n{harmless}\n")
    entry, problems = load_file(tree, "barriers/harmless.md")
    assert problems == [] and validate_entry(entry) == []


# -- web addresses ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                                 "file:///etc/passwd", "//evil.example/x", "https:/no-host", "https://exa mple.org/"])
def test_source_addresses_must_be_http_or_https(tree, url):
    sources = yaml.safe_dump({"sources": [{"url": url}]})
    write(tree, "barriers/bad-url.md", "---\ntitle: X\nsummary: Y.\n" + sources + "---\n" + BODIES["barrier"])
    entry, _ = load_file(tree, "barriers/bad-url.md")
    assert [str(p) for p in validate_entry(entry)] == [
        f"barriers/bad-url.md:5: sources[0].url: '{url}' is not a web address; it must start with https:// or http://"]


# -- front matter, in the browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The fixture tree plus, for each payload, an approach, a barrier and a place with it in every text field.

    Named `built_site` so that test_browser's `base_url` fixture serves this site for the tests here.
    """
    root = tmp_path_factory.mktemp("xss") / "kb"
    shutil.copytree(VALID, root)
    write(root, "mkdocs.yml", CONFIG + "extra_javascript: [assets/kb.js]\n")  # the script that lists search results
    write(root, "docs/about.md", "# About\n")
    write(root, "docs/assets/kb.js", (REPO / "docs/assets/kb.js").read_text(encoding="utf-8"))
    for number, text in enumerate(FRONT_MATTER_PAYLOADS):
        slug = f"xss-{number}"
        url = URL_PAYLOADS[number % len(URL_PAYLOADS)]
        refs = {**EXISTING_SLUGS, "barrier": slug, "place": slug}  # the approach links to its barrier and place
        for kind in KIND_BY_NAME.values():
            write(root, f"{kind.folder}/{slug}.md", filled_entry(kind, text, url, refs))
    write(root, "barriers/harmless-body.md", "---\ntitle: Harmless\nsummary: Code and entities.\n---\n"
          + BODIES["barrier"] + "\n" + "\n\n".join(HARMLESS_BODIES) + "\n")
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # every payload is valid text: it must build
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


SUSPICIOUS_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(element => [...element.attributes]
    .filter(a => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(a.name)
                                         && /^\\s*(javascript|data|vbscript):/i.test(a.value)))
    .map(a => `<${element.tagName.toLowerCase()} ${a.name}="${a.value}">`))"""


def shown(text: str) -> str:
    """`text` as a reader should see it: literally, with runs of white space made one space."""
    return " ".join(text.split())


@pytest.mark.browser
def test_every_page_shows_contributed_text_and_runs_none_of_it(browser, base_url, built_site):  # noqa: F811
    pages = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html"))
    assert len(pages) >= 3 * len(FRONT_MATTER_PAYLOADS)
    context = browser.new_context()
    context.set_default_timeout(5000)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    found = {}
    for path in pages:
        page.goto(base_url + path)
        problems = page.evaluate(SUSPICIOUS_ATTRIBUTES)
        if page.evaluate("window.__xss !== undefined"):
            problems.append("window.__xss was set")
        entry = re.fullmatch(r"(approaches|barriers|places)/xss-(\d+)/index.html", path)
        if entry:  # what a contributor typed is what a reader sees, in the heading and in the browser tab
            text = shown(FRONT_MATTER_PAYLOADS[int(entry.group(2))])
            heading = page.locator("article h1").first.evaluate("h => h.firstChild.textContent")
            if (heading, shown(page.title())) != (text, f"{text} - Test"):
                problems.append(f"shows heading {heading!r} and tab {page.title()!r}")
        if problems:
            found[path] = problems
    assert found == {} and dialogs == []
    context.close()


@pytest.mark.browser
def test_search_results_show_payload_titles_without_running_them(browser, base_url):  # noqa: F811
    context = browser.new_context()
    context.set_default_timeout(10000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for query, title in (("onerror", FRONT_MATTER_PAYLOADS[1]), ("javascript", FRONT_MATTER_PAYLOADS[9]),
                         ("markdown", FRONT_MATTER_PAYLOADS[-1])):
        page.goto(base_url + "search/?q=" + query)
        page.locator("#kb-search-results > li").first.wait_for()
        assert page.evaluate(SUSPICIOUS_ATTRIBUTES) == [], query
        assert page.evaluate("window.__xss === undefined"), query
        if title:
            assert shown(title) in page.locator("#kb-search-results > li > a").all_inner_texts(), query
    assert dialogs == []
    context.close()
