"""Rendering bounds on degenerate Markdown: every block small, nothing dropped, notes where simplified.

Pure Python (no QApplication): these are the structural half of the rendering bounds. The timed
half, on the real ConversationView, is in test_render_bounds.py.
"""

from __future__ import annotations

import html
import re

import pytest

from app.ui.markdown.limits import (
    NOTE_FRAMES,
    NOTE_LISTS,
    NOTE_LONG_LINE,
    NOTE_NESTING,
    NOTE_QUOTES,
    NOTE_WIDE_TABLE,
    RenderLimits,
)
from app.ui.markdown.render import LIGHT, MarkdownRenderer, StreamingMarkdown
from tests.ui.reply_shapes import SHAPES, deep_lists, long_code, long_word, nested_quotes

LIMITS = RenderLimits()
TAG = re.compile(r"<[^>]+>")
BLOCK_START = re.compile(r"<(?:p|br|li|tr|pre|h[1-6])\b[^>]*>")


def visible(markup: str) -> str:
    """The text a reader sees (a block or line break starts a line; entities decoded)."""
    return html.unescape(TAG.sub("", BLOCK_START.sub("\n", markup)))


def max_table_depth(markup: str) -> int:
    depth = deepest = 0
    for tag in re.findall(r"</?table", markup):
        depth += 1 if tag == "<table" else -1
        deepest = max(deepest, depth)
    return deepest


def stream_blocks(text: str, piece: int = 97, limits: RenderLimits = LIMITS) -> list[str]:
    """Stream `text` in pieces; return every block's HTML; check the open tail stays bounded."""
    renderer = MarkdownRenderer(LIGHT, limits=limits)
    stream = StreamingMarkdown(renderer)
    blocks = []
    for start in range(0, len(text), piece):
        stream.feed(text[start : start + piece])
        assert stream.tail_chars <= limits.table_row_chars + piece, "the open tail grew unbounded"
        while (block := stream.take_block()) is not None:
            blocks.append(block.html)
        stream.tail_html()
    stream.end()
    while (block := stream.take_block()) is not None:
        blocks.append(block.html)
    assert stream.text == text
    return blocks


# -- each construct's bound ------------------------------------------------------------------


def test_twenty_nested_quotes_draw_three_tables_keep_the_text_and_say_so() -> None:
    markup = MarkdownRenderer(LIGHT).render("> " * 20 + "deep text\n")
    assert max_table_depth(markup) == LIMITS.quote_depth
    assert "deep text" in visible(markup)
    assert NOTE_QUOTES.format(depth=LIMITS.quote_depth) in visible(markup)


def test_nesting_past_the_parser_limit_is_shown_as_text_not_dropped() -> None:
    markup = MarkdownRenderer(LIGHT).render(">" * 5000 + " the end\n")  # no RecursionError
    assert "the end" in visible(markup) and NOTE_NESTING in visible(markup)
    assert max_table_depth(markup) == LIMITS.quote_depth


def test_forty_nested_list_levels_keep_every_item() -> None:
    text = "".join("  " * level + f"- item {level}\n" for level in range(40))
    markup = MarkdownRenderer(LIGHT).render(text)
    shown = visible(markup)
    assert all(f"item {level}" in shown for level in range(40)), "list text was dropped"
    assert NOTE_LISTS.format(depth=LIMITS.list_depth) in shown
    assert markup.count("<ul") <= LIMITS.list_depth


def test_a_long_table_is_drawn_in_tables_of_bounded_size_with_the_header_each_time() -> None:
    rows = "".join(f"| r{r} | {r * 2} | x |\n" for r in range(200))
    markup = MarkdownRenderer(LIGHT).render("| name | twice | other |\n|---|--:|---|\n" + rows)
    tables = markup.split("</table>")[:-1]
    assert len(tables) == -(-200 // (LIMITS.table_cells // 3))
    for table in tables:
        assert table.count("<td") <= LIMITS.table_cells and "<th>name</th>" in table
    assert all(f"r{r}" in visible(markup) for r in range(200))
    assert 'style="text-align:right"' in markup  # alignment kept in every part


def test_a_two_hundred_column_table_becomes_lines_of_column_value_pairs() -> None:
    markup = MarkdownRenderer(LIGHT).render(SHAPES["wide_table"](30_000))
    shown = visible(markup)
    assert "<table" not in markup
    assert shown.count(NOTE_WIDE_TABLE.format(columns=200)) == 1
    assert "h199: r0c199" in shown and "h0: r3c0" in shown


def test_past_the_frame_budget_blocks_are_drawn_without_frames_and_it_says_so() -> None:
    text = "".join(f"```\nx = {n}\n```\n\n> quote {n}\n\n" for n in range(300))
    markup = MarkdownRenderer(LIGHT).render(text)
    assert markup.count("<table") <= LIMITS.frames
    shown = visible(markup)
    assert all(f"x = {n}" in shown and f"quote {n}" in shown for n in range(300))
    assert shown.count(NOTE_FRAMES) == 1


def test_code_inside_nested_quotes_is_drawn_flat_and_keeps_its_copy_link() -> None:
    markup = MarkdownRenderer(LIGHT).render("> > ```python\n> > x = 1\n> > ```\n")
    assert max_table_depth(markup) == 2 and "copy-code:" in markup and "x = 1" in visible(markup)


# -- the splitter: every block small, every character kept --------------------------------------


@pytest.mark.parametrize("whole", [True, False], ids=["fed-whole", "streamed"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_block_of_every_shape_is_small_and_nothing_is_lost(shape: str, whole: bool) -> None:
    text = SHAPES[shape](40_000)
    stream = StreamingMarkdown(MarkdownRenderer(LIGHT))
    for start in range(0, len(text), len(text) if whole else 61):
        stream.feed(text[start : start + (len(text) if whole else 61)])
        assert stream.tail_chars <= LIMITS.table_row_chars
    stream.end()
    covered = 0
    while (block := stream.take_block()) is not None:
        assert block.chars <= LIMITS.block_chars * 9 // 8, f"a block of {block.chars} characters"
        assert block.end >= covered + block.chars
        covered = block.end
        cells = block.html.count("<td") + block.html.count("<th")
        assert cells <= 2 * LIMITS.table_cells, f"a block of {cells} table cells"
        assert max_table_depth(block.html) <= LIMITS.quote_depth
    assert text[covered:].strip() == "", "text after the last block was not rendered"


def test_a_long_word_is_cut_into_parts_with_every_character_and_no_inserted_ones() -> None:
    text = long_word(20_000)
    blocks = stream_blocks(text)
    shown = visible("".join(blocks))
    note = NOTE_LONG_LINE.format(chars=LIMITS.block_chars)
    assert shown.count(note) == 1
    assert "".join(shown.replace(note, "").split()) == text  # no zero-width or other additions


def test_a_long_code_block_streams_in_parts_sharing_one_exact_copy_link() -> None:
    text = long_code(30_000)
    renderer = MarkdownRenderer(LIGHT)
    stream = StreamingMarkdown(renderer)
    parts = []
    for start in range(0, len(text), 50):
        stream.feed(text[start : start + 50])
        parts.append(stream.take_closed_html())
        assert len(stream.tail_html()) < 2 * LIMITS.block_chars
    parts.append(stream.finish())
    markup = "".join(parts)
    assert "<table" not in markup  # parts are shaded <pre>s that join up, not boxes
    (block_id,) = set(re.findall(r"copy-code:(\d+)", markup))
    code = text.split("\n", 1)[1].rsplit("```", 1)[0]
    assert renderer.code_for(int(block_id)) == code.removesuffix("\n")
    assert "".join(code.split()) in "".join(visible(markup).split())


def test_nested_quotes_and_deep_lists_stream_without_losing_a_line() -> None:
    quotes = nested_quotes(20_000)
    assert visible("".join(stream_blocks(quotes))).count("deep text") == quotes.count("deep text")
    lists = deep_lists(20_000)
    shown = visible("".join(stream_blocks(lists)))
    items = lists.count("item ")
    assert shown.count("item ") == items
    assert all(re.search(rf"item {n}\b", shown) for n in range(items))


def test_a_paragraph_cut_at_a_line_joins_up_without_a_gap() -> None:
    limits = RenderLimits(block_chars=200)
    text = "".join(f"line {n} of one long paragraph\n" for n in range(40))
    blocks = stream_blocks(text, limits=limits)
    assert len(blocks) > 3
    assert "margin-bottom:0" in blocks[0] and "margin-top:0" in blocks[1]
    assert all(f"line {n} of" in visible("".join(blocks)) for n in range(40))


def test_a_long_table_streams_in_parts_that_each_repeat_the_header() -> None:
    text = "| a | b |\n|---|---|\n" + "".join(f"| {n} | {n * n} |\n" for n in range(500))
    blocks = stream_blocks(text)
    assert len(blocks) >= 500 // (LIMITS.table_cells // 2)
    assert all("<th>a</th>" in block for block in blocks)
    shown = visible("".join(blocks))
    assert all(f"{n * n}" in shown for n in range(500))


def test_cutting_keeps_scanning_linear() -> None:
    for text in (long_word(200_000), nested_quotes(200_000), long_code(200_000)):
        stream = StreamingMarkdown(MarkdownRenderer(LIGHT))
        for start in range(0, len(text), 7):
            stream.feed(text[start : start + 7])
        assert stream.chars_scanned <= 4 * len(text)
