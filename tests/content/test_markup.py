"""A body can move into a print pack: its links and headings are adjusted, its code examples left alone."""

from generator.content.markup import demote_headings, prose, rebase_links


def test_rebase_links_rewrites_relative_targets_and_leaves_the_rest():
    body = ("See [GROW](grow-model.md), [steps](#how \"Steps\") and [web](https://example.org/).\n\n"
            "Also [ref][r] and `[code](grow-model.md)`.\n\n[r]: plan.md\n\n"
            "```\n[fenced](grow-model.md)\n```\n")
    moved = rebase_links(body, "approaches/trust.md", "print/index.md")
    assert "[GROW](../approaches/grow-model.md)" in moved
    assert '[steps](../approaches/trust.md#how "Steps")' in moved
    assert "[web](https://example.org/)" in moved
    assert "[r]: ../approaches/plan.md" in moved
    assert "`[code](grow-model.md)`" in moved and "[fenced](grow-model.md)" in moved


def test_prose_blanks_code_and_keeps_offsets():
    body = "a `b` c\n```\nd\n```\ne"
    masked = prose(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert "b" not in masked and "d" not in masked and masked.startswith("a ") and masked.endswith("e")


def test_demote_headings_leaves_code_blocks_alone():
    body = "## What it is\nText\n```\n## not a heading\n```\n### Sub"
    assert demote_headings(body) == "### What it is\nText\n```\n## not a heading\n```\n#### Sub"
