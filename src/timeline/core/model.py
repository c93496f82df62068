"""The typed model of an events file. Pydantic checks shapes; `load` adds references and locations.

Every model is frozen and forbids unknown fields. Values arrive as text (the loader never lets
YAML guess types), so a field is strict text unless it says otherwise.
"""

from __future__ import annotations

import re
from datetime import date, tzinfo
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from timeline.core.dates import DateError, FlexibleDate, parse_date, zone_named

EVENT_TYPES: dict[str, str] = {
    "call": "A telephone or video call between leaders or officials.",
    "meeting": "An in-person meeting.",
    "visit": "An official visit to another country or place.",
    "negotiation_round": "A formal round of negotiations between delegations.",
    "summit": "A meeting of heads of state or government.",
    "proposal": "An offer of talks, terms or a plan.",
    "statement": "A public statement, press conference or post.",
    "announcement": "An official announcement of a decision or arrangement.",
    "agreement": "An agreement reached or signed.",
    "exchange": "An exchange of prisoners, bodies or documents.",
    "ultimatum": "A deadline or threat attached to a demand.",
    "military_action": "A military operation or attack that shapes the talks.",
    "appointment": "A person taking up or leaving a role.",
    "document": "A document handed over or published.",
}

Status = Literal["happened", "scheduled", "proposed", "postponed", "cancelled"]
STATUSES: tuple[str, ...] = get_args(Status)
Relation = Literal["leads_to", "responds_to", "part_of", "reschedules"]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
COUNTRY_PATTERN = r"^[A-Z][A-Z0-9]{1,7}$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
CountryCode = Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


def _check_date(value: Any) -> FlexibleDate:
    if isinstance(value, FlexibleDate):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date written as text")
    try:
        return parse_date(value)
    except DateError as error:
        raise PydanticCustomError(
            "flexible_date", "{message}", {"message": error.message, "hint": error.hint or ""}
        ) from error


def _check_flag(value: Any) -> bool:
    # Only true/false: YAML 1.1's yes/no/on/off are text we refuse to guess at.
    if isinstance(value, bool):
        return value
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    raise PydanticCustomError("flag", "expected true or false, found '{found}'", {"found": value})


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. a broken IPv6 address: 'https://[::1'
        parts = urlsplit("invalid:")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise PydanticCustomError(
            "source_url",
            "'{url}' is not an http or https address",
            {"url": value, "hint": "sources must be web addresses starting with https://"},
        )
    return value


# Text that starts like an address ('https://', 'javascript:', 'data:x') is held to the address
# rules; anything else ('Kommersant, print edition') is a title.
_LOOKS_LIKE_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]")


def _check_address_or_title(value: str) -> str:
    if _LOOKS_LIKE_ADDRESS.match(value) is None:
        return value
    try:
        return _check_url(value)
    except PydanticCustomError:
        raise PydanticCustomError(
            "source_url",
            "'{url}' is not an http or https address",
            {"url": value, "hint": "write a web address starting with https://, or a title"},
        ) from None


def _check_zone(value: str) -> str:
    try:
        zone_named(value)
    except DateError as error:
        raise PydanticCustomError(
            "time_zone", "{message}", {"message": error.message, "hint": error.hint or ""}
        ) from error
    return value


DateText = Annotated[
    FlexibleDate,
    PlainValidator(_check_date),
    PlainSerializer(lambda value: value.text, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "2025-05-19, 2025-05, 2025, 2025-06-02T13:00+03:00 or 19 May 2025",
        }
    ),
]
Flag = Annotated[bool, PlainValidator(_check_flag), WithJsonSchema({"type": "boolean"})]
Url = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(_check_url)]
ZoneName = Annotated[str, AfterValidator(_check_zone)]
AddressOrTitle = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2_000),
    AfterValidator(_check_address_or_title),
    WithJsonSchema({"type": "string", "description": "A web address, or a source's title."}),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Country(Record):
    name: Text
    aliases: list[Text] = []
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] | None = Field(
        None, description="A colour for this country in every chart, as #rrggbb."
    )


class RoleSpell(Record):
    """A role an actor held for a while: `from` and `until` are inclusive and optional."""

    role: Text
    from_: DateText | None = Field(None, alias="from")
    until: DateText | None = None


class Actor(Record):
    name: Text
    aliases: list[Text] = Field([], description="Other spellings and transliterations.")
    country: CountryCode | None = None
    role: Text | None = Field(None, description="The role this actor is known for in the data.")
    roles: list[RoleSpell] = Field([], description="Roles with dates, when the role changed.")

    def role_on(self, day: date) -> str | None:
        """The role held on `day`: the dated spell covering it, else the plain `role`."""
        for spell in self.roles:
            starts = spell.from_ is None or spell.from_.start.date() <= day
            ends = spell.until is None or day <= spell.until.start.date()
            if starts and ends:
                return spell.role
        return self.role


class Quote(Record):
    actor: Slug | None = Field(None, description="The speaker's actor id.")
    text: Text
    date: DateText | None = None
    source: AddressOrTitle | None = Field(None, description="Where the quote was reported.")
    reported: Flag = Field(
        False, description="true for reported speech or a paraphrase, not the speaker's words."
    )


class Source(Record):
    """Where an event is reported: a web address, or at least a title (an imported file, a
    printed report) when there is no address."""

    url: Url | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: DateText | None = None

    @model_validator(mode="after")
    def _cited(self) -> Source:
        if self.url is None and self.title is None:
            raise PydanticCustomError(
                "source_citation",
                "a source needs a url or a title",
                {"hint": "add url: https://..., or a title for a source with no address"},
            )
        return self

    @property
    def citation(self) -> str:
        """'Title (Publisher)', the title or publisher alone, or the address."""
        if self.title and self.publisher:
            return f"{self.title} ({self.publisher})"
        return self.title or self.publisher or self.url or ""


# The tags name the two forms of a citation in error paths; `messages` leaves them out.
CITATION_TAGS = ("<address or title>", "<source>")


def _citation_form(value: Any) -> str:
    return CITATION_TAGS[1] if isinstance(value, dict | Source) else CITATION_TAGS[0]


Citation = Annotated[
    Annotated[AddressOrTitle, Tag(CITATION_TAGS[0])] | Annotated[Source, Tag(CITATION_TAGS[1])],
    Discriminator(_citation_form),
]


class Account(Record):
    """What one source says on a point where sources disagree."""

    about: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        description="A short name for the point in dispute: duration, bodies, date..."
    )
    says: Text
    source: Citation
    side: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = Field(
        None, description="A country code or an actor id whose version this is."
    )


class StatusChange(Record):
    """One step of an event's history: from `date`, its status was `status`."""

    date: DateText
    status: Status
    source: Citation


class Link(Record):
    event: Slug
    relation: Relation


class Event(Record):
    id: Slug
    date: DateText
    end: DateText | None = None
    approximate: Flag = False
    title: Text
    type: Slug
    status: Status = "happened"
    actors: list[Slug] = []
    countries: list[CountryCode] = Field([], description="The actors' countries are added.")
    location: Text | None = None
    summary: Text | None = None
    quotes: list[Quote] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    related: list[Link] = []
    tags: list[Text] = []
    accounts: list[Account] = Field(
        [], description="What each source says where they disagree; 2+ on one `about` dispute it."
    )
    history: list[StatusChange] = Field(
        [], description="How the status changed, oldest first; the last is `status`."
    )


class Timeline(Record):
    title: Text
    description: Text | None = None
    as_of: DateText | None = Field(None, description="The day this curation reflects.")
    timezone: ZoneName = Field("UTC", description="Zone for clock times written without offset.")
    countries: dict[CountryCode, Country] = {}
    actors: dict[Slug, Actor] = {}
    types: dict[Slug, Text | None] = Field({}, description="Extra event types: id -> meaning.")
    events: list[Event]

    @property
    def zone(self) -> tzinfo:
        return zone_named(self.timezone)

    @property
    def event_types(self) -> dict[str, str]:
        """The built-in vocabulary and the file's own types."""
        declared = {name: meaning or name for name, meaning in self.types.items()}
        return {**EVENT_TYPES, **declared}

    def name_of(self, key: str) -> str:
        """The name of an actor id or a country code (an account's side), else the key itself."""
        if key in self.actors:
            return self.actors[key].name
        return self.countries[key].name if key in self.countries else key

    def countries_of(self, event: Event) -> list[str]:
        """The event's countries, then its actors' countries, each once, in order."""
        codes = list(event.countries)
        for actor_id in event.actors:
            actor = self.actors.get(actor_id)
            if actor is not None and actor.country is not None:
                codes.append(actor.country)
        return list(dict.fromkeys(codes))
