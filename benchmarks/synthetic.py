"""Synthetic events files of any size, shaped like the curated data (for benchmarks and tests)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import yaml

from timeline.core.model import EVENT_TYPES, STATUSES

TOPICS = ("talks", "call", "statement", "visit", "memorandum")
COUNTRY_CODES = (
    "UA",
    "RU",
    "TR",
    "US",
    "GB",
    "FR",
    "DE",
    "PL",
    "BY",
    "IT",
    "FI",
    "EU",
    "NATO",
    "CN",
    "IN",
    "BR",
)


def synthetic_events(count: int, seed: int = 7, actors: int = 120) -> dict[str, object]:
    """An events mapping with `count` events over about two years, reproducible from `seed`."""
    chooser = random.Random(seed)
    actor_ids = [f"actor-{n}" for n in range(actors)]
    start = date(2024, 1, 1)
    events = [_event(chooser, n, start, actor_ids, count) for n in range(count)]
    return {
        "title": f"Synthetic timeline, {count} events",
        "as_of": "2025-12-31",
        "timezone": "Europe/Istanbul",
        "countries": {code: {"name": f"Country {code}"} for code in COUNTRY_CODES},
        "actors": {
            actor_id: {
                "name": f"Person {n}",
                "aliases": [f"P. {n}"],
                "country": COUNTRY_CODES[n % len(COUNTRY_CODES)],
                "role": "Official",
            }
            for n, actor_id in enumerate(actor_ids)
        },
        "events": events,
    }


def _event(
    chooser: random.Random, n: int, start: date, actor_ids: list[str], count: int
) -> dict[str, object]:
    day = start + timedelta(days=chooser.randrange(730))
    precision = chooser.random()
    written = day.strftime("%Y-%m") if precision < 0.05 else day.isoformat()
    event: dict[str, object] = {
        "id": f"event-{n}",
        "date": written,
        "title": f"Event {n}: {chooser.choice(TOPICS)} on {day:%d %B}",
        "type": chooser.choice(list(EVENT_TYPES)),
        "status": chooser.choices(STATUSES, weights=(80, 8, 6, 3, 3))[0],
        "actors": chooser.sample(actor_ids, chooser.randint(1, 3)),
        "countries": chooser.sample(COUNTRY_CODES, chooser.randint(0, 2)),
        "location": chooser.choice(["Istanbul", "Kyiv", "Moscow", "Washington", "Ankara"]),
        "summary": f"Summary of event {n}, with enough words to be searched like a real summary.",
        "sources": [{"url": f"https://example.org/news/{n}"}],
    }
    if chooser.random() < 0.05:
        event["approximate"] = True
    if chooser.random() < 0.1 and precision >= 0.05:
        event["end"] = (day + timedelta(days=chooser.randint(1, 4))).isoformat()
    if n and chooser.random() < 0.1:
        event["related"] = [{"event": f"event-{chooser.randrange(count)}", "relation": "leads_to"}]
        if event["related"][0]["event"] == event["id"]:  # type: ignore[index]
            del event["related"]
    return event


def synthetic_yaml(count: int, seed: int = 7) -> str:
    """The synthetic events as YAML text, as a curator's file would be."""
    return yaml.dump(
        synthetic_events(count, seed),
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        sort_keys=False,
        width=200,
    )


ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
ACLED_TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Agreement"),
    ("Violence against civilians", "Attack"),
)
ACLED_COUNTRIES = (
    ("Ukraine", "804"),
    ("Russia", "643"),
    ("Georgia", "268"),
    ("Moldova", "498"),
    ("Belarus", "112"),
)


def synthetic_acled_csv(count: int, seed: int = 11) -> str:
    """An ACLED-style export of `count` rows over two years, reproducible from `seed`."""
    import csv
    import io

    chooser = random.Random(seed)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(ACLED_COLUMNS)
    actors = [f"Military Forces of Country {n} (2000-)" for n in range(40)] + [
        f"Protesters ({n})" for n in range(60)
    ]
    start = date(2024, 1, 1)
    for n in range(count):
        day = start + timedelta(days=chooser.randrange(730))
        event_type, sub_type = chooser.choice(ACLED_TYPES)
        country, iso = chooser.choice(ACLED_COUNTRIES)
        writer.writerow(
            [
                f"{country[:3].upper()}{n}",
                day.isoformat(),
                day.year,
                chooser.choices("123", (85, 12, 3))[0],
                "Political violence",
                event_type,
                sub_type,
                chooser.choice(actors),
                "",
                1,
                chooser.choice([*actors, ""]),
                "",
                2,
                12,
                "",
                iso,
                "Europe",
                country,
                f"Region {n % 25}",
                "",
                "",
                f"Town {n % 400}",
                "48.1",
                "37.2",
                1,
                "Local media; National media",
                "National",
                f"On {day:%d %B %Y}, a {sub_type.lower()} was reported near town {n % 400}.",
                chooser.choice((0, 0, 0, 1, 3)),
                "",
                1700000000 + n,
            ]
        )
    return output.getvalue()
