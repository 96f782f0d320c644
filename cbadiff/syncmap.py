"""Scroll-position mapping between two panes that show aligned rows of different heights.

The old and the new text of an article are laid out in two panes; row ``i`` of one pane (a
paragraph, or the placeholder for one that was added or deleted) is aligned with row ``i`` of the
other, but the rows have different heights. Like Meld's scroll sync, a position inside row ``i`` of
one pane maps to the same relative position inside row ``i`` of the other, and a position in the
gap between two rows maps linearly into the matching gap. The point of the viewport that is kept
in step slides from the top of the screen (at the top of the document) through its middle to its
bottom (at the end), so both documents' first and last lines come into view even when their
lengths differ.

Pure Python, no Qt: the desktop app measures the rows and moves the scroll bars.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Row = tuple[float, float]  # (top, bottom) of one aligned row, in the pane's own unit


class SyncMap:
    """A monotone piecewise-linear map from one pane's positions to the other's."""

    def __init__(
        self, src_rows: Sequence[Row], dst_rows: Sequence[Row], src_total: float, dst_total: float
    ) -> None:
        if len(src_rows) != len(dst_rows):
            raise ValueError(f"panes have {len(src_rows)} and {len(dst_rows)} aligned rows")
        xs: list[float] = [0.0]
        ys: list[float] = [0.0]
        for (s_top, s_bottom), (d_top, d_bottom) in zip(src_rows, dst_rows, strict=True):
            for x, y in ((s_top, d_top), (s_bottom, d_bottom)):
                # Layouts are monotone, but clamp anyway so a rounding glitch never makes the map
                # run backwards (a pane that jumps up while the other scrolls down).
                xs.append(max(x, xs[-1]))
                ys.append(max(y, ys[-1]))
        xs.append(max(src_total, xs[-1]))
        ys.append(max(dst_total, ys[-1]))
        self._xs = xs
        self._ys = ys

    def __call__(self, x: float) -> float:
        """The position in the other pane that corresponds to ``x`` in this one."""
        xs, ys = self._xs, self._ys
        if x <= xs[0]:
            return ys[0]
        if x >= xs[-1]:
            return ys[-1]
        i = bisect_right(xs, x) - 1  # xs[i] <= x < xs[i + 1]
        x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
        if x1 <= x0:
            return y1
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def sync_anchor(value: float, page: float, maximum: float) -> float:
    """Where in the viewport (0 top .. 1 bottom) the point kept in step sits.

    Half a page from either end it slides from the middle to that end, so at the very top both
    panes show their first line and at the very bottom both show their last.
    """
    if maximum <= 0 or page <= 0:
        return 0.0
    value = min(max(value, 0.0), maximum)
    if maximum <= page:
        return value / maximum
    half = page / 2
    if value < half:
        return 0.5 * value / half
    if value > maximum - half:
        return 1.0 - 0.5 * (maximum - value) / half
    return 0.5


def synced_value(
    mapping: SyncMap,
    value: float,
    page: float,
    maximum: float,
    dst_page: float,
    dst_maximum: float,
) -> float:
    """The other pane's scroll value when this pane's scroll bar is at ``value``.

    ``page`` and ``maximum`` are this pane's scroll bar's page step and maximum; ``dst_page`` and
    ``dst_maximum`` the other pane's. The result is clamped to the other bar's range.
    """
    anchor = sync_anchor(value, page, maximum)
    target = mapping(value + anchor * page) - anchor * dst_page
    return min(max(target, 0.0), max(dst_maximum, 0.0))
