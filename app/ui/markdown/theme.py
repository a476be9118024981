"""Colours of rendered Markdown: light, dark, and high contrast on either."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """Colours of rendered Markdown (CSS colour strings) and the Pygments style for code."""

    text: str
    muted: str
    link: str
    code_background: str
    code_border: str
    inline_code_background: str
    pygments_style: str


LIGHT = Theme(
    text="#1f2328",
    muted="#59636e",
    link="#0969da",
    code_background="#f6f8fa",
    code_border="#d1d9e0",
    inline_code_background="#eaeef2",
    pygments_style="default",
)
DARK = Theme(
    text="#e6edf3",
    muted="#9198a1",
    link="#4493f8",
    code_background="#161b22",
    code_border="#3d444d",
    inline_code_background="#2d333b",
    pygments_style="github-dark",
)
# High contrast: text and links at full strength, borders as strong as text, no grey-on-grey.
HIGH_CONTRAST_LIGHT = Theme(
    text="#000000",
    muted="#1a1a1a",
    link="#0000b3",
    code_background="#ffffff",
    code_border="#000000",
    inline_code_background="#e6e6e6",
    pygments_style="bw",
)
HIGH_CONTRAST_DARK = Theme(
    text="#ffffff",
    muted="#f0f0f0",
    link="#ffff00",
    code_background="#000000",
    code_border="#ffffff",
    inline_code_background="#333333",
    pygments_style="github-dark",
)
