"""TimelineJS quirks met in real stories (issue 11): the welcome page's `slides` root, v2 clock
times and eras, embedded and credited media, display dates, titles."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEST_DATA
from timeline.core.model import Event, Timeline
from timeline.data.dataset import Dataset
from timeline.data.opening import open_timeline_file

IMPORTS = TEST_DATA / "import"


def opened(name: str) -> Dataset:
    return open_timeline_file(IMPORTS / name)


def by_id(timeline: Timeline) -> dict[str, Event]:
    return {event.id: event for event in timeline.events}


def notes_of(result: Dataset) -> list[str]:
    return [f"{note.where}: {note.message}" for note in result.notes]


def test_a_story_under_timeline_slides_imports_every_dated_slide() -> None:
    result = opened("story-slides.json")
    timeline = result.timeline
    assert (timeline.title, timeline.description) == ("Welcome to the story", "Told in slides.")
    assert len(timeline.events) == 7  # 8 slides, the first undated one is the title


def test_embedded_media_keeps_its_address_and_credits_name_the_publisher() -> None:
    events = by_id(opened("story-slides.json").timeline)
    easy = events["easy-to-make"].sources[0]
    assert (easy.url, easy.title, easy.publisher) == (
        "https://example.org/step3.png",
        "Step three",
        "Knight Lab",
    )
    video = events["an-embedded-video"].sources[0]
    assert (video.url, video.publisher) == (
        "https://www.youtube.com/embed/lIvftGgps24",
        "Georges Méliès",
    )
    assert events["blockquote"].summary == "You have brains in your head.\n— Dr. Seuss"
    assert events["a-photo-with-no-headline"].title == "A photo with no headline"  # its caption


def test_media_that_cannot_be_kept_is_noted_with_its_credit() -> None:
    assert notes_of(opened("story-slides.json")) == [
        "slide 4 ('An embed with no address'): media '<iframe srcdoc=\"<p>hello</p>\"></iframe>' has no web address: not kept",
        "slide 6 ('Relative media'): media '/static/img/a.png' (credit 'Staff photographer') is not a web address: not kept as a source",
        "slide 7 ('A credit without media'): media credit 'Someone' has no media: not kept",
    ]


def test_v2_clock_times_iso_dates_eras_and_the_file_name_as_title() -> None:
    result = open_timeline_file(Path(IMPORTS / "story-v2-untitled.json").absolute())
    timeline = result.timeline
    assert timeline.title == "story-v2-untitled.json"  # not the path as typed
    events = by_id(timeline)
    ride = events["first-ride"]
    assert (ride.date.text, ride.date.precision) == ("1896-09-10T12:06", "minute")
    assert (ride.sources[0].publisher, ride.sources[0].title) == ("City archive", "The car")
    seconds = events["with-seconds"]
    assert (seconds.date.text, seconds.end.text if seconds.end else None) == (
        "1896-09-10T12:06:30",
        "1896-09-10T14:00",
    )
    assert seconds.sources[0].url == "https://player.vimeo.com/video/105602328"
    assert events["written-as-iso"].date.text == "1903-12-17"
    assert notes_of(result) == [
        "date 4 ('Too many parts'): date '1,2,3,4,5,6,7': more than 6 parts (year to second): left out",
        "era 1 ('Early years'): not kept: the events format has no eras",
        "era 2: not kept: the events format has no eras",
    ]


def test_display_dates_mark_guesses_and_only_what_says_more_is_noted() -> None:
    result = opened("story-display-dates.json")
    events = by_id(result.timeline)
    approximate = {event_id for event_id, event in events.items() if event.approximate}
    assert approximate == {
        "capital-c",
        "around",
        "circa",
        "ca",
        "about",
        "early-decade",
        "between",
        "guess-with-no-end",
        "our-own-export",
    }
    assert notes_of(result) == [
        "event 10 ('Says more'): display date 'The Moon Landing' not kept: dates show at their precision",
        "event 11 ('Guess with no end'): display date 'between 1670 and 1672' not kept: dates show at their precision",
    ]


def test_a_title_given_as_a_list_of_one_slide_titles_the_story() -> None:
    timeline = opened("story-display-dates.json").timeline
    assert (timeline.title, timeline.description) == (
        "Display dates",
        "How a story words its dates.",
    )


def test_a_title_list_of_several_slides_and_a_title_that_is_no_slide_are_noted(
    tmp_path: Path,
) -> None:
    several = tmp_path / "several.json"
    several.write_text(
        '{"title": [{"text": {"headline": "One"}}, {"text": {"headline": "Two"}}], "events": []}'
    )
    assert open_timeline_file(several).timeline.title == "One"
    assert notes_of(open_timeline_file(several)) == [
        "title: a list of 2 slides: the first titles the story"
    ]
    odd = tmp_path / "odd.json"
    odd.write_text('{"title": 5, "events": []}')
    assert open_timeline_file(odd).timeline.title == "odd.json"
    assert notes_of(open_timeline_file(odd)) == ["title: not a slide with text: not kept"]
