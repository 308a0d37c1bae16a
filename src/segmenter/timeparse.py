"""Ages and dates as related-article cards print them: "3 hours ago", "vor 2 Tagen", "11 Jun 2025".

Two pure functions:

* :func:`parse_age` turns one age or date text into ``(age, published)``;
* :func:`find_age` locates such a text inside a longer meta line ("Reuters · 3h ago").

Supported languages: English, German, French, Spanish, Italian, Portuguese and Dutch, in long and
short forms, case-insensitive. Conventions:

* A month unit ("2 months ago", "vor 1 Monat") is 30 days; a year unit is 365 days; a week is 7 days.
* "yesterday" (and its translations) is an age of one day, "today" an age of zero, "just now",
  "moments ago" and the like an age of zero; "last week/month/year" are 7/30/365 days.
* Ambiguous numeric dates with slashes or dashes ("03/06/2025") are read day-first unless only the
  month-first reading is valid; "3/9(木)" (with a weekday in brackets) is Japanese month/day.
* A date without a year takes the year of ``now`` (the previous year when that would lie in the
  future, going back further only for 29 February); without ``now`` it has no ``published``.
* A bare clock time ("18.47", "4:53 pm") means today in ``now``'s time zone and needs ``now``;
  hour-only times need "am"/"pm" or "Uhr" ("4 pm", "18 Uhr"), since "3h" is an age.
* Two-part ages are added up ("3 hours and 20 minutes ago", "1h 20m").
* A naive ``now`` is taken as UTC. ``published`` is always aware: in ``now``'s time zone, else UTC.

The patterns are compiled once at import. Apart from whitespace collapsing (``\\s+``) every
quantifier is bounded (``{m,n}`` or ``?``) and no repeated group contains a repeated element, so
matching stays linear on hostile input; :func:`parse_age` ignores texts over 200 characters and
:func:`find_age` scans at most 5000. Only the standard :mod:`re` module is used; no date library
is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple, TypeAlias

__all__ = ["find_age", "parse_age"]

#: ``(age, published)`` as :func:`parse_age` returns it
AgeResult: TypeAlias = tuple[timedelta | None, datetime | None]

_NONE: AgeResult = (None, None)

_SECOND = 1
_MINUTE = 60
_HOUR = 3600
_DAY = 86400
_WEEK = 7 * _DAY
#: a month unit counts as 30 days
_MONTH = 30 * _DAY
#: a year unit counts as 365 days
_YEAR = 365 * _DAY

#: earliest and latest year accepted in a written date
_MIN_YEAR = 1900
_MAX_YEAR = 2100
#: longest text (after stripping) that :func:`parse_age` looks at; ages are short
_MAX_PARSE = 200
#: longest prefix of a line that :func:`find_age` scans
_MAX_FIND = 5000


def _table(groups: Iterable[tuple[int, str]]) -> Mapping[str, int]:
    """A read-only lower-case word -> value table from ``(value, "word word ...")`` pairs."""
    out: dict[str, int] = {}
    for value, words in groups:
        for word in words.split():
            out[word.replace("_", " ")] = value
    return MappingProxyType(out)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "mins" is tried before "min")."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s{1,3}") for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


# --- vocabulary -----------------------------------------------------------------------------------

#: time units of every supported language (English, German, French, Spanish, Italian, Portuguese, Dutch)
_UNITS = _table(
    (
        (
            _SECOND,
            "s sec secs second seconds sek sekunde sekunden seconde secondes seg segundo segundos "
            "secondo secondi seconden",
        ),
        (_MINUTE, "m min mins minute minutes minuten minuto minutos minuti minuut mn"),
        (_HOUR, "h hr hrs hour hours std stunde stunden heure heures hora horas hs ora ore uur uren u"),
        (_DAY, "d day days tag tage tagen j jour jours día días dia dias giorno giorni gg dag dagen"),
        (
            _WEEK,
            "w wk wks week weeks woche wochen sem semaine semaines semana semanas settimana settimane weken",
        ),
        (
            _MONTH,
            "mo mos mth mths month months monat monate monaten mois mes meses mês mese mesi maand maanden",
        ),
        (
            _YEAR,
            "y yr yrs year years jahr jahre jahren an ans année années annee annees año años ano anos "
            "anno anni jaar jaren",
        ),
    )
)
#: units that may follow a number directly with no marker at all ("5m", "3h", "2d")
_COMPACT_UNITS = _table(
    ((_SECOND, "s"), (_MINUTE, "m"), (_HOUR, "h"), (_DAY, "d"), (_WEEK, "w"), (_MONTH, "mo"), (_YEAR, "y"))
)
#: number words meaning one ("an hour ago", "vor einer Stunde", "il y a une heure", "há uma hora")
_ONE_WORDS = "a an one ein eine einer einem einen un une uno una um uma een één".split()
#: hedges before a number ("about 3 hours ago", "vor etwa 3 Stunden", "hace unas 3 horas")
_QUALIFIERS = (
    "about around approx. approximately almost nearly over under roughly some less_than more_than "
    "etwa ca. circa rund fast knapp über mehr_als weniger_als gut "
    "environ près_de presque plus_de moins_de "
    "alrededor_de cerca_de casi más_de menos_de unos unas "
    "quasi oltre più_di meno_di "
    "quase mais_de "
    "ongeveer bijna ruim meer_dan minder_dan zo'n"
).split()
#: words before a number that make it an age ("vor", "il y a", "hace", "há")
_PRE_MARKERS = ["vor", "il_y_a", "hace", "há", "ha"]
#: words after a unit that make it an age ("ago", "fa", "geleden", "atrás")
_POST_MARKERS = ["ago", "fa", "geleden", "atrás", "atras"]

#: named days: value is the age in days
_DAY_WORDS = _table(
    (
        (0, "today heute aujourd'hui aujourd’hui hoy oggi hoje vandaag"),
        (1, "yesterday gestern hier ayer ieri ontem gisteren"),
        (
            2,
            "day_before_yesterday the_day_before_yesterday vorgestern avant-hier avant_hier anteayer antier "
            "l'altro_ieri l’altro_ieri l'altroieri l’altroieri altroieri anteontem eergisteren",
        ),
    )
)
#: phrases meaning "a moment ago" (age zero)
_NOW_WORDS = [
    w.replace("_", " ")
    for w in (
        "now just_now right_now moments_ago a_moment_ago moment_ago seconds_ago a_few_seconds_ago "
        "few_seconds_ago gerade_eben soeben jetzt vor_wenigen_sekunden vor_einigen_sekunden "
        "vor_ein_paar_sekunden vor_einem_moment à_l'instant à_l’instant a_l'instant "
        "il_y_a_quelques_secondes il_y_a_un_instant ahora ahora_mismo hace_un_momento hace_unos_segundos "
        "hace_instantes hace_un_instante adesso proprio_ora pochi_secondi_fa qualche_secondo_fa "
        "poco_fa agora agora_mesmo há_instantes há_poucos_segundos há_pouco zojuist "
        "enkele_seconden_geleden een_paar_seconden_geleden een_moment_geleden"
    ).split()
]
#: "last week" and the like: value is the age in seconds
_LAST_WORDS = _table(((_WEEK, "last_week"), (_MONTH, "last_month"), (_YEAR, "last_year")))

#: month names and abbreviations of the seven languages
_MONTHS = _table(
    (
        (1, "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari"),
        (2, "february feb februar février fevrier févr fevr fév fev febrero febbraio fevereiro februari"),
        (3, "march mar märz maerz mär mrz mars marzo março marco maart mrt"),
        (4, "april apr avril avr abril abr aprile"),
        (5, "may mai mayo maggio mag maio mei"),
        (6, "june jun juni juin junio giugno giu junho"),
        (7, "july jul juli juillet juil julio luglio lug julho"),
        (8, "august aug août aout agosto ago augustus"),
        (
            9,
            "september sep sept septembre septiembre setiembre set settembre setembro",
        ),
        (10, "october oct oktober okt octobre octubre ottobre ott outubro out"),
        (11, "november nov novembre noviembre novembro"),
        (12, "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro"),
    )
)
#: month names written before the day ("June 3, 2025", "Oct 6"): English only
_MONTHS_FIRST = (
    "january jan february feb march mar april apr may june jun july jul august aug september sep sept "
    "october oct november nov december dec"
).split()
#: month abbreviations that are also common words ("3 ago", "5 out", "2 set"): need a year
_AMBIGUOUS_MONTHS = frozenset({"ago", "out", "set"})
#: weekday names that may open a date ("Tuesday, 3 June 2025", "Di., 03.06.2025")
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo mié mie jue vie sáb sab dom "
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi domenica gio "
    "segunda segunda-feira terça terca terça-feira terca-feira quarta quarta-feira quinta quinta-feira "
    "sexta sexta-feira seg ter qua qui sex "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo"
).split()
#: time-zone abbreviations: value is the UTC offset in minutes
_TZ_OFFSETS = _table(
    (
        (0, "gmt utc z wet"),
        (60, "bst cet mez west"),
        (120, "cest mesz eet sast"),
        (180, "eest msk"),
        (-300, "est cdt"),
        (-240, "edt"),
        (-360, "cst mdt"),
        (-420, "mst pdt"),
        (-480, "pst"),
        (480, "hkt sgt awst"),
        (540, "jst kst"),
        (600, "aest"),
        (660, "aedt"),
    )
)

# --- pattern pieces -------------------------------------------------------------------------------

_FLAGS = re.IGNORECASE
#: a match must not continue a word, a number or a decimal ("1,234 hours ago" is not "234 hours ago")
_LB = r"(?<![\w.,:/])"
_NUM = rf"(?:(?P<n>\d{{1,4}})(?!\d)\s{{0,3}}|(?P<w>{_alt(_ONE_WORDS)})\s{{1,3}}|(?P<wa>un)['’]\s{{0,2}})"
_QUAL = rf"(?:(?:{_alt(w.replace('_', ' ') for w in _QUALIFIERS)})\s{{1,3}})?"
# A unit may be followed by a digit ("3h20m ago") but not by a letter.
_UNIT = rf"(?P<unit>{_alt(_UNITS)})(?![^\W\d])\.?"
#: an optional second, smaller part: "3 hours and 20 minutes ago", "1h20m ago", "1 hr, 5 mins ago"
_UNIT2 = (
    r"(?:\s{0,3}(?:,|(?:and|und|et|y|e|en)(?!\w))?\s{0,3}(?P<n2>\d{1,4})\s{0,3}"
    rf"(?P<unit2>{_alt(_UNITS)})(?![^\W\d])\.?)?"
)
#: the same after "vor", "il y a", "hace", "há" (no closing marker): a joining word or no space at
#: all, so that a following read time ("vor 2 Tagen, 5 Min. Lesezeit") is not taken in
_UNIT2_PRE = (
    r"(?:(?:\s{1,3}(?:and|und|et|y|e|en)\s{1,3})?(?P<n2>\d{1,4})\s{0,3}"
    rf"(?P<unit2>{_alt(_UNITS)})(?![^\W\d])\.?)?"
)
_AMPM = r"[ap]\.?\s?m(?!\w)\.?"
_TZ = rf"(?P<tz>{_alt(k for k in _TZ_OFFSETS if ' ' not in k)}|[+-]\d{{2}}:?\d{{2}})(?!\w)"
#: a clock time: "18:47", "18.47", "18h47", "4:53 pm", "4 pm", "18 Uhr", "14:05:00.000Z"
_TIME = (
    r"(?:(?P<hh>2[0-3]|[01]?\d)(?P<hsep>[:.h])(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d)(?:[.,]\d{1,6})?)?"
    rf"(?:\s{{0,2}}(?P<ap>{_AMPM}))?"
    rf"|(?P<hh2>2[0-3]|[01]?\d)\s{{0,2}}(?:(?P<ap2>{_AMPM})|(?P<uhr2>uhr)(?!\w)))"
    r"(?!\d)(?:\s{0,2}uhr(?!\w))?"
    rf"(?:\s{{0,2}}{_TZ})?"
)
#: between a date and its time: "21 Nov 2017, 11:26pm", "3 June 2025 at 4:53 pm", "2025-06-03T14:05"
_DATE_TIME_SEP = r"(?:\s{0,3}(?:[,·|–—-]|at|um|à|a\s{1,2}las|a\s{1,2}la|alle|às|as|om|t)\s{0,3}|\s{1,3})"
#: between a time and its date: "11:26pm, 21 Nov 2017"
_TIME_DATE_SEP = r"(?:\s{0,3}[,·|–—-]\s{0,3}|\s{1,3})"
_WEEKDAY = rf"(?:(?:{_alt(_WEEKDAYS)})\.?,?\s{{1,3}}(?:(?:den|le|el|il|op)\s{{1,2}})?)?"
_JP_WEEKDAY = r"\s{0,2}[(（](?:[月火水木金土日]|mon|tue|wed|thu|fri|sat|sun)[)）]"

_DATE_FORMS: tuple[tuple[str, str], ...] = (
    # 2025-06-03, 2025/06/03, 2025.06.03, 2025/3/9(木)
    (
        "ymd",
        rf"{_LB}(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d)(?:{_JP_WEEKDAY})?",
    ),
    # 03.06.2025, 3. 6. 2025
    ("dmy", rf"{_LB}{_WEEKDAY}(?P<d>\d{{1,2}})\.\s{{0,2}}(?P<m>\d{{1,2}})\.\s{{0,2}}(?P<y>\d{{4}})(?!\d)"),
    # 03/06/2025, 6/30/2025, 03-06-2025
    ("num", rf"{_LB}{_WEEKDAY}(?P<a>\d{{1,2}})(?P<s>[/-])(?P<b>\d{{1,2}})(?P=s)(?P<y>\d{{4}})(?!\d)"),
    # 11 Jun 2025, 3. Juni 2025, 1er juin 2025, 3 de junio de 2025, 3rd June 2025, 6 Oct
    (
        "dmon",
        rf"{_LB}{_WEEKDAY}(?P<d>\d{{1,2}})(?!\d)(?:\.|st|nd|rd|th|er|º|°|ª)?(?:\s{{1,3}}|-)(?:de\s{{1,3}})?"
        rf"(?P<mon>{_alt(_MONTHS)})(?!\w)\.?(?:(?:,?\s{{1,3}}|-)(?:del?\s{{1,3}})?(?P<y>\d{{4}})(?!\d))?",
    ),
    # June 3, 2025, Oct. 6, Tue Jun 3 2025
    (
        "mond",
        rf"{_LB}{_WEEKDAY}(?P<mon>{_alt(_MONTHS_FIRST)})(?!\w)\.?\s{{1,3}}(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?:,?\s{{1,3}}(?P<y>\d{{4}})(?!\d))?",
    ),
    # 3/9(木)
    ("md", rf"(?<![\d/])(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?!\d){_JP_WEEKDAY}"),
    # 2025年3月9日, 3月9日(木)
    (
        "kanji",
        rf"(?<!\d)(?:(?P<y>\d{{4}})\s?年\s?)?(?P<m>\d{{1,2}})\s?月\s?(?P<d>\d{{1,2}})\s?日(?:{_JP_WEEKDAY})?",
    ),
)


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a pattern with the module's flags."""
    return re.compile(pattern, _FLAGS)


_WS = re.compile(r"\s+")
#: words that introduce an age ("Updated 15M ago", "Publié le 3 juin 2025", "Aktualisiert: gestern")
_PREFIX_WORDS = (
    "updated last_updated published posted first_published aktualisiert veröffentlicht erschienen stand "
    "publié publie mis_à_jour mis_a_jour actualizado actualizada publicado publicada aggiornato "
    "aggiornata pubblicato pubblicata atualizado atualizada bijgewerkt gepubliceerd geplaatst"
).split()
_PREFIX_CORE = (
    rf"(?:{_alt(w.replace('_', ' ') for w in _PREFIX_WORDS)})(?!\w)"
    r"(?:\s{1,2}(?:on|at|am|um|le|el|il(?!\s{1,2}y(?!\w))|em|op|den|vom|del|dal)(?!\w))?\s{0,2}:?\s{0,3}"
)
_PREFIX = _compile(rf"(?:{_PREFIX_CORE}|(?:on|am|le|el|il|em|op|den)\s{{1,2}}(?=\S))")
#: a prefix word right before a found age, to widen the span over it
_PREFIX_TAIL = _compile(rf"(?<!\w){_PREFIX_CORE}$")

_REL_PRE = _compile(
    rf"{_LB}(?:{_alt(w.replace('_', ' ') for w in _PRE_MARKERS)})\s{{1,3}}{_QUAL}{_NUM}{_UNIT}{_UNIT2_PRE}"
    r"(?:\s{1,3}atr[áa]s)?(?!\w)"
)
_REL_POST = _compile(rf"{_LB}{_QUAL}{_NUM}{_UNIT}{_UNIT2}\s{{1,3}}(?:{_alt(_POST_MARKERS)})(?!\w)")
_REL_BARE = _compile(
    rf"{_LB}(?P<n>\d{{1,4}})(?P<unit>{_alt(_COMPACT_UNITS)})"
    rf"(?:\s?(?P<n2>\d{{1,4}})(?P<unit2>{_alt(_COMPACT_UNITS)}))?(?!\w)"
)
_NOW_RE = _compile(rf"(?<!\w)(?:{_alt(_NOW_WORDS)})(?!\w)")
_LAST_RE = _compile(rf"(?<!\w)(?P<last>{_alt(_LAST_WORDS)})(?!\w)")
_DAY_RE = _compile(rf"(?<!\w)(?P<day>{_alt(_DAY_WORDS)})(?!\w)(?:{_DATE_TIME_SEP}{_TIME})?")
_CLOCK_RE = _compile(rf"{_LB}{_TIME}")
_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, _compile(rf"{body}(?:{_DATE_TIME_SEP}{_TIME})?")) for kind, body in _DATE_FORMS
)
_TIME_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, _compile(rf"{_LB}{_TIME}{_TIME_DATE_SEP}{body}")) for kind, body in _DATE_FORMS
)

# --- interpretation -------------------------------------------------------------------------------


class _Clock(NamedTuple):
    """A wall-clock time read from text, with its time zone when one was written."""

    hour: int
    minute: int
    second: int
    tz: tzinfo | None


def _clock(m: re.Match[str]) -> _Clock | None:
    """The clock time of a match of :data:`_TIME`, None when absent or invalid ("13:00 pm")."""
    groups = m.groupdict()
    hh = groups.get("hh")
    if hh is not None:
        hour, minute = int(hh), int(groups["mm"])
        second = int(groups["ss"]) if groups.get("ss") else 0
        ampm = groups.get("ap")
    elif groups.get("hh2") is not None:
        hour, minute, second = int(groups["hh2"]), 0, 0
        ampm = groups.get("ap2")
    else:
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    return _Clock(hour, minute, second, _zone(groups.get("tz")))


def _zone(text: str | None) -> tzinfo | None:
    """The time zone of an abbreviation ("CEST") or offset ("+02:00", "-0500"), else None."""
    if not text:
        return None
    key = text.lower()
    if key in _TZ_OFFSETS:
        return timezone(timedelta(minutes=_TZ_OFFSETS[key]))
    sign = -1 if key[0] == "-" else 1
    digits = key[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _finish(published: datetime, now: datetime | None) -> AgeResult:
    """``(age, published)`` for an absolute time: published in now's zone (else UTC), age if past."""
    if now is None:
        return None, published.astimezone(timezone.utc)
    published = published.astimezone(now.tzinfo)
    return (now - published if published <= now else None), published


def _relative(seconds: int, now: datetime | None) -> AgeResult:
    """``(age, now - age)`` for an age in seconds (published None without now or out of range)."""
    age = timedelta(seconds=seconds)
    if now is None:
        return age, None
    try:
        return age, now - age
    except OverflowError:
        return age, None


def _on_day(days_back: int, clock: _Clock, now: datetime | None) -> AgeResult | None:
    """A clock time on the day ``days_back`` days before now's date (in the clock's zone if written)."""
    if now is None:
        return None
    zone = clock.tz or now.tzinfo
    day = now.astimezone(zone).date() - timedelta(days=days_back)
    return _finish(datetime.combine(day, time(clock.hour, clock.minute, clock.second), zone), now)


def _on_date(
    year: int | None, month: int, day: int, clock: _Clock | None, now: datetime | None
) -> AgeResult | None:
    """An absolute date (with optional clock); a missing year comes from now (see module docs)."""
    at = time(clock.hour, clock.minute, clock.second) if clock else time()
    zone = (clock.tz if clock else None) or (now.tzinfo if now is not None else None) or timezone.utc
    if year is not None:
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        try:
            when = datetime.combine(date(year, month, day), at, zone)
        except ValueError:
            return None
        return _finish(when, now)
    if now is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    # The year of now, or the year before when that lies in the future; 29 February looks back
    # to the last leap year.
    for candidate in range(now.year, max(now.year - 9, 0), -1):
        try:
            when = datetime.combine(date(candidate, month, day), at, zone)
        except ValueError:
            continue
        if when <= now:
            return _finish(when, now)
    return None


def _date_of(kind: str, m: re.Match[str], now: datetime | None) -> AgeResult | None:
    """Interpret a match of one of :data:`_DATE_FORMS` (plus an optional clock)."""
    groups = m.groupdict()
    clock = _clock(m)
    if clock is None and (groups.get("hh") or groups.get("hh2")):
        return None
    y = groups.get("y")
    year = int(y) if y else None
    if kind == "num":
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (a, b) if a <= 12 < b else (b, a)
    elif kind in ("dmon", "mond"):
        name = groups["mon"].lower()
        if year is None and name in _AMBIGUOUS_MONTHS:
            return None
        month, day = _MONTHS[name], int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    return _on_date(year, month, day, clock, now)


def _rel_of(m: re.Match[str], now: datetime | None) -> AgeResult | None:
    """Interpret a number-and-unit match ("3 hours ago", "vor einer Stunde", "5m", "1h 20m ago")."""
    groups = m.groupdict()
    n = groups.get("n")
    count = int(n) if n is not None else 1
    unit = groups["unit"].lower().rstrip(".")
    seconds = _UNITS.get(unit)
    if seconds is None:
        return None
    total = count * seconds
    n2, unit2 = groups.get("n2"), groups.get("unit2")
    if n2 is not None and unit2 is not None:
        seconds2 = _UNITS.get(unit2.lower().rstrip("."))
        if seconds2 is None or seconds2 >= seconds:
            return None
        total += int(n2) * seconds2
    return _relative(total, now)


def _day_of(m: re.Match[str], now: datetime | None) -> AgeResult | None:
    """Interpret "yesterday" and the like, optionally with a clock time ("gestern, 18:47 Uhr")."""
    days = _DAY_WORDS.get(_WS.sub(" ", m.group("day").lower()))
    if days is None:
        return None
    if m.group("hh") or m.group("hh2"):
        clock = _clock(m)
        return _on_day(days, clock, now) if clock is not None else None
    return _relative(days * _DAY, now)


def _last_of(m: re.Match[str], now: datetime | None) -> AgeResult | None:
    """Interpret "last week/month/year"."""
    seconds = _LAST_WORDS.get(_WS.sub(" ", m.group("last").lower()))
    return _relative(seconds, now) if seconds is not None else None


def _clock_of(m: re.Match[str], now: datetime | None) -> AgeResult | None:
    """Interpret a bare clock time as today (needs now)."""
    clock = _clock(m)
    return _on_day(0, clock, now) if clock is not None else None


_Handler = Callable[[re.Match[str], datetime | None], AgeResult | None]


def _date_handler(kind: str) -> _Handler:
    """A handler that interprets matches of the date form ``kind``."""

    def handle(m: re.Match[str], now: datetime | None) -> AgeResult | None:
        return _date_of(kind, m, now)

    return handle


# Kinds of found spans, for the context rules of find_age.
_STRONG = 0  # an explicit age marker ("ago", "vor") or a full date: found anywhere
_COMPACT = 1  # "3h": after a separator or a space, before a separator or the end
_WEAK = 2  # "yesterday", "18:47", "Oct 6": between separators (or the line's ends)
_DATED = 3  # a date form: strong with a year, weak without
#: date forms that are unmistakable even without a year ("3/9(木)", "3月9日")
_DATE_FIND_KIND: Mapping[str, int] = MappingProxyType({"md": _STRONG, "kanji": _STRONG})

#: (pattern, interpreter, find kind), in the order parse_age tries them
_PARSERS: tuple[tuple[re.Pattern[str], _Handler, int], ...] = (
    (_NOW_RE, lambda m, now: _relative(0, now), _WEAK),
    (_LAST_RE, _last_of, _WEAK),
    (_DAY_RE, _day_of, _WEAK),
    (_REL_PRE, _rel_of, _STRONG),
    (_REL_POST, _rel_of, _STRONG),
    (_REL_BARE, _rel_of, _COMPACT),
    *((p, _date_handler(kind), _DATE_FIND_KIND.get(kind, _DATED)) for kind, p in _DATE_RES),
    *((p, _date_handler(kind), _DATE_FIND_KIND.get(kind, _DATED)) for kind, p in _TIME_DATE_RES),
    (_CLOCK_RE, _clock_of, _WEAK),
)

# Only these forms can match a text without a digit ("just now", "last week", "yesterday",
# "an hour ago"): a text without digits skips the rest, which is most card lines.
_WORD_PARSERS = _PARSERS[:5]
_DIGIT = re.compile(r"\d")


def _normalize(text: str) -> tuple[str, str]:
    """Collapse whitespace and drop enclosing brackets and a trailing period; then also without a
    leading "Updated"/"Published"/"on"/"am"... (both are tried: "il" opens "il 3 giugno" and "il y a")."""
    t = _WS.sub(" ", text).strip()
    if len(t) >= 2 and t[0] in "([" and t[-1] in ")]":
        t = t[1:-1].strip()
    if t.endswith("."):
        t = t[:-1].rstrip()
    m = _PREFIX.match(t)
    if m is not None and m.end() < len(t):
        return t, t[m.end() :]
    return t, t


def _parse(text: str, now: datetime | None) -> AgeResult:
    """The body of :func:`parse_age` (may raise on pathological datetimes; the caller guards)."""
    if not isinstance(text, str):
        return _NONE
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_PARSE:
        return _NONE
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    t, bare = _normalize(stripped)
    for candidate in (t, bare) if bare != t else (t,):
        for pattern, handler, _kind in _PARSERS:
            m = pattern.fullmatch(candidate)
            if m is not None:
                result = handler(m, now)
                if result is not None:
                    return result
    return _NONE


def parse_age(text: str, now: datetime | None = None) -> tuple[timedelta | None, datetime | None]:
    """Parse an age or date as shown on a card. Returns ``(age, published)``.

    - Relative text ("3 hours ago", "5m", "vor 3 Stunden", "yesterday", "just now"): ``age`` is a
      timedelta; ``published = now - age`` when ``now`` (an aware datetime) is given, else None
      (also None when that would fall outside the datetime range).
    - Absolute date ("11 Jun 2025", "June 3, 2025", "03.06.2025", "2025-06-03", "3/9(木) 15:47",
      "Oct 6", "21 Nov 2017, 11:26pm", "18.47" or "4:53 pm" clock times): ``age`` is None unless
      ``now`` is given (then ``age = now - published`` when ``published <= now``); ``published`` is
      an aware datetime (in now's zone, else UTC). A date without a year takes the year of ``now``
      (the previous year if that would be in the future; without ``now`` the result is
      ``(None, None)``); a bare clock time means today in now's zone and needs ``now``.

    Units: a month is 30 days, a year 365 days. Case-insensitive; surrounding whitespace, enclosing
    brackets, a trailing period and a leading "Updated"/"Published"/"Aktualisiert"... are ignored.
    Texts longer than 200 characters are not ages. Never raises: unparseable -> ``(None, None)``.
    """
    try:
        return _parse(text, now)
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError, IndexError):
        return _NONE


# --- finding --------------------------------------------------------------------------------------

#: characters that separate the parts of a meta line ("Reuters · 3h ago", "By AFP | 2 days ago")
_SEPARATORS = frozenset("·•‧∙⋅●▪|¦–—-−/\\,;:()[]{}«»<>~*")
#: an anchor for checking that a found span parses (any valid span parses for every now)
_REF_NOW = datetime(2000, 6, 15, 12, 0, tzinfo=timezone.utc)


def _left_ok(text: str, start: int, allow_space: bool) -> bool:
    """Whether the span starting at ``start`` begins the line, follows a separator or (if allowed) a space."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SEPARATORS or (allow_space and i < start - 1)


def _right_ok(text: str, end: int) -> bool:
    """Whether the span ending at ``end`` ends the line or is followed by a separator or a period."""
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return j >= len(text) or text[j] in _SEPARATORS or text[j] in ".!"


def _accept(text: str, m: re.Match[str], kind: int) -> tuple[int, int] | None:
    """The span of a candidate match (widened over an "Updated" prefix) if its context allows it."""
    start, end = m.span()
    if end <= start:
        return None
    prefix = _PREFIX_TAIL.search(text, max(0, start - 40), start)
    if prefix is not None:
        start = prefix.start()
    if kind == _DATED:
        kind = _STRONG if m.groupdict().get("y") else _WEAK
    if kind == _COMPACT and not (_left_ok(text, start, True) and _right_ok(text, end)):
        return None
    if kind == _WEAK and not (_left_ok(text, start, False) and _right_ok(text, end)):
        return None
    if _parse(text[start:end], _REF_NOW) == _NONE:
        return None
    return start, end


# A card's lines are searched several times (for its headline, its age, its source); the search
# is a pure function of the text, so its answers are kept (bounded, per process).
@lru_cache(maxsize=2048)
def _find(text: str) -> tuple[int, int] | None:
    """The body of :func:`find_age`."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text[:_MAX_FIND]
    best: tuple[int, int] | None = None
    for pattern, _handler, kind in _PARSERS if _DIGIT.search(text) else _WORD_PARSERS:
        pos = 0
        while pos <= len(text):
            m = pattern.search(text, pos)
            if m is None or (best is not None and m.start() > best[0] + 40):
                break
            span = _accept(text, m, kind)
            if span is None and m.groupdict().get("n2") is not None:
                # "vor 2 Tagen und 5 Jahren": try again without the second part
                shorter = pattern.match(text, m.start(), m.start("n2"))
                if shorter is not None:
                    span = _accept(text, shorter, kind)
            if span is not None:
                if best is None or span[0] < best[0] or (span[0] == best[0] and span[1] > best[1]):
                    best = span
                break
            pos = m.start() + 1
    return best


def find_age(text: str) -> tuple[int, int] | None:
    """Locate an age/date expression inside a longer line and return its ``(start, end)`` span.

    E.g. "Reuters · 3h ago", "By AFP | 2 days ago", "The Guardian - 5 hours ago - World". The span
    covers a leading "Updated"/"Published"... word and always parses with :func:`parse_age` (given
    ``now``). Texts with an explicit marker ("ago", "vor", "il y a", "hace", "fa", "há",
    "geleden") and dates with a year are found anywhere; forms that are also ordinary words or
    numbers ("yesterday", "18:47", "Oct 6", "just now") only between separators (· | - , ; / and
    the like) or the ends of the line, and compact "3h" also after a space. The leftmost (then
    longest) span wins; only the first 5000 characters are scanned. Never raises.
    """
    try:
        return _find(text)
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError, IndexError):
        return None
