"""Times in exported files: what is read can always be written back, and writing never fails."""

from __future__ import annotations

import math

import pytest

from app.core.iso_times import LATEST, from_iso, iso


def test_a_time_round_trips() -> None:
    assert iso(1.5e9) == "2017-07-14T02:40:00+00:00"
    assert from_iso(iso(1.5e9)) == 1.5e9
    assert from_iso("2017-07-14T04:40:00+02:00") == 1.5e9
    assert from_iso("2017-07-14T02:40:00") == 1.5e9  # no zone: UTC
    assert from_iso(iso(LATEST)) == LATEST


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59-14:00",  # the year 10000 in UTC: could not be written back
        "1969-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00",
        "yesterday",
        "2024-01-01T00:00:00+00:00" + " " * 64,
        1.5e9,
        None,
        [],
    ],
)
def test_what_cannot_be_written_back_is_not_read(text: object) -> None:
    assert from_iso(text) is None


@pytest.mark.parametrize(
    ("stamp", "written"),
    [
        (LATEST + 86_400 * 365, "9999-12-31T23:59:59+00:00"),
        (1e300, "9999-12-31T23:59:59+00:00"),
        (math.inf, "9999-12-31T23:59:59+00:00"),
        (math.nan, "1970-01-01T00:00:00+00:00"),
        (-1e12, "1970-01-01T00:00:00+00:00"),
    ],
)
def test_a_damaged_time_is_written_clamped_never_raised(stamp: float, written: str) -> None:
    assert iso(stamp) == written
