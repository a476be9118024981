"""Markdown to Qt rich-text HTML, and the streaming splitter: pure Python, no QApplication."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from app.ui.markdown.render import DARK, LIGHT, MarkdownRenderer, StreamingMarkdown

COPY_ID = re.compile(r"copy-code:(\d+)")
COLOUR_SPAN = '<span style="color:'

# A reply written as the blocks the splitter must find, in order (see app/ui/markdown_stream.py).
BLOCKS = (
    "# Title\n\n",
    "Some *emphasis* and `code`, a [link](https://example.com).\nA second line.\n\n\n",
    "```python\ndef f(x):\n\n    return x  # the blank line above stays in the fence\n```\n",
    "- item one\n- item two\n  - nested\n\n  item two, second paragraph\n\n",
    "1. first\n\n",
    "2. second\n   ```sh\n   echo hi\n\n   echo bye\n   ```\n\n",
    "> quoted\n> text\n  \n\t\n",
    "A line ending in CRLF\r\n\r\n",
    "| a | b |\n|---|---:|\n| 1 | 2 |\n\n",
    "~~~~\n```\nnot a closer\n~~~\n~~~~~\n",
    "Paragraph then indented code:\n\n    indented code\n\n    more code\n\n",
    "``` not`a fence\n\n",
    "Last words and an unclosed fence:\n```js\nlet x = 1;\n",
)
DOC = "".join(BLOCKS)


def normalised(html: str) -> str:
    """Copy ids differ between renders of the same text; everything else must not."""
    return COPY_ID.sub("copy-code:N", html)


def copy_ids(html: str) -> list[int]:
    return [int(n) for n in COPY_ID.findall(html)]


def long_reply(paragraphs: int) -> str:
    """About 50 tokens per paragraph, a code block every fourth one (paragraphs=100 ≈ 5,000)."""
    parts = []
    for i in range(paragraphs):
        if i % 4 == 3:
            body = "\n".join(f"    total += item_{j} * {j}  # step {j}" for j in range(8))
            parts.append(f"```python\ndef step_{i}(items):\n    total = 0\n{body}\n```\n\n")
        elif i % 4 == 1:
            parts.append("".join(f"{n}. Point **{n}** of part {i}, with `code`.\n" for n in (1, 2)))
            parts.append("\n")
        else:
            words = " ".join(f"word{k}" for k in range(30))
            parts.append(f"Paragraph {i}: *{words}* [ref](https://example.com/{i}).\n\n")
    return "".join(parts)


@pytest.fixture
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(LIGHT)


def stream_whole(renderer: MarkdownRenderer, pieces: list[str], take_every: int = 1) -> str:
    stream = StreamingMarkdown(renderer)
    out = []
    for n, piece in enumerate(pieces, 1):
        stream.feed(piece)
        if n % take_every == 0:
            out.append(stream.take_closed_html())
            stream.tail_html()
    out.append(stream.finish())
    assert stream.text == "".join(pieces)
    return "".join(out)


# -- the renderer --------------------------------------------------------------------------------


def test_module_imports_without_qt() -> None:
    code = (
        "import sys, app.ui.markdown.render, app.ui.markdown.stream;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','qasync')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_headings(renderer: MarkdownRenderer) -> None:
    html = renderer.render("# One\n## Two\n###### Six\n")
    assert "<h1>One</h1>" in html and "<h2>Two</h2>" in html and "<h6>Six</h6>" in html


def test_emphasis_and_line_breaks(renderer: MarkdownRenderer) -> None:
    html = renderer.render("*em* **strong** ~~gone~~\nnext line")
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html and "<s>gone</s>" in html
    assert "<br" in html  # a single newline is a line break in a chat reply


def test_lists_and_nested_lists(renderer: MarkdownRenderer) -> None:
    html = renderer.render("- a\n- b\n  - b1\n  - b2\n\n3. three\n4. four\n")
    assert html.count("<ul>") == 2 and html.count("<li>") == 6
    assert re.search(r"<li>b\s*<ul>\s*<li>b1</li>", html)
    assert '<ol start="3">' in html


def test_blockquote_is_a_table_with_a_bar(renderer: MarkdownRenderer) -> None:
    html = renderer.render("> quoted **text**\n")
    assert "<blockquote" not in html  # Qt drops its indent when it is the first inserted block
    assert f'bgcolor="{LIGHT.code_border}"' in html
    assert "quoted <strong>text</strong>" in html


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=1", "http://example.com", "mailto:someone@example.com"]
)
def test_safe_links_are_anchors(renderer: MarkdownRenderer, url: str) -> None:
    html = renderer.render(f"[go]({url})")
    assert f'<a href="{url.replace("&", "&amp;")}" style="color:{LIGHT.link}">go</a>' in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[go](javascript:alert(1))",
        "[go](JavaScript:alert(1))",
        "<javascript:alert(1)>",
        "[go](data:text/html;base64,PHNjcmlwdD4=)",
        "[go](file:///etc/passwd)",
        "[go](relative/page.html)",
    ],
)
def test_other_links_stay_text(renderer: MarkdownRenderer, markdown: str) -> None:
    html = renderer.render(markdown)
    assert "<a " not in html and "href" not in html
    assert "go" in html or "javascript" in html


def test_images_become_links_never_fetches(renderer: MarkdownRenderer) -> None:
    html = renderer.render("![a cat](https://example.com/cat.png) ![x](javascript:alert(1))")
    assert "<img" not in html
    assert '<a href="https://example.com/cat.png"' in html and "image: a cat" in html
    assert 'href="javascript' not in html


def test_raw_html_is_escaped(renderer: MarkdownRenderer) -> None:
    html = renderer.render('<script>alert("x")</script>\n\ntext <b onclick="x()">bold</b>\n')
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&lt;b onclick=" in html


def test_gfm_table(renderer: MarkdownRenderer) -> None:
    html = renderer.render("| a | b |\n|---|--:|\n| 1 | 2 |\n")
    assert '<table border="1" cellspacing="0" cellpadding="4"' in html
    assert "<th>a</th>" in html and "<td>1</td>" in html


def test_fence_with_language_is_highlighted(renderer: MarkdownRenderer) -> None:
    html = renderer.render('```python\ndef f(x):\n    return "<b>"  # note\n```\n')
    assert COLOUR_SPAN in html and "python</span>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert f'bgcolor="{LIGHT.code_background}"' in html
    assert len(copy_ids(html)) == 1


def test_fence_without_language_is_plain(renderer: MarkdownRenderer) -> None:
    html = renderer.render("```\nplain <text>\n```\n")
    pre = html[html.index("<pre") :]
    assert COLOUR_SPAN not in pre and "plain &lt;text&gt;</pre>" in pre
    assert ">code</span>" in html and len(copy_ids(html)) == 1


def test_unknown_language_is_labelled_not_highlighted(renderer: MarkdownRenderer) -> None:
    html = renderer.render("```no-such<lang>\nx = 1\n```\n")
    assert "no-such&lt;lang&gt;</span>" in html
    assert COLOUR_SPAN not in html[html.index("<pre") :]


def test_dark_theme_uses_its_colours() -> None:
    html = MarkdownRenderer(DARK, code_font="DejaVu Sans Mono").render("```js\nlet x = 1;\n```\n")
    assert f'bgcolor="{DARK.code_background}"' in html and COLOUR_SPAN in html
    assert "font-family:&#x27;DejaVu Sans Mono&#x27;" in html


def test_output_stays_in_qts_html_subset(renderer: MarkdownRenderer) -> None:
    html = renderer.render(DOC + "```\n\n---\n\n`x` ![i](https://e.com/i.png)\n")
    for unsupported in ("class=", "<img", "<code", "<blockquote", "display:", "border-radius"):
        assert unsupported not in html


def test_copy_ids_round_trip(renderer: MarkdownRenderer) -> None:
    html = renderer.render("```python\nprint('a')\n\n```\n\ntext\n\n    indented\n")
    first, second = copy_ids(html)
    assert first != second
    assert renderer.code_for(first) == "print('a')\n"  # only the final newline is dropped
    assert renderer.code_for(second) == "indented"
    assert renderer.code_for(10**9) is None
    other = MarkdownRenderer(DARK)
    (third,) = copy_ids(other.render("```\nx\n```\n"))
    assert third not in (first, second)  # process-unique: two renderers share one document
    assert other.code_for(first) is None


def test_code_registry_is_bounded() -> None:
    renderer = MarkdownRenderer(LIGHT, max_code_blocks=2)
    ids = [copy_ids(renderer.render(f"```\nblock {n}\n```\n"))[0] for n in range(3)]
    assert renderer.code_for(ids[0]) is None
    assert [renderer.code_for(i) for i in ids[1:]] == ["block 1", "block 2"]


def test_tail_of_an_unclosed_fence_is_plain_without_copy(renderer: MarkdownRenderer) -> None:
    html = renderer.render_tail("Intro:\n```python\ndef f(x):\n    return x < 1\n")
    assert "<p>Intro:</p>" in html and "python</span>" in html
    assert COLOUR_SPAN not in html[html.index("<pre") :]
    assert "return x &lt; 1</pre>" in html
    assert "copy-code" not in html


def test_tail_looks_like_the_full_render_outside_code(renderer: MarkdownRenderer) -> None:
    text = "## Heading\nSome *text* with `code` and a [link](https://example.com).\n- a\n- b\n"
    assert renderer.render_tail(text) == renderer.render(text)


# -- the streaming splitter ----------------------------------------------------------------------


def test_blocks_close_once_a_following_line_starts(renderer: MarkdownRenderer) -> None:
    stream = StreamingMarkdown(renderer)
    stream.feed("# Title\n\nA paragraph")
    assert stream.take_closed_html() == "<h1>Title</h1>\n"
    assert stream.take_closed_html() == ""
    assert stream.tail_html() == "<p>A paragraph</p>\n"
    stream.feed(" goes on.\n\n")
    assert stream.take_closed_html() == ""  # the next line may still continue it (indented)
    stream.feed("N")
    assert stream.take_closed_html() == "<p>A paragraph goes on.</p>\n"
    assert stream.tail_html() == "<p>N</p>\n"
    assert stream.finish() == "<p>N</p>\n"
    assert stream.tail_html() == ""


def test_open_fence_streams_plain_then_closes_highlighted(renderer: MarkdownRenderer) -> None:
    stream = StreamingMarkdown(renderer)
    stream.feed("```python\nx = 1\n\n\ny = 2\n")
    assert stream.take_closed_html() == ""  # blank lines inside a fence close nothing
    tail = stream.tail_html()
    assert "x = 1\n\n\ny = 2</pre>" in tail and "copy-code" not in tail
    stream.feed("```\nAfter")
    closed = stream.take_closed_html()
    assert COLOUR_SPAN in closed and len(copy_ids(closed)) == 1
    assert renderer.code_for(copy_ids(closed)[0]) == "x = 1\n\n\ny = 2"


@pytest.mark.parametrize(
    ("opener", "not_closers"),
    [("````", ["```", "~~~~", "     ````"]), ("~~~", ["```", "~~"]), ("  1. ```sh", ["``"])],
)
def test_fence_closing_follows_commonmark(
    renderer: MarkdownRenderer, opener: str, not_closers: list[str]
) -> None:
    stream = StreamingMarkdown(renderer)
    stream.feed(f"{opener}\ncode\n\n" + "\n\n".join(not_closers) + "\n\nNext\n\n")
    assert stream.take_closed_html() == ""


def test_backtick_info_with_a_backtick_opens_no_fence(renderer: MarkdownRenderer) -> None:
    stream = StreamingMarkdown(renderer)
    stream.feed("```a`b\n\nNext")
    assert stream.take_closed_html() == "<p>```a`b</p>\n"


def test_indented_lines_after_a_blank_continue_the_block(renderer: MarkdownRenderer) -> None:
    stream = StreamingMarkdown(renderer)
    stream.feed("- item\n\n  second paragraph\n\n      code in item\n\nNext")
    closed = normalised(stream.take_closed_html())
    whole = renderer.render("- item\n\n  second paragraph\n\n      code in item\n")
    assert closed == normalised(whole) and "code in item</pre>" in closed


def test_ordered_list_split_by_blank_lines_keeps_its_numbering(
    renderer: MarkdownRenderer,
) -> None:
    html = stream_whole(renderer, ["1. one\n\n2. two\n\n3. three\n"])
    assert html.count("<ol") == 3 and '<ol start="2">' in html and '<ol start="3">' in html


def test_streaming_equals_rendering_each_block(renderer: MarkdownRenderer) -> None:
    expected = normalised("".join(renderer.render(block) for block in BLOCKS))
    assert normalised(stream_whole(renderer, [DOC])) == expected


def test_every_split_offset_gives_the_same_html(renderer: MarkdownRenderer) -> None:
    expected = normalised("".join(renderer.render(block) for block in BLOCKS))
    for offset in range(len(DOC) + 1):
        html = stream_whole(renderer, [DOC[:offset], DOC[offset:]])
        assert normalised(html) == expected, f"split at {offset}: {DOC[offset : offset + 20]!r}"


def test_one_character_at_a_time_gives_the_same_html(renderer: MarkdownRenderer) -> None:
    expected = normalised("".join(renderer.render(block) for block in BLOCKS))
    assert normalised(stream_whole(renderer, list(DOC))) == expected
    assert normalised(stream_whole(renderer, list(DOC), take_every=7)) == expected


def test_independent_blocks_stream_to_the_whole_render(renderer: MarkdownRenderer) -> None:
    text = (
        "# Title\n\nPara *x*.\n```python\nx = 1\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "> quote\n\n---\n\n- a\n- b\n\nEnd.\n"
    )
    assert normalised(stream_whole(renderer, list(text))) == normalised(renderer.render(text))


def test_text_and_finish(renderer: MarkdownRenderer) -> None:
    stream = StreamingMarkdown(renderer)
    assert stream.finish() == "" and stream.text == ""
    stream = StreamingMarkdown(renderer)
    stream.feed("abc\n\n  \n")
    assert stream.text == "abc\n\n  \n"
    assert stream.finish() == "<p>abc</p>\n"
    assert stream.finish() == ""
    with pytest.raises(RuntimeError):
        stream.feed("more")


@pytest.mark.parametrize("piece", [1, 20])
def test_scanning_is_linear(renderer: MarkdownRenderer, piece: int) -> None:
    counts = []
    for paragraphs in (100, 200):
        text = long_reply(paragraphs)
        stream = StreamingMarkdown(renderer)
        previous = 0
        for i in range(0, len(text), piece):
            stream.feed(text[i : i + piece])
            assert stream.chars_scanned >= previous
            previous = stream.chars_scanned
        assert stream.chars_scanned <= 3 * len(text)
        counts.append(stream.chars_scanned / len(text))
    assert counts[1] <= counts[0] * 1.05  # twice the text, twice the work: no n² term


@pytest.mark.parametrize(
    "text",
    [
        "x" * 20_000,  # one endless line
        "```\n" + "line\n\n" * 4_000,  # an endless open fence
        "para\n\n" + " " * 20_000,  # an ended block, and a blank line that never decides
    ],
    ids=["long-line", "open-fence", "undecided-blank"],
)
def test_scanning_pathological_input_char_by_char_is_linear(
    renderer: MarkdownRenderer, text: str
) -> None:
    stream = StreamingMarkdown(renderer)
    for char in text:
        stream.feed(char)
    assert stream.chars_scanned <= 3 * len(text) + 2
