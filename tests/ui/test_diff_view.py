"""The diff views: removed and added words marked (not by colour alone), escaped, bounded, in sync."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.prompts.diff import diff_texts
from app.ui.diff import diff_html
from app.ui.diff.diff_view import DiffView, SideBySideDiffView


def test_inline_view_marks_removed_and_added_words(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.compare(
        "You are a concise assistant.",
        "You are a friendly assistant.",
        old_name="v1",
        new_name="v2",
    )
    assert view.summary.text() == "From v1 to v2: 1 words added, 1 removed."
    html = view.browser.toHtml()
    assert "line-through" in html and "underline" in html
    assert view.browser.toPlainText() == "You are a concise friendly assistant."


def test_identical_texts_say_so(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.compare("same", "same", old_name="version 2", new_name="your edit")
    assert view.summary.text() == "No differences: version 2 and your edit are the same text."


def test_markup_in_the_texts_is_shown_as_text(qtbot: QtBot) -> None:
    view = SideBySideDiffView()
    qtbot.addWidget(view)
    view.compare("<b>bold</b> & {{x}}", "<script>alert(1)</script> & {{y}}")
    assert view.old_browser.toPlainText() == "<b>bold</b> & {{x}}"
    assert view.new_browser.toPlainText() == "<script>alert(1)</script> & {{y}}"


def test_a_huge_diff_is_cut_with_a_note(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff_html, "MAX_SHOWN_CHARS", 1_000)
    view = DiffView()
    qtbot.addWidget(view)
    view.compare("a " * 2_000, "b " * 2_000)
    text = view.browser.toPlainText()
    assert "Only the first 1,000 characters are shown." in text
    assert len(text) < 1_200


def test_side_by_side_shows_each_text_on_its_side(qtbot: QtBot) -> None:
    view = SideBySideDiffView()
    qtbot.addWidget(view)
    view.compare("one two three", "one 2 three", old_name="Version 1", new_name="Version 2")
    assert view.old_browser.toPlainText() == "one two three"
    assert view.new_browser.toPlainText() == "one 2 three"
    assert "line-through" in view.old_browser.toHtml()
    assert "underline" in view.new_browser.toHtml()
    assert view.old_browser.accessibleName() == "Version 1, removed words struck through"


def test_side_by_side_scrolls_together(qtbot: QtBot) -> None:
    view = SideBySideDiffView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    old = "".join(f"line {i}\n" for i in range(400))
    new = "".join(f"{'row' if i % 30 == 0 else 'line'} {i}\n" for i in range(400))
    view.compare(old, new)  # a change every 30 lines: nothing folded
    old_bar = view.old_browser.verticalScrollBar()
    new_bar = view.new_browser.verticalScrollBar()
    assert old_bar.maximum() > 0
    old_bar.setValue(old_bar.maximum() // 2)
    assert new_bar.value() == pytest.approx(new_bar.maximum() // 2, abs=2)
    new_bar.setValue(0)
    assert old_bar.value() == 0


def test_summary_counts_words() -> None:
    d = diff_texts("a b c", "a x y c")
    assert diff_html.summary(d) == "From old to new: 2 words added, 1 removed."


def test_names_are_shown_as_text(qtbot: QtBot) -> None:
    view = SideBySideDiffView()
    qtbot.addWidget(view)
    view.compare("a", "b", old_name="<i>v1</i> & co", new_name="v2")
    assert "&lt;i&gt;v1&lt;/i&gt; &amp; co" in view.old_title.text()
    assert view.summary.text().startswith("From <i>v1</i> & co to v2")
    assert view.summary.textFormat() is Qt.TextFormat.PlainText


def test_every_change_of_a_long_prompt_is_drawn(qtbot: QtBot) -> None:
    # 420,000 characters changed only near the end: the unchanged stretch is folded, so the
    # change is drawn even though the text is longer than what a view draws at most.
    lines = [f"line {i} of a long prompt that keeps going for a while\n" for i in range(8_000)]
    old = "".join(lines)
    new = "".join(lines[:-3]) + "the changed ending\n" + "".join(lines[-2:])
    assert len(old) > diff_html.MAX_SHOWN_CHARS
    view = DiffView()
    qtbot.addWidget(view)
    view.compare(old, new)
    text = view.browser.toPlainText()
    assert "the changed ending" in text
    assert "⋯ 7,992 unchanged lines ⋯" in text
    assert "Only the first" not in text
    assert "line 7994 of" in text  # context kept before the change


def test_short_unchanged_stretches_and_identical_texts_are_not_folded(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    text = "".join(f"line {i}\n" for i in range(100))
    view.compare(text, text)
    assert view.browser.toPlainText().strip() == text.strip()
    short = "".join(f"line {i}\n" for i in range(30))
    view.compare(short, short + "one more\n")
    assert "unchanged lines" not in view.browser.toPlainText()
