"""ACLED's `event_date` as exports and spreadsheets write it, for a whole column at once.

ACLED writes ISO ('2024-08-05'), dd-mm-yyyy (the acledR codebook's order) or '5 August 2024'. A
spreadsheet that opened and saved the file writes '5-Aug-24': the row's `year` column gives the
two-digit year its century.
"""

from __future__ import annotations

import re

import pandas as pd

_DAY_FIRST = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")
_SHEET_DAY = r"^\s*(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{2}|\d{4})\s*$"
_FORMATS = ("%d %b %Y", "%d %B %Y")


def parse_event_dates(written: pd.Series, years: pd.Series) -> pd.Series:
    """The day of each row (NaT where it cannot be read). Each other form is tried only on the
    rows still unread: an export is usually all in one form."""
    days = pd.to_datetime(written, format="%Y-%m-%d", errors="coerce")
    for read in (_day_first, _written_out, _spreadsheet_days):
        missing = days.isna()
        if not missing.any():
            break
        days = days.fillna(read(written[missing], years[missing]))
    return days


def _day_first(written: pd.Series, _years: pd.Series) -> pd.Series:
    """dd-mm-yyyy, the acledR codebook's order."""
    iso = written.str.replace(
        _DAY_FIRST, lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", regex=True
    )
    return pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")


def _written_out(written: pd.Series, _years: pd.Series) -> pd.Series:
    """'5 August 2024', '5 Aug 2024'."""
    days = pd.Series(pd.NaT, index=written.index, dtype="datetime64[us]")
    for form in _FORMATS:
        days = days.fillna(pd.to_datetime(written, format=form, errors="coerce"))
    return days


def _spreadsheet_days(written: pd.Series, years: pd.Series) -> pd.Series:
    """'5-Aug-24' (the century from the row's year) and '05-Aug-2024'."""
    parts = written.str.extract(_SHEET_DAY)
    full_year = parts[2].where(parts[2].str.len() == 4, _confirmed_year(parts[2], years))
    return _written_out(parts[0] + " " + parts[1] + " " + full_year, years)


def _confirmed_year(two_digits: pd.Series, years: pd.Series) -> pd.Series:
    """The row's year where its last two digits are the date's (else missing)."""
    year = pd.to_numeric(years.where(years.str.fullmatch(r"\d{4}"), None), errors="coerce")
    agrees = year.notna() & (year % 100 == pd.to_numeric(two_digits, errors="coerce"))
    return year.where(agrees).astype("Int64").astype(str).where(agrees, None)


def undated_reason(written: str, year: str) -> str:
    """Why a row's `event_date` could not be read."""
    found = re.match(_SHEET_DAY, written)
    if found and len(found[3]) == 2:
        if not year:
            return f"event_date '{written}' has a two-digit year, and the row has no year"
        return f"event_date '{written}' has a two-digit year, and the row's year is {year}"
    return f"event_date '{written}' is not a date"
