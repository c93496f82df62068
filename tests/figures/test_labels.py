"""The label layout on its own, in pixels: no label overlaps another, every request is placed
(titled or numbered), inside the plot, the same every time."""

from __future__ import annotations

import random

from timeline.figures.labels import LabelLayout, LabelRequest, LayoutSettings, layout_labels
from timeline.figures.measure import TextMeasure

WORDS = [
    "talks",
    "round",
    "ceasefire",
    "Istanbul",
    "Kyiv",
    "delegation",
    "memorandum",
    "prisoners",
    "summit",
    "call",
]


def requests(count: int, lanes: int, seed: int = 7) -> list[LabelRequest]:
    chance = random.Random(seed)
    return [
        LabelRequest(
            f"e{n}",
            n % lanes,
            chance.uniform(0, 900),
            "12 May 2025 · " + " ".join(chance.choices(WORDS, k=chance.randint(3, 12))),
        )
        for n in range(count)
    ]


def lay_out(items: list[LabelRequest], lanes: int, max_height: float = 1e9) -> LabelLayout:
    settings = LayoutSettings(900, TextMeasure(12), 220, 13, max_height)
    marks = [(item.key, item.lane, item.x) for item in items]
    return layout_labels(items, marks, lanes, settings)


def overlapping(layout: LabelLayout) -> list[tuple[str, str]]:
    boxes = [(label.key, label.box) for label in layout.labels]
    return [
        (first, second)
        for index, (first, box) in enumerate(boxes)
        for second, other in boxes[index + 1 :]
        if box.overlaps(other)
    ]


def test_every_event_gets_a_title_when_there_is_room() -> None:
    items = requests(60, 3)
    layout = lay_out(items, 3)
    assert sorted(label.key for label in layout.labels) == sorted(item.key for item in items)
    assert not layout.numbered
    for label, item in zip(
        sorted(layout.labels, key=lambda placed: placed.key),
        sorted(items, key=lambda i: i.key),
        strict=True,
    ):
        assert " ".join(label.lines) == item.text  # wrapped, never cut


def test_no_label_overlaps_another_or_leaves_the_plot() -> None:
    layout = lay_out(requests(200, 4), 4)
    assert overlapping(layout) == []
    assert all(label.box.left >= 0 and label.box.right <= 900 for label in layout.labels)
    assert all(label.box.top >= 0 and label.box.bottom <= layout.height for label in layout.labels)


def test_labels_sit_above_the_marks_of_their_lane() -> None:
    layout = lay_out(requests(80, 2), 2)
    for label in layout.labels:
        lane = layout.lanes[label.lane]
        assert lane.top <= label.box.top and label.box.bottom < label.mark[1] - 13 / 2
        for (key, lane_index), y in layout.mark_y.items():
            if lane_index == label.lane:  # no label covers a mark of its lane
                assert label.box.bottom <= y - 13 / 2 or key == label.key


def test_too_many_for_the_height_are_numbered_in_time_order() -> None:
    items = requests(150, 2)
    layout = lay_out(items, 2, max_height=500)
    assert layout.height <= 500 + 40  # numbers are small: they always fit near the cap
    numbers = [label.number for label in sorted(layout.numbered, key=lambda placed: placed.mark[0])]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 50
    assert overlapping(layout) == []
    titled = [label for label in layout.labels if label.number is None]
    assert len(titled) + len(layout.numbered) == 150


def test_the_same_input_gives_the_same_picture() -> None:
    assert lay_out(requests(120, 3), 3) == lay_out(requests(120, 3), 3)


def test_a_word_wider_than_a_line_is_broken_not_cut() -> None:
    measure = TextMeasure(12)
    lines = measure.wrap("a " + "x" * 80 + " b", 100)
    assert "".join(lines[1:-1]) == "x" * 80 and (lines[0], lines[-1]) == ("a", "b")
    assert all(measure.width(line) <= 100 for line in lines)


def test_scripts_the_font_lacks_are_given_their_room() -> None:
    measure = TextMeasure(12)
    arabic, chinese = "محادثات السلام في إسطنبول", "和平谈判在伊斯坦布尔举行"
    assert measure.width(chinese) >= 12 * len(chinese)  # a full em each, as browsers draw them
    assert measure.width(arabic) >= 12 * 0.7 * len(arabic.replace(" ", ""))
    assert all(measure.width(line) <= 120 for line in measure.wrap(chinese, 120))


def test_numbers_in_rows_sit_where_first_fit_puts_them() -> None:
    """The linear placement of a view where every event is numbered gives the boxes the general
    first fit gives (crowded days, marks at and beyond the plot's edges)."""
    from timeline.figures import labels

    chance = random.Random(11)
    items = [
        LabelRequest(f"e{n}", n % 3, chance.choice([chance.uniform(-5, 905), 450.0]), "x")
        for n in range(600)
    ]
    ordered = sorted(items, key=lambda r: (r.x, r.lane, r.key))
    settings = LayoutSettings(900, TextMeasure(12), 220, 13, 1e9)
    rows = labels._number_stacks(ordered, settings)
    general = labels._stacks(ordered, {item.key: ("x",) for item in items}, settings, cap=0.0)
    assert rows.keys() == general.keys()
    for lane, stack in rows.items():
        assert [box for _, box, _, _ in stack.placed] == [
            box for _, box, _, _ in general[lane].placed
        ]
