"""TimelineJS slides as events, whatever file they came from (JSON v3, legacy v2, the sheet).

TimelineJS has no types, actors or countries: a slide's `group` becomes its type (so the lanes
keep the story's groups) and a tag; links in the text and a web media URL become sources (the
media's caption their title, its credit their publisher); a quotation given as media joins the
summary with its credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from timeline.core.dates import ends_before, parse_date
from timeline.core.model import EVENT_TYPES
from timeline.core.problems import ImportNote
from timeline.core.text import clip
from timeline.importers.common import (
    IdMaker,
    ImportResult,
    Located,
    build_document,
    plain_text,
    slugify,
)
from timeline.importers.display_dates import read_display_date

DEFAULT_TYPE = "slide"
DEFAULT_TYPE_MEANING = "A slide of a TimelineJS story"
TITLE_LENGTH = 150
PUBLISHER_LENGTH = 500
ERA_NOT_KEPT = "not kept: the events format has no eras"


@dataclass(frozen=True)
class Media:
    """A slide's media: its address (or HTML), caption and credit as plain text."""

    url: str = ""
    caption: str = ""
    credit: str = ""


def media_of(value: object, url_key: str = "url") -> Media:
    """TimelineJS media: `{url, caption, credit}` (v2: an `asset` with `media` for the
    address), or a bare address."""
    if isinstance(value, str):
        return Media(value.strip())
    if not isinstance(value, dict):
        return Media()
    caption = plain_text(value.get("caption"))[0].replace("\n", " ")
    credit = "; ".join(plain_text(value.get("credit"))[0].splitlines())
    return Media(str(value.get(url_key) or "").strip(), caption, credit)


class Story:
    """Collects slides as events, with the notes about what did not fit."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: list[ImportNote] = []
        self.events: list[Located] = []
        self.types: dict[str, str] = {}
        self.ids = IdMaker()

    def note(self, where: str, message: str) -> None:
        self.notes.append(ImportNote(self.name, where, message))

    def note_eras(self, eras: object) -> None:
        """Eras (v3 `eras`, v2 `era`) have no place in the events format."""
        if not isinstance(eras, list):
            return
        for number, era in enumerate(eras, start=1):
            self.note(_era_label(number, era), ERA_NOT_KEPT)

    def add(self, where: str, slide: dict[str, Any]) -> None:
        """A slide given as start/end date texts, HTML headline and text, media and group."""
        headline, headline_links = plain_text(slide.get("headline"))
        text, text_links = plain_text(slide.get("text"))
        media = slide.get("media") or Media()
        title = clip((headline or text or media.caption).replace("\n", " ").strip(), TITLE_LENGTH)
        if not title:
            title = f"Untitled slide ({where})"
            self.note(where, "no headline, text or media caption: titled by its place in the file")
        label = f"{where} ('{title[:40]}')"
        if slide.get("start") is None:
            reason = slide.get("date_problem") or "no start date (only a title slide may have none)"
            self.note(label, f"{reason}: left out")
            return
        event: dict[str, Any] = {
            "id": self.ids.make(str(slide.get("id") or "") or title, "slide"),
            "date": slide["start"],
            "title": title,
            "type": self._type(slide.get("group")),
            "sources": self._sources(label, headline_links + text_links, media),
        }
        self._add_end(label, event, slide.get("end"))
        quote = _quote(media)
        summary = f"{text}\n{quote}".strip() if quote else text
        if summary and summary != title:
            event["summary"] = clip(summary)
        if slide.get("group"):
            event["tags"] = [clip(str(slide["group"]).strip(), 200)]
        self._display_date(label, event, plain_text(slide.get("display_date"))[0])
        self.events.append((label, event))

    def _add_end(self, label: str, event: dict[str, Any], end: str | None) -> None:
        if not end or end == event["date"]:
            return
        if ends_before(parse_date(event["date"]), parse_date(end), UTC):
            self.note(label, f"end {end} is before start {event['date']}: end left out")
        else:
            event["end"] = end

    def _display_date(self, label: str, event: dict[str, Any], display: str) -> None:
        """'c. 1677' marks the date approximate; a note only for what says more than the
        dates ('September 1665' for 1665-09 says nothing more)."""
        if not display:
            return
        reading = read_display_date(display, event["date"], event.get("end"))
        if reading.approximate:
            event["approximate"] = True
        if reading.says_more:
            self.note(label, f"display date '{display}' not kept: dates show at their precision")

    def _type(self, group: object) -> str:
        name = clip(str(group or "").strip(), 200)
        if not name:
            self.types[DEFAULT_TYPE] = DEFAULT_TYPE_MEANING
            return DEFAULT_TYPE
        kind = slugify(name, DEFAULT_TYPE).replace("-", "_")
        if kind not in EVENT_TYPES:  # a group named like a built-in type is that type
            self.types[kind] = f"TimelineJS group '{name}'"
        return kind

    def _sources(self, where: str, links: list[str], media: Media) -> list[dict[str, str]]:
        sources = [{"url": link} for link in dict.fromkeys(links)]
        media_source = self._media_source(where, media)
        if media_source:
            sources.append(media_source)
        if not sources:
            sources.append({"title": f"{Path(self.name).name}, {where}"})
        unique = {source.get("url") or source["title"]: source for source in sources}
        return list(unique.values())

    def _media_source(self, where: str, media: Media) -> dict[str, str] | None:
        """The media as a source: a web address, or the address an embed (`<iframe src>`)
        shows; a quotation is kept in the summary instead; anything else is noted."""
        url = media.url
        if url.startswith("<"):
            if url.lstrip().lower().startswith("<blockquote"):
                return None
            url = embedded_address(url)
            if not url:
                self.note(where, f"media {_shown(media.url)} has no web address: not kept")
                return None
        if url.startswith("//"):  # protocol-relative: the page's scheme, https today
            url = "https:" + url
        if not url.startswith(("http://", "https://")):
            if url or media.credit:
                self.note(where, _media_not_kept(url, media.credit))
            return None
        entry = {"url": url}
        if media.caption:
            entry["title"] = clip(media.caption, TITLE_LENGTH)
        if media.credit:
            entry["publisher"] = clip(media.credit, PUBLISHER_LENGTH)
        return entry


def _media_not_kept(url: str, credit: str) -> str:
    credited = f" (credit '{credit[:60]}')" if credit else ""
    if not url:
        return f"media credit '{credit[:60]}' has no media: not kept"
    return f"media '{url[:60]}'{credited} is not a web address: not kept as a source"


def _shown(html: str) -> str:
    return f"'{' '.join(html.split())[:60]}'"


def _era_label(number: int, era: object) -> str:
    """'era 2 ('The Gilded Age')': v3 keeps the headline in `text`, v2 on the era itself."""
    headline = ""
    if isinstance(era, dict):
        text = era.get("text")
        holder = text if isinstance(text, dict) else era
        headline = plain_text(holder.get("headline"))[0].replace("\n", " ")
    return f"era {number} ('{headline[:40]}')" if headline else f"era {number}"


def _quote(media: Media) -> str:
    """A quotation given as media (`<blockquote>`), followed by its credit when it names
    someone the quotation does not already cite."""
    if not media.url.lstrip().lower().startswith("<blockquote"):
        return ""
    quote = plain_text(media.url)[0]
    if media.credit and media.credit not in quote:
        quote = f"{quote}\n— {media.credit}"
    return quote


class _FirstAddress(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.address = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("src") or dict(attrs).get("href") or ""
        if not self.address and found.strip().startswith(("http://", "https://", "//")):
            self.address = found.strip()


def embedded_address(html: str) -> str:
    """The web address an embed shows: the first `src` (or link) in the HTML, or ''."""
    parser = _FirstAddress()
    parser.feed(html)
    parser.close()
    return parser.address


def story_result(story: Story, title: str, description: str | None) -> ImportResult:
    """The document, titled by the story's title or, without one, the file's name."""
    return build_document(
        title or Path(story.name).name,
        story.events,
        story.notes,
        story.name,
        description=description,
        types=story.types,
    )
