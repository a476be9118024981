"""Colours of rendered Markdown, light and dark."""

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
