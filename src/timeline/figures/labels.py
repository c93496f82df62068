"""Label layout for the timeline: every event gets its date and full title, wrapped, placed above
its mark in its lane where it overlaps no other label and no mark; when the labels cannot all fit
in the height a chart may take, the events that do not fit get a number instead, and a key lists
them.

Everything here is in pixels of the plot area (x to the right, y downwards from the plot's top),
so it can be checked without drawing. Placement is greedy and deterministic: events in time
order, each label at the lowest free spot above its mark (a "skyline" packing, as in labelled
timeline graphics); the lane grows to hold its tallest stack. A leader line joins a label to its
mark. Lanes hold their marks at the bottom, in sub-rows where they crowd (`figures.rows`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from timeline.figures.measure import TextMeasure
from timeline.figures.rows import NumberRows, mark_regions, mark_rows, row_height

LABEL_GAP_X = 10  # px between two labels side by side
LABEL_GAP_Y = 3  # px between two labels one above the other
LIFT = 7  # px from the top of the mark row to the lowest label's bottom (room for the leader)
LEADER_OFFSET = 3  # px from the leader line to the label's text
LANE_TOP = 6  # px of air at the top of a lane
LANE_BOTTOM = 6
NUMBER_PADDING = 4  # px either side of a number
BUCKET = 64  # px: placed boxes are indexed by the stretches of x they cover


@dataclass(frozen=True)
class LabelRequest:
    """An event to label: its key (the event id), where its mark is, and the label's text."""

    key: str
    lane: int
    x: float
    text: str


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class PlacedLabel:
    """A label as drawn: its box (plot pixels), its lines, the mark it belongs to, and its
    number when the event is numbered instead of titled."""

    key: str
    lane: int
    box: Box
    lines: tuple[str, ...]
    mark: tuple[float, float]
    number: int | None = None


@dataclass(frozen=True)
class LaneGeometry:
    top: float
    height: float
    mark_y: tuple[float, ...]  # y of each mark sub-row, top one first

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class LabelLayout:
    labels: tuple[PlacedLabel, ...]
    lanes: tuple[LaneGeometry, ...]
    mark_y: dict[tuple[str, int], float]  # (event key, lane) -> y of its mark
    height: float

    @property
    def numbered(self) -> tuple[PlacedLabel, ...]:
        return tuple(label for label in self.labels if label.number is not None)


@dataclass(frozen=True)
class LayoutSettings:
    plot_width: float
    measure: TextMeasure
    label_width: float  # the widest a label may be before it wraps
    mark_size: float
    max_height: float  # beyond this plot height, events are numbered instead of titled
    number_all: bool = False  # number every event (tests, or a caller's choice)


def layout_labels(
    requests: Sequence[LabelRequest],
    marks: Sequence[tuple[str, int, float]],
    lane_count: int,
    settings: LayoutSettings,
) -> LabelLayout:
    """Place a label for every request. `marks` are (key, lane, x) for every mark drawn, the
    labelled ones and their copies in other lanes."""
    rows = mark_rows(marks, settings.mark_size)
    regions = mark_regions(rows, lane_count, settings.mark_size)
    ordered = sorted(requests, key=lambda r: (r.x, r.lane, r.key))
    titles_tried = not settings.number_all and _letters_fit(ordered, regions, settings)
    texts = {r.key: _lines(r.text, settings) for r in ordered} if titles_tried else {}
    if titles_tried and _might_fit(texts, regions, settings):
        titled = _stacks(ordered, texts, settings, cap=None)
        if _total(titled, regions) <= settings.max_height:
            return _assemble(titled, rows, regions, settings)
    numbered = _number_stacks(ordered, settings)
    if settings.number_all or _total(numbered, regions) > settings.max_height:
        return _assemble(numbered, rows, regions, settings)  # even numbers alone fill the page
    texts = texts or {r.key: _lines(r.text, settings) for r in ordered}  # 0.2 s at 4,000: late
    cap = _largest_cap(ordered, texts, regions, settings)
    return _assemble(_stacks(ordered, texts, settings, cap), rows, regions, settings)


def _might_fit(
    texts: dict[str, tuple[str, ...]], regions: list[float], settings: LayoutSettings
) -> bool:
    """False when the labels' area alone exceeds the plot's: no packing could hold them all
    (so a view of thousands of events does not try)."""
    line = settings.measure.line_height
    area = sum(
        settings.label_width * line * len(lines) for lines in texts.values() if len(lines) > 1
    ) + sum(
        settings.measure.line_width(lines[0]) * line for lines in texts.values() if len(lines) == 1
    )
    room = (settings.max_height - sum(regions)) * settings.plot_width
    return area <= room


NARROWEST_GLYPH = 0.19  # em: Arial's and Liberation Sans' narrowest printing character (')


def _letters_fit(
    ordered: Sequence[LabelRequest], regions: list[float], settings: LayoutSettings
) -> bool:
    """`_might_fit` bounded from below without wrapping: a title covers at least its letters (a
    space may become a line break), each at least NARROWEST_GLYPH wide, and a line high."""
    letters, em = sum(len(r.text) - r.text.count(" ") for r in ordered), settings.measure.size
    area = letters * NARROWEST_GLYPH * em * settings.measure.line_height
    return area <= (settings.max_height - sum(regions)) * settings.plot_width


def _lines(text: str, settings: LayoutSettings) -> tuple[str, ...]:
    return tuple(settings.measure.wrap(text, settings.label_width))


@dataclass
class _Stack:
    """The labels of one lane, as boxes with y measured upwards from the lowest label's bottom
    (so a lane's stack height is known before the lanes are stacked on the page)."""

    placed: list[tuple[LabelRequest, Box, tuple[str, ...], bool]] = field(default_factory=list)
    buckets: dict[int, list[Box]] = field(default_factory=lambda: defaultdict(list))

    @property
    def height(self) -> float:
        return max((box.bottom for _, box, _, _ in self.placed), default=0.0)

    def add(self, request: LabelRequest, box: Box, lines: tuple[str, ...], numbered: bool) -> None:
        self.placed.append((request, box, lines, numbered))
        for bucket in range(int(box.left // BUCKET), int(box.right // BUCKET) + 1):
            self.buckets[bucket].append(box)

    def near(self, left: float, right: float) -> list[Box]:
        found: dict[int, Box] = {}
        first, last = int((left - LABEL_GAP_X) // BUCKET), int((right + LABEL_GAP_X) // BUCKET)
        for bucket in range(first, last + 1):
            for box in self.buckets.get(bucket, ()):
                found[id(box)] = box
        return list(found.values())


def _stacks(
    ordered: Sequence[LabelRequest],
    texts: dict[str, tuple[str, ...]],
    settings: LayoutSettings,
    cap: float | None,
) -> dict[int, _Stack]:
    """Each lane's labels placed lowest-first; with a `cap`, a title that would rise above it
    becomes a number (placed wherever it fits, above the cap if it must)."""
    stacks: dict[int, _Stack] = defaultdict(_Stack)
    deque(_placing(ordered, texts, settings, cap, stacks), maxlen=0)  # place them all
    return stacks


def _placing(
    ordered: Sequence[LabelRequest],
    texts: dict[str, tuple[str, ...]],
    settings: LayoutSettings,
    cap: float | None,
    stacks: dict[int, _Stack],
) -> Iterator[tuple[int, Box]]:
    """`_stacks`, yielding each label's lane and box once placed (so a caller can stop)."""
    digits = len(str(len(ordered)))
    for request in ordered:
        stack = stacks[request.lane]
        lines = texts[request.key]
        width, height = _size(lines, settings)
        box = _lowest_free(stack, request.x, width, height, settings.plot_width)
        numbered = cap is not None and box.bottom > cap
        if numbered:
            lines = ("0" * digits,)
            box = _lowest_free(
                stack, request.x, *_number_size(digits, settings), settings.plot_width
            )
        stack.add(request, box, lines, numbered)
        yield request.lane, box


def _number_stacks(ordered: Sequence[LabelRequest], settings: LayoutSettings) -> dict[int, _Stack]:
    """Every event numbered: what `_stacks` gives with a cap of zero, in linear time. Numbers all
    have one size, so a lane's numbers sit in rows (first fit only ever puts a box on the ground
    or right on top of another), and the rows a number may take are found from each row's
    rightmost box alone (see `NumberRows`)."""
    digits = len(str(len(ordered)))
    width, height = _number_size(digits, settings)
    by_lane: dict[int, list[LabelRequest]] = defaultdict(list)
    for request in ordered:
        by_lane[request.lane].append(request)
    stacks: dict[int, _Stack] = {}
    for lane, requests in by_lane.items():
        rows = NumberRows(len(requests), (width, height), (LABEL_GAP_X, LABEL_GAP_Y))
        stack = stacks[lane] = _Stack()
        for request in requests:
            left, top = rows.place(_sides(request.x, width, settings.plot_width))
            stack.add(request, Box(left, top, width, height), ("0" * digits,), True)
    return stacks


def _size(lines: tuple[str, ...], settings: LayoutSettings) -> tuple[float, float]:
    measure = settings.measure
    width = max(measure.line_width(line) for line in lines) + LEADER_OFFSET + 1
    return width, measure.line_height * len(lines)


def _number_size(digits: int, settings: LayoutSettings) -> tuple[float, float]:
    measure = settings.measure
    return measure.width("0" * digits) + 2 * NUMBER_PADDING, measure.line_height


def _sides(x: float, width: float, plot_width: float) -> list[float]:
    """Where the label's left edge may go: right of its mark, or left of it, each pushed inside
    the plot when the room on that side is too narrow."""
    right_of = min(max(x, 0.0), max(0.0, plot_width - width))
    left_of = min(max(x - width, 0.0), max(0.0, plot_width - width))
    return [right_of] if left_of == right_of else [right_of, left_of]


def _lowest_free(stack: _Stack, x: float, width: float, height: float, plot_width: float) -> Box:
    """The lowest free spot for the label, right of its mark or left of it (right wins a tie):
    trying both sides halves the stacks where events crowd."""
    boxes = [_first_fit(stack, left, width, height) for left in _sides(x, width, plot_width)]
    return min(boxes, key=lambda box: box.top)


def _first_fit(stack: _Stack, left: float, width: float, height: float) -> Box:
    """The lowest spot above the stack's base where a label with this left edge overlaps no
    placed label (first fit over the placed labels that share its stretch of x, bottom-up)."""
    right = left + width
    sharing = sorted(
        (box.top, box.bottom)
        for box in stack.near(left, right)
        if box.left < right + LABEL_GAP_X and left < box.right + LABEL_GAP_X
    )
    bottom = 0.0  # in a stack, `top` holds the height above the base and `bottom` the top edge
    for lower, upper in sharing:
        if lower >= bottom + height + LABEL_GAP_Y:
            break
        bottom = max(bottom, upper + LABEL_GAP_Y)
    return Box(left, bottom, width, height)


def _lane_height(stack_height: float, mark_region: float) -> float:
    if not stack_height:  # a lane without labels: its marks and a little air
        return LANE_TOP / 2 + mark_region + LANE_BOTTOM / 2
    return LANE_TOP + stack_height + LIFT + mark_region + LANE_BOTTOM


def _total(stacks: dict[int, _Stack], regions: list[float]) -> float:
    return sum(
        _lane_height(stacks[lane].height if lane in stacks else 0.0, region)
        for lane, region in enumerate(regions)
    )


def _largest_cap(
    ordered: Sequence[LabelRequest],
    texts: dict[str, tuple[str, ...]],
    regions: list[float],
    settings: LayoutSettings,
) -> float:
    """The tallest label stack a lane may have (above it, titles become numbers) such that the
    whole plot fits `max_height`; found by bisection. Zero numbers every event."""
    low, high = 0.0, settings.max_height
    steps = 12 if len(ordered) <= 1_000 else 6  # each step packs every label again
    for _ in range(steps):
        middle = (low + high) / 2
        if _fits(ordered, texts, regions, settings, middle):
            low = middle
        else:
            high = middle
    return low


def _fits(
    ordered: Sequence[LabelRequest],
    texts: dict[str, tuple[str, ...]],
    regions: list[float],
    settings: LayoutSettings,
    cap: float,
) -> bool:
    """`_total(_stacks(...)) <= max_height`, stopping as soon as the lanes placed so far are too
    tall (stacks only grow): a failing bisection step stops partway."""
    heights = [0.0] * len(regions)
    total = sum(_lane_height(0.0, region) for region in regions)
    for lane, box in _placing(ordered, texts, settings, cap, defaultdict(_Stack)):
        if box.bottom > heights[lane]:
            grown = _lane_height(box.bottom, regions[lane])
            total += grown - _lane_height(heights[lane], regions[lane])
            heights[lane] = box.bottom
            if total > settings.max_height + 1e-6:  # beyond any rounding of the running sum
                return False
    exact = sum(_lane_height(h, region) for h, region in zip(heights, regions, strict=True))
    return exact <= settings.max_height  # summed as `_total` sums


def _assemble(
    stacks: dict[int, _Stack],
    rows: dict[tuple[str, int], int],
    regions: list[float],
    settings: LayoutSettings,
) -> LabelLayout:
    """Lanes stacked top to bottom; label boxes and marks turned into plot pixels; numbers given
    in time order."""
    lanes: list[LaneGeometry] = []
    top = 0.0
    for lane, region in enumerate(regions):
        stack_height = stacks[lane].height if lane in stacks else 0.0
        height = _lane_height(stack_height, region)
        bottom_air = LANE_BOTTOM if stack_height else LANE_BOTTOM / 2
        pitch = row_height(settings.mark_size)
        first_mark = top + height - bottom_air - region + pitch / 2
        marks = tuple(first_mark + row * pitch for row in range(int(region // pitch)))
        lanes.append(LaneGeometry(top, height, marks))
        top += height
    mark_y = {(key, lane): lanes[lane].mark_y[row] for (key, lane), row in rows.items()}
    labels = _placed(stacks, lanes, mark_y, settings)
    return LabelLayout(_numbered(labels), tuple(lanes), mark_y, top)


def _placed(
    stacks: dict[int, _Stack],
    lanes: list[LaneGeometry],
    mark_y: dict[tuple[str, int], float],
    settings: LayoutSettings,
) -> list[PlacedLabel]:
    placed = []
    for lane, stack in stacks.items():
        base = lanes[lane].top + LANE_TOP + stack.height  # the stack's lowest label's bottom
        for request, box, lines, numbered in stack.placed:
            page_box = Box(box.left, base - box.top - box.height, box.width, box.height)
            mark = (request.x, mark_y[(request.key, lane)])  # every label's event has a mark
            number = 0 if numbered else None
            placed.append(PlacedLabel(request.key, lane, page_box, lines, mark, number))
    return placed


def _numbered(labels: list[PlacedLabel]) -> tuple[PlacedLabel, ...]:
    """Numbers 1, 2, ... in time order (then top to bottom) for the numbered labels."""
    ordered = sorted(labels, key=lambda label: (label.mark[0], label.mark[1], label.key))
    result = []
    count = 0
    for label in ordered:
        if label.number is not None:
            count += 1
            label = PlacedLabel(label.key, label.lane, label.box, (str(count),), label.mark, count)
        result.append(label)
    return tuple(result)
