"""Links between pages are right wherever they are written: in raw HTML, and when a body moves into a pack."""

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.urls import output_path, rebase, relative_path, url_href


def test_url_href_between_directory_urls():
    assert url_href("approaches/index.md", "approaches/grow-model.md") == "grow-model/"
    assert url_href("matrix.md", "barriers/lack-of-trust.md") == "../barriers/lack-of-trust/"
    assert url_href("approaches/grow-model.md", "index.md") == "../../"
    assert url_href("index.md", "places/index.md") == "places/"


def test_output_path_follows_mkdocs():
    assert output_path("approaches/grow-model.md") == "approaches/grow-model/index.html"
    assert output_path("approaches/grow-model.md", directory_urls=False) == "approaches/grow-model.html"
    assert output_path("print/index.md") == "print/index.html"
    assert output_path("data/approaches.json") == "data/approaches.json"


@pytest.mark.parametrize("target, from_path, to_path, expected", [
    # source paths, as a body's Markdown links are written
    ("grow-model.md", "approaches/a.md", "print/index.md", "../approaches/grow-model.md"),
    ("grow-model.md#steps", "approaches/a.md", "print/lack-of-trust.md", "../approaches/grow-model.md#steps"),
    ("#steps", "approaches/a.md", "print/index.md", "../approaches/a.md#steps"),
    ("../about.md", "approaches/a.md", "print/index.md", "../about.md"),
    # output paths, as the converted HTML has them (directory URLs, then plain)
    ("../grow-model/", "approaches/a/index.html", "print/index.html", "../approaches/grow-model/"),
    ("../grow-model/", "approaches/a/index.html", "print/lack-of-trust/index.html", "../../approaches/grow-model/"),
    ("#steps", "approaches/a/index.html", "print/index.html", "../approaches/a/#steps"),
    ("?q=1", "approaches/a/index.html", "print/index.html", "../approaches/a/?q=1"),
    ("#steps", "approaches/a.html", "print/index.html", "../approaches/a.html#steps"),
    ("../../img/x.png", "approaches/a/index.html", "print/index.html", "../img/x.png"),
    # left alone
    ("https://example.org/a?b#c", "approaches/a.md", "print/index.md", "https://example.org/a?b#c"),
    ("mailto:someone@example.org", "approaches/a.md", "print/index.md", "mailto:someone@example.org"),
    ("/absolute/", "approaches/a.md", "print/index.md", "/absolute/"),
    ("//host/x", "approaches/a.md", "print/index.md", "//host/x"),
])
def test_rebase_keeps_a_link_pointing_at_the_same_place(target, from_path, to_path, expected):
    assert rebase(target, from_path, to_path) == expected


@given(st.lists(st.sampled_from(["a", "b", "print", "x.md", "index.html"]), max_size=4),
       st.lists(st.sampled_from(["a", "b", "print"]), max_size=4))
def test_relative_path_agrees_with_posixpath(target, start):
    target_path, start_path = "/".join(target), "/".join(start)
    assert relative_path(target_path, start_path) == posixpath.relpath(target_path or ".", start_path or ".")
