"""Tests of segmenter.timeparse: card ages and dates in seven languages, and finding them in lines."""

from __future__ import annotations

import time as _time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.timeparse import find_age, parse_age

UTC = timezone.utc
#: a fixed, aware "now" (Tuesday 10 June 2025, noon UTC)
NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)

S, MIN, H, D, W = 1, 60, 3600, 86400, 7 * 86400
MO, Y = 30 * D, 365 * D

Expected = tuple[timedelta | None, datetime | None]
NOTHING: Expected = (None, None)


def rel(seconds: int) -> Expected:
    """What a relative age of ``seconds`` gives with NOW."""
    age = timedelta(seconds=seconds)
    return age, NOW - age


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> Expected:
    """What an absolute time (UTC) gives with NOW."""
    published = datetime(year, month, day, hour, minute, tzinfo=UTC)
    return (NOW - published if published <= NOW else None), published


CASES: list[tuple[str, Expected]] = [
    # --- English, long and short forms
    ("3 hours ago", rel(3 * H)),
    ("5 min ago", rel(5 * MIN)),
    ("5 mins ago", rel(5 * MIN)),
    ("5m", rel(5 * MIN)),
    ("5m ago", rel(5 * MIN)),
    ("3 hrs ago", rel(3 * H)),
    ("3h", rel(3 * H)),
    ("3h ago", rel(3 * H)),
    ("2 days ago", rel(2 * D)),
    ("2d", rel(2 * D)),
    ("1 week ago", rel(W)),
    ("2w", rel(2 * W)),
    ("a month ago", rel(MO)),
    ("2 months ago", rel(2 * MO)),
    ("an hour ago", rel(H)),
    ("a day ago", rel(D)),
    ("one year ago", rel(Y)),
    ("3 years ago", rel(3 * Y)),
    ("1y", rel(Y)),
    ("45 seconds ago", rel(45 * S)),
    ("30s", rel(30 * S)),
    ("last year", rel(Y)),
    ("last week", rel(W)),
    ("just now", rel(0)),
    ("moments ago", rel(0)),
    ("a moment ago", rel(0)),
    ("yesterday", rel(D)),
    ("today", rel(0)),
    ("updated 15M ago", rel(15 * MIN)),
    ("Updated: 2 hours ago", rel(2 * H)),
    ("14 MINS AGO", rel(14 * MIN)),
    ("32M ago", rel(32 * MIN)),
    ("  3 hours ago.  ", rel(3 * H)),
    ("(3 hours ago)", rel(3 * H)),
    ("about 3 hours ago", rel(3 * H)),
    ("less than a minute ago", rel(MIN)),
    ("3 hours and 20 minutes ago", rel(3 * H + 20 * MIN)),
    ("1h 20m ago", rel(H + 20 * MIN)),
    ("1h20m", rel(H + 20 * MIN)),
    ("3 minutes 2 hours ago", NOTHING),  # the second part must be the smaller unit
    ("3\u00a0hours\u00a0ago", rel(3 * H)),
    # --- German
    ("vor 3 Stunden", rel(3 * H)),
    ("vor 28 Minuten", rel(28 * MIN)),
    ("vor einer Stunde", rel(H)),
    ("vor 2 Tagen", rel(2 * D)),
    ("vor einem Monat", rel(MO)),
    ("vor 3 Std.", rel(3 * H)),
    ("vor 5 Min.", rel(5 * MIN)),
    ("VOR 2 WOCHEN", rel(2 * W)),
    ("vor etwa 3 Stunden", rel(3 * H)),
    ("Aktualisiert vor 10 Minuten", rel(10 * MIN)),
    ("gestern", rel(D)),
    ("heute", rel(0)),
    ("vorgestern", rel(2 * D)),
    ("gerade eben", rel(0)),
    ("3. Juni 2025", at(2025, 6, 3)),
    ("03.06.2025", at(2025, 6, 3)),
    ("03.06.2025, 18:47 Uhr", at(2025, 6, 3, 18, 47)),
    ("am 3. Juni 2025 um 18:47 Uhr", at(2025, 6, 3, 18, 47)),
    ("Di., 03.06.2025", at(2025, 6, 3)),
    ("gestern, 18:47 Uhr", at(2025, 6, 9, 18, 47)),
    ("18 Uhr", at(2025, 6, 10, 18)),
    ("5. März 2025", at(2025, 3, 5)),
    # --- French
    ("il y a 2 jours", rel(2 * D)),
    ("il y a 5 min", rel(5 * MIN)),
    ("il y a une heure", rel(H)),
    ("Il y a 3 heures", rel(3 * H)),
    ("il y a 1 an", rel(Y)),
    ("il y a un mois", rel(MO)),
    ("Mis à jour il y a 2 heures", rel(2 * H)),
    ("hier", rel(D)),
    ("aujourd'hui", rel(0)),
    ("avant-hier", rel(2 * D)),
    ("à l'instant", rel(0)),
    ("3 juin 2025", at(2025, 6, 3)),
    ("1er juin 2025", at(2025, 6, 1)),
    ("mardi 3 juin 2025", at(2025, 6, 3)),
    ("le 3 juin 2025 à 18h47", at(2025, 6, 3, 18, 47)),
    ("12 févr. 2025", at(2025, 2, 12)),
    # --- Spanish
    ("hace 4 horas", rel(4 * H)),
    ("hace una hora", rel(H)),
    ("hace 3 días", rel(3 * D)),
    ("hace 3 dias", rel(3 * D)),
    ("hace 2 semanas", rel(2 * W)),
    ("hace 1 hora y 20 minutos", rel(H + 20 * MIN)),
    ("ayer", rel(D)),
    ("anteayer", rel(2 * D)),
    ("hace un momento", rel(0)),
    ("3 de junio de 2025", at(2025, 6, 3)),
    ("3 de ago. de 2024", at(2024, 8, 3)),
    ("ayer a las 18:47", at(2025, 6, 9, 18, 47)),
    # --- Italian
    ("2 ore fa", rel(2 * H)),
    ("un'ora fa", rel(H)),
    ("un’ora fa", rel(H)),
    ("3 giorni fa", rel(3 * D)),
    ("un mese fa", rel(MO)),
    ("5 minuti fa", rel(5 * MIN)),
    ("ieri", rel(D)),
    ("oggi", rel(0)),
    ("3 giugno 2025", at(2025, 6, 3)),
    ("il 3 giugno 2025", at(2025, 6, 3)),
    ("ieri alle 18:47", at(2025, 6, 9, 18, 47)),
    # --- Portuguese
    ("há 2 dias", rel(2 * D)),
    ("há 3 horas", rel(3 * H)),
    ("há uma hora", rel(H)),
    ("há 1 mês", rel(MO)),
    ("2 dias atrás", rel(2 * D)),
    ("há 2 dias atrás", rel(2 * D)),
    ("ontem", rel(D)),
    ("hoje", rel(0)),
    ("3 de junho de 2025", at(2025, 6, 3)),
    ("3 out 2024", at(2024, 10, 3)),
    ("ontem às 18:47", at(2025, 6, 9, 18, 47)),
    # --- Dutch
    ("2 uur geleden", rel(2 * H)),
    ("5 minuten geleden", rel(5 * MIN)),
    ("3 dagen geleden", rel(3 * D)),
    ("een uur geleden", rel(H)),
    ("1 jaar geleden", rel(Y)),
    ("gisteren", rel(D)),
    ("vandaag", rel(0)),
    ("eergisteren", rel(2 * D)),
    ("3 juni 2025", at(2025, 6, 3)),
    ("3 mrt 2025", at(2025, 3, 3)),
    ("gisteren om 18:47", at(2025, 6, 9, 18, 47)),
    # --- absolute dates and times (language-neutral or English)
    ("11 Jun 2025", at(2025, 6, 11)),  # tomorrow: no age
    ("11 Jun 2024", at(2024, 6, 11)),
    ("June 3, 2025", at(2025, 6, 3)),
    ("Jun 3 2025", at(2025, 6, 3)),
    ("March 5th, 2025", at(2025, 3, 5)),
    ("Tuesday, June 3, 2025", at(2025, 6, 3)),
    ("2025-06-03", at(2025, 6, 3)),
    ("2025/06/03", at(2025, 6, 3)),
    ("2025-06-03T14:05:00Z", at(2025, 6, 3, 14, 5)),
    ("2025-06-03T14:05:00+02:00", at(2025, 6, 3, 12, 5)),
    ("Updated 3 June 2025 at 18:47 CEST", at(2025, 6, 3, 16, 47)),
    ("03/06/2025", at(2025, 6, 3)),  # ambiguous: day first
    ("6/30/2025", at(2025, 6, 30)),  # only month-first is valid
    ("3/9(木) 15:47", at(2025, 3, 9, 15, 47)),
    ("2025年3月9日", at(2025, 3, 9)),
    ("Oct 6", at(2024, 10, 6)),  # October 2025 is still to come
    ("Jun 3", at(2025, 6, 3)),
    ("6 Oct", at(2024, 10, 6)),
    ("Feb 29", at(2024, 2, 29)),
    ("21 Nov 2017, 11:26pm", at(2017, 11, 21, 23, 26)),
    ("11:26pm, 21 Nov 2017", at(2017, 11, 21, 23, 26)),
    ("18.47", at(2025, 6, 10, 18, 47)),  # later today: no age
    ("09.15", at(2025, 6, 10, 9, 15)),
    ("4:53 pm", at(2025, 6, 10, 16, 53)),
    ("4:53 a.m.", at(2025, 6, 10, 4, 53)),
    ("11:05", at(2025, 6, 10, 11, 5)),
    ("12:00 am", at(2025, 6, 10, 0, 0)),
    ("Yesterday at 4:53 pm", at(2025, 6, 9, 16, 53)),
    ("23:24 GMT", at(2025, 6, 10, 23, 24)),
    # --- nonsense and edge inputs
    ("", NOTHING),
    ("   ", NOTHING),
    ("3", NOTHING),
    ("hours", NOTHING),
    ("ago", NOTHING),
    ("3 ago", NOTHING),
    ("in 3 hours", NOTHING),
    ("in 3 days", NOTHING),
    ("3 hours", NOTHING),
    ("5 minutes", NOTHING),
    ("Page 2 of 5", NOTHING),
    ("2 min read", NOTHING),
    ("5 mins read", NOTHING),
    ("2m read", NOTHING),
    ("5:00 video", NOTHING),
    ("1,234 views", NOTHING),
    ("Chapter 11", NOTHING),
    ("32/12/2025", NOTHING),
    ("2025-13-01", NOTHING),
    ("2025-02-30", NOTHING),
    ("31.04.2025", NOTHING),
    ("3 June 1850", NOTHING),
    ("3 June 2150", NOTHING),
    ("Feb 30", NOTHING),
    ("13:00 pm", NOTHING),
    ("24:00", NOTHING),
    ("25:61", NOTHING),
    ("12345 hours ago", NOTHING),
    ("1.5 hours ago", NOTHING),
    ("3 hoursago", NOTHING),
    ("1" * 30, NOTHING),
    ("1" * 5000, NOTHING),
    ("9" * 100 + " hours ago", NOTHING),
    ("3 hours ago " * 50, NOTHING),
    ("Reuters · 3h ago", NOTHING),  # a whole line is not an age: use find_age
    ("lorem ipsum dolor", NOTHING),
    ("\x00\x01\ufffd", NOTHING),
    ("updated", NOTHING),
    ("vor", NOTHING),
    ("il y a", NOTHING),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_parse_age_table(text: str, expected: Expected) -> None:
    assert parse_age(text, NOW) == expected


def test_table_is_large() -> None:
    assert len(CASES) >= 100
    assert sum(1 for _, e in CASES if e == NOTHING) >= 20


def test_published_has_nows_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2025, 6, 10, 14, 0, tzinfo=berlin)
    age, published = parse_age("vor 3 Stunden", now)
    assert age == timedelta(hours=3) and published == datetime(2025, 6, 10, 11, 0, tzinfo=berlin)
    age, published = parse_age("18:47", now)
    assert age is None and published == datetime(2025, 6, 10, 18, 47, tzinfo=berlin)
    assert published is not None and published.tzinfo is berlin
    age, published = parse_age("03.06.2025", now)
    assert published == datetime(2025, 6, 3, tzinfo=berlin) and published.tzinfo is berlin
    assert age == now - published
    # an explicit zone is converted into now's zone
    _, published = parse_age("2025-06-03T12:00:00Z", now)
    assert published == datetime(2025, 6, 3, 14, 0, tzinfo=berlin)
    assert published.tzinfo is berlin


def test_without_now() -> None:
    assert parse_age("3 hours ago") == (timedelta(hours=3), None)
    assert parse_age("yesterday") == (timedelta(days=1), None)
    assert parse_age("11 Jun 2025") == (None, datetime(2025, 6, 11, tzinfo=UTC))
    assert parse_age("2025-06-03T14:05:00+02:00") == (None, datetime(2025, 6, 3, 12, 5, tzinfo=UTC))
    assert parse_age("Oct 6") == NOTHING  # no year without now
    assert parse_age("18.47") == NOTHING  # a clock time needs now
    assert parse_age("gestern, 18:47 Uhr") == NOTHING


def test_naive_now_is_utc() -> None:
    naive = datetime(2025, 6, 10, 12, 0)
    assert parse_age("3 hours ago", naive) == rel(3 * H)
    assert parse_age("03.06.2025", naive) == at(2025, 6, 3)


def test_year_less_date_rolls_back() -> None:
    now = datetime(2025, 1, 5, 8, 0, tzinfo=UTC)
    assert parse_age("Dec 31", now)[1] == datetime(2024, 12, 31, tzinfo=UTC)
    assert parse_age("Jan 5", now)[1] == datetime(2025, 1, 5, tzinfo=UTC)
    assert parse_age("Jan 6", now)[1] == datetime(2024, 1, 6, tzinfo=UTC)


def test_huge_age_without_representable_published() -> None:
    age, published = parse_age("9999 years ago", NOW)
    assert age == timedelta(days=9999 * 365) and published is None


def test_never_raises_on_odd_inputs() -> None:
    odd = ["\n", "\t3h\n", "3" * 10**6, "ago " * 10**5, "🕒 3h", "Ⅲ hours ago", "３時間前", "٣ hours ago"]
    for text in odd:
        parse_age(text, NOW)
        parse_age(text)
        find_age(text)
    extreme = [datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)]
    for now in extreme:
        for text in ["3 hours ago", "Oct 6", "Feb 29", "18:47", "2025-06-03", "yesterday at 4 pm"]:
            parse_age(text, now)


def test_hostile_inputs_are_fast() -> None:
    hostile = [
        "1 " * 50_000,
        "a " * 50_000,
        "3 3 3 " * 20_000,
        "vor vor " * 10_000,
        "il y a " * 10_000,
        "11:11 " * 10_000,
        "1.1." * 25_000,
        "3 de de de " * 10_000,
        "Mon, " * 20_000,
        "· 3 · " * 20_000,
    ]
    start = _time.perf_counter()
    for text in hostile:
        parse_age(text, NOW)
        find_age(text)
        find_age(text[:4000])
    assert _time.perf_counter() - start < 5.0


# --- find_age ----------------------------------------------------------------------------------

FIND_CASES: list[tuple[str, str | None]] = [
    ("Reuters · 3h ago", "3h ago"),
    ("By AFP | 2 days ago", "2 days ago"),
    ("The Guardian - 5 hours ago - World", "5 hours ago"),
    ("5 hours ago - The Guardian", "5 hours ago"),
    ("Reuters · Updated 3h ago", "Updated 3h ago"),
    ("BBC News 3h", "3h"),
    ("Reuters · 1h 20m", "1h 20m"),
    ("2 min read · 3h ago", "3h ago"),
    ("Der Spiegel · vor 3 Stunden", "vor 3 Stunden"),
    ("Spiegel, gestern, 18:47 Uhr", "gestern, 18:47 Uhr"),
    ("Le Monde - il y a 2 jours", "il y a 2 jours"),
    ("El País | hace 4 horas", "hace 4 horas"),
    ("Corriere · 2 ore fa", "2 ore fa"),
    ("Folha - há 3 horas", "há 3 horas"),
    ("NOS · 2 uur geleden", "2 uur geleden"),
    ("Politics | Yesterday", "Yesterday"),
    ("World · 18:47", "18:47"),
    ("Sport · Oct 6", "Oct 6"),
    ("Published 3 June 2025 by Jane Doe", "Published 3 June 2025"),
    ("Jane Doe, 03.06.2025, 18:47 Uhr", "03.06.2025, 18:47 Uhr"),
    ("ニュース 3/9(木) 15:47", "3/9(木) 15:47"),
    ("(3 hours ago)", "3 hours ago"),
    ("Reuters · 1 hr, 5 mins ago", "1 hr, 5 mins ago"),
    ("Zeit Online · vor 2 Tagen, 5 Min. Lesezeit", "vor 2 Tagen"),
    ("vor 2 Tagen und 5 Jahren", "vor 2 Tagen"),
    # nothing to find
    ("2 min read", None),
    ("Reuters · 2 min read", None),
    ("5:00 video", None),
    ("1,234 views", None),
    ("Page 2 of 5", None),
    ("Chapter 11", None),
    ("Markets rally today", None),
    ("Read this now before it is gone", None),
    ("raised $5m in funding", None),
    ("3D printing takes off", None),
    ("32/12/2025", None),
    ("", None),
]


@pytest.mark.parametrize(("line", "expected"), FIND_CASES, ids=[repr(c[0])[:40] for c in FIND_CASES])
def test_find_age(line: str, expected: str | None) -> None:
    span = find_age(line)
    if expected is None:
        assert span is None
    else:
        assert span is not None
        assert line[span[0] : span[1]] == expected
        assert parse_age(line[span[0] : span[1]], NOW) != NOTHING


# --- property tests ----------------------------------------------------------------------------

#: unit words per language and unit length in seconds
UNIT_WORDS: dict[str, dict[int, list[str]]] = {
    "en": {
        S: ["s", "sec", "secs", "second", "seconds"],
        MIN: ["m", "min", "mins", "minute", "minutes"],
        H: ["h", "hr", "hrs", "hour", "hours"],
        D: ["d", "day", "days"],
        W: ["w", "wk", "wks", "week", "weeks"],
        MO: ["mo", "month", "months"],
        Y: ["y", "yr", "yrs", "year", "years"],
    },
    "de": {
        S: ["Sekunde", "Sekunden", "Sek."],
        MIN: ["Minute", "Minuten", "Min.", "min"],
        H: ["Stunde", "Stunden", "Std.", "h"],
        D: ["Tag", "Tagen"],
        W: ["Woche", "Wochen"],
        MO: ["Monat", "Monaten"],
        Y: ["Jahr", "Jahren"],
    },
    "fr": {
        S: ["seconde", "secondes", "s"],
        MIN: ["minute", "minutes", "min", "mn"],
        H: ["heure", "heures", "h"],
        D: ["jour", "jours", "j"],
        W: ["semaine", "semaines"],
        MO: ["mois"],
        Y: ["an", "ans", "année", "années"],
    },
    "es": {
        S: ["segundo", "segundos", "seg"],
        MIN: ["minuto", "minutos", "min"],
        H: ["hora", "horas", "h"],
        D: ["día", "días", "dia"],
        W: ["semana", "semanas"],
        MO: ["mes", "meses"],
        Y: ["año", "años"],
    },
    "it": {
        S: ["secondo", "secondi"],
        MIN: ["minuto", "minuti", "min"],
        H: ["ora", "ore"],
        D: ["giorno", "giorni"],
        W: ["settimana", "settimane"],
        MO: ["mese", "mesi"],
        Y: ["anno", "anni"],
    },
    "pt": {
        S: ["segundo", "segundos"],
        MIN: ["minuto", "minutos", "min"],
        H: ["hora", "horas", "h"],
        D: ["dia", "dias"],
        W: ["semana", "semanas"],
        MO: ["mês", "meses"],
        Y: ["ano", "anos"],
    },
    "nl": {
        S: ["seconde", "seconden"],
        MIN: ["minuut", "minuten", "min"],
        H: ["uur"],
        D: ["dag", "dagen"],
        W: ["week", "weken"],
        MO: ["maand", "maanden"],
        Y: ["jaar", "jaren"],
    },
}
TEMPLATES: dict[str, list[str]] = {
    "en": ["{n} {u} ago", "{n}{u} ago"],
    "de": ["vor {n} {u}"],
    "fr": ["il y a {n} {u}"],
    "es": ["hace {n} {u}"],
    "it": ["{n} {u} fa"],
    "pt": ["há {n} {u}", "{n} {u} atrás", "há {n} {u} atrás"],
    "nl": ["{n} {u} geleden"],
}
COMPACT = {"s": S, "m": MIN, "h": H, "d": D, "w": W, "mo": MO, "y": Y}


@st.composite
def relative_phrases(draw: st.DrawFn) -> tuple[str, timedelta]:
    """A relative age phrase in any supported language and form, with its expected age."""
    n = draw(st.integers(min_value=1, max_value=500))
    if draw(st.integers(0, 7)) == 0:
        unit = draw(st.sampled_from(sorted(COMPACT)))
        text = f"{n}{unit}" + draw(st.sampled_from(["", " ago"]))
        seconds = COMPACT[unit]
    else:
        lang = draw(st.sampled_from(sorted(UNIT_WORDS)))
        seconds = draw(st.sampled_from(sorted(UNIT_WORDS[lang])))
        unit = draw(st.sampled_from(UNIT_WORDS[lang][seconds]))
        text = draw(st.sampled_from(TEMPLATES[lang])).format(n=n, u=unit)
    text = draw(st.sampled_from([str.lower, str.upper, str.title, lambda s: s]))(text)
    return text, timedelta(seconds=n * seconds)


zones = st.one_of(
    st.just(UTC),
    st.timezones(),
    st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-23 * 60, 23 * 60)),
)
nows = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9000, 12, 31), timezones=zones)


@settings(deadline=None)
@given(relative_phrases(), nows, st.sampled_from(["", " ", "  \t"]), st.sampled_from(["", "."]))
def test_relative_phrases(phrase: tuple[str, timedelta], now: datetime, pad: str, dot: str) -> None:
    text, expected = phrase
    age, published = parse_age(pad + text + dot + pad, now)
    assert age == expected
    assert published == now - age
    assert published is not None and published.tzinfo is now.tzinfo
    assert parse_age(text) == (expected, None)


SOURCES = ["Reuters", "The Guardian", "AFP", "Der Spiegel", "Le Monde", "El País", "Corriere", "Folha", "NOS"]
SEPARATORS = [" · ", " | ", " - ", " — ", ", ", " • "]


@given(relative_phrases(), st.sampled_from(SOURCES), st.sampled_from(SEPARATORS), st.booleans())
def test_find_relative_in_line(phrase: tuple[str, timedelta], source: str, sep: str, trailing: bool) -> None:
    text, expected = phrase
    line = source + sep + text + (sep + "World" if trailing else "")
    span = find_age(line)
    assert span is not None
    assert line[span[0] : span[1]] == text
    assert parse_age(line[span[0] : span[1]], NOW)[0] == expected


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
}  # fmt: skip
DATE_TEMPLATES = {
    "en": ["{d} {M} {y}", "{M} {d}, {y}", "{Mab} {d}, {y}", "{d} {Mab} {y}"],
    "de": ["{d}. {M} {y}", "{d:02}.{m:02}.{y}"],
    "fr": ["{d} {M} {y}"],
    "es": ["{d} de {M} de {y}"],
    "it": ["{d} {M} {y}"],
    "pt": ["{d} de {M} de {y}"],
    "nl": ["{d} {M} {y}", "{y}-{m:02}-{d:02}"],
}


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.data())
def test_absolute_dates(day: date, data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(sorted(DATE_TEMPLATES)))
    template = data.draw(st.sampled_from(DATE_TEMPLATES[lang]))
    name = MONTHS[lang][day.month - 1]
    text = template.format(d=day.day, m=day.month, y=day.year, M=name, Mab=name[:3])
    age, published = parse_age(text)
    assert age is None
    assert published == datetime(day.year, day.month, day.day, tzinfo=UTC)
    age, published = parse_age(text, NOW)
    assert published == datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert age == (NOW - published if published <= NOW else None)


@given(st.text())
def test_parse_age_never_raises(text: str) -> None:
    assert isinstance(parse_age(text), tuple)
    assert isinstance(parse_age(text, NOW), tuple)


@settings(deadline=None)
@given(st.text(), st.datetimes(timezones=zones) | st.datetimes())
def test_parse_age_never_raises_any_now(text: str, now: datetime) -> None:
    result = parse_age(text, now)
    assert len(result) == 2


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.just(""), relative_phrases().map(lambda p: p[0])), st.text(), nows)
def test_found_span_parses(before: str, phrase: str, after: str, now: datetime) -> None:
    line = before + phrase + after
    span = find_age(line)
    if span is not None:
        start, end = span
        assert 0 <= start < end <= len(line)
        assert parse_age(line[start:end], now) != NOTHING


@settings(deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 :./-,·|()hmdAGOagovrJunOct年月日木pa")), max_size=60),
    nows,
)
def test_found_span_parses_on_age_like_noise(line: str, now: datetime) -> None:
    span = find_age(line)
    if span is not None:
        assert parse_age(line[span[0] : span[1]], now) != NOTHING
