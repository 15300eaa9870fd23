"""One normaliser per kind of Korean value: the 17 시도, KSIC sectors, business numbers, won.

The tables here are data (Korean place and sector names), the only Korean text outside the word
catalogue. Each normaliser takes what a person or a file may write and returns one spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from readiness.words import Lang


@dataclass(frozen=True)
class Choice:
    """One entry of a pick-list: the value stored and its label in both languages."""

    code: str
    ko: str
    en: str

    def label(self, lang: Lang) -> str:
        """The label in `lang`."""
        return self.ko if lang == "ko" else self.en


@dataclass(frozen=True)
class Province:
    """One of the 17 first-level divisions (시·도): id, short name, official name, English, aliases.

    The id (`chungbuk`) is what catalogues name; the official name is what answer files store.
    """

    id: str
    short: str
    official: str
    en: str
    aliases: tuple[str, ...] = ()


PROVINCES: tuple[Province, ...] = (
    Province("seoul", "서울", "서울특별시", "Seoul", ('서울시', 'Seoul-si', 'Seoul Special City', 'Seoul Metropolitan City')),
    Province("busan", "부산", "부산광역시", "Busan", ('부산시', 'Busan-si', 'Busan Metropolitan City', 'Pusan')),
    Province("daegu", "대구", "대구광역시", "Daegu", ('대구시', 'Daegu-si', 'Daegu Metropolitan City', 'Taegu')),
    Province("incheon", "인천", "인천광역시", "Incheon", ('인천시', 'Incheon-si', 'Incheon Metropolitan City', 'Inchon')),
    Province("gwangju", "광주", "광주광역시", "Gwangju", ('Gwangju Metropolitan City', 'Kwangju')),
    Province("daejeon", "대전", "대전광역시", "Daejeon", ('대전시', 'Daejeon-si', 'Daejeon Metropolitan City', 'Taejon')),
    Province("ulsan", "울산", "울산광역시", "Ulsan", ('울산시', 'Ulsan-si', 'Ulsan Metropolitan City')),
    Province("sejong", "세종", "세종특별자치시", "Sejong", ('세종시', 'Sejong-si', 'Sejong City', 'Sejong Special Self-Governing City')),
    Province("gyeonggi", "경기", "경기도", "Gyeonggi", ('Gyeonggi-do', 'Gyeonggi Province', 'Kyonggi', 'Kyonggi-do')),
    Province("gangwon", "강원", "강원특별자치도", "Gangwon", ('강원도', 'Gangwon-do', 'Gangwon Province', 'Gangwon State', 'Kangwon', 'Kangwon-do')),
    Province("chungbuk", "충북", "충청북도", "Chungbuk", ('Chungcheongbuk-do', 'North Chungcheong', 'North Chungcheong Province', 'Chungchongbuk-do')),
    Province("chungnam", "충남", "충청남도", "Chungnam", ('Chungcheongnam-do', 'South Chungcheong', 'South Chungcheong Province', 'Chungchongnam-do')),
    Province("jeonbuk", "전북", "전북특별자치도", "Jeonbuk", ('전라북도', 'Jeollabuk-do', 'North Jeolla', 'North Jeolla Province', 'Jeonbuk State', 'Chollabuk-do')),
    Province("jeonnam", "전남", "전라남도", "Jeonnam", ('Jeollanam-do', 'South Jeolla', 'South Jeolla Province', 'Chollanam-do')),
    Province("gyeongbuk", "경북", "경상북도", "Gyeongbuk", ('Gyeongsangbuk-do', 'North Gyeongsang', 'North Gyeongsang Province', 'Kyongsangbuk-do')),
    Province("gyeongnam", "경남", "경상남도", "Gyeongnam", ('Gyeongsangnam-do', 'South Gyeongsang', 'South Gyeongsang Province', 'Kyongsangnam-do')),
    Province("jeju", "제주", "제주특별자치도", "Jeju", ('제주도', 'Jeju-do', 'Jeju Province', 'Jeju Special Self-Governing Province', 'Cheju', 'Cheju-do')),
)  # fmt: skip
_BY_SHORT = {p.short: p for p in PROVINCES}
_BY_ID = {p.id: p for p in PROVINCES}


def fold(text: str) -> str:
    """A spelling reduced for comparison: NFC, casefolded, without spaces, hyphens, dots, apostrophes."""
    return re.sub(r"[\s\-_.']", "", unicodedata.normalize("NFC", text).casefold())


# Deliberately not aliases: 광주시 (also a city in 경기), and city or county names on their own.
_ALIASES = {fold(name): p for p in PROVINCES for name in (p.short, p.official, p.en, *p.aliases)}
# The pick-list of the interview: the official name is stored.
REGION_CHOICES = tuple(Choice(p.official, p.short, p.en) for p in PROVINCES)

SECTION_NAMES = {"C": Choice("C", "제조업(C)", "manufacturing (C)")}
# KSIC (10th revision) sections by two-digit division, to place a code given without its letter.
_KSIC_SECTIONS = (
    ("A", 1, 3), ("B", 5, 8), ("C", 10, 34), ("D", 35, 35), ("E", 36, 39), ("F", 41, 42),
    ("G", 45, 47), ("H", 49, 52), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 70, 73), ("N", 74, 76), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 87), ("R", 90, 91),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip

# Korean units of won: 조 = 10^12, 억 = 10^8, 만 = 10^4; 천, 백, 십 multiply within a group (5천만).
WON_UNITS = (("조", 10**12), ("억", 10**8), ("만", 10**4))
_UNIT_VALUE = {**dict(WON_UNITS), "": 1}
_SMALL_VALUE = {"천": 1000, "백": 100, "십": 10, "": 1}
_WON_GROUP = re.compile(r"([0-9]{1,16})(?:\.([0-9]{1,12}))?\s*(천|백|십|)\s*(조|억|만|)\s*")
_MAX_WON_TEXT = 80  # longer replies are not amounts a person types
WON_SUFFIX = "원"
PEOPLE_SUFFIX = "명"  # "48명": 48 people
MAX_WON = 10**16
# An amount of money or a rate in prose (Korean or English), for the catalogue's "no unvouched
# figures" rule.
_MENTIONED_AMOUNT = re.compile(
    r"\d[\d,.]*\s*(조|억|천만|백만|만)?\s*원|\d+(\.\d+)?\s*%|KRW\s*\d|\d\s*(million|billion|trillion)|per ?cent",
    re.IGNORECASE,
)
BUSINESS_NUMBER_RULE = "business number must be 10 digits written as 123-45-67890"


def province(text: str) -> Province | None:
    """The province named in free text such as '경기도 화성시', 'Gyeonggi-do' or '인천'.

    The whole text first; else each word. Words naming two different provinces, or none, give
    None: a region is never guessed.
    """
    whole = _ALIASES.get(fold(text))
    if whole is not None:
        return whole
    found = {_ALIASES[f] for token in re.split(r"[\s,()/]+", text) if (f := fold(token)) in _ALIASES}
    return found.pop() if len(found) == 1 else None


def region_name(text: str, lang: Lang) -> str:
    """A region as a report shows it: as written in Korean, romanised (`Gyeonggi`) in English.

    A region that names no single province is shown as written in both languages.
    """
    if lang == "ko":
        return text
    found = province(text)
    return found.en if found is not None else text


def province_by_short(short: str) -> Province:
    """A province by its short name (`경기`); KeyError if there is none."""
    return _BY_SHORT[short]


def province_by_id(pid: str) -> Province:
    """A province by its catalogue id (`chungbuk`); KeyError if there is none."""
    return _BY_ID[pid]


def ksic(sector: str) -> str:
    """A KSIC code with its section letter: '2931' -> 'C2931', 'c29' -> 'C29'."""
    code = sector.strip().upper().replace(" ", "")
    if code[:1].isdigit() and len(code) >= 2:
        division = int(code[:2])
        for letter, first, last in _KSIC_SECTIONS:
            if first <= division <= last:
                return letter + code
    return code


def is_ksic(code: str) -> bool:
    """Whether `code` (as `ksic` returns it) is a KSIC code: a section letter, then 2-5 digits whose
    division belongs to that section (`C29`, `C2591`, `G46`; not `C05` or `Z10`)."""
    if re.fullmatch(r"[A-U][0-9]{2,5}", code) is None:
        return False
    division = int(code[1:3])
    return any(letter == code[0] and first <= division <= last for letter, first, last in _KSIC_SECTIONS)


def business_number(text: str) -> str:
    """`1234567890`, `123-45-67890` or `123 45 67890` -> `123-45-67890`; ValueError otherwise."""
    digits = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", text))  # full-width digits too
    if not (digits.isascii() and digits.isdigit() and len(digits) == 10):
        raise ValueError(BUSINESS_NUMBER_RULE)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


_CHECK_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def business_number_checks(number: str) -> bool:
    """Whether a business registration number passes the national check digit (the 10th digit).

    Weights 1,3,7,1,3,7,1,3,5 on digits 1-9, plus floor(d9 * 5 / 10); the check digit is
    (10 - sum mod 10) mod 10. A failing number cannot belong to a real firm.
    """
    digits = [int(c) for c in re.sub(r"[\s-]", "", number)]
    if len(digits) != 10:
        return False
    total = sum(d * w for d, w in zip(digits, _CHECK_WEIGHTS, strict=False)) + digits[8] * 5 // 10
    return (10 - total % 10) % 10 == digits[9]


def won(amount: int, lang: Lang) -> str:
    """Won for people: Korean units (120억원, 3.5만원) or English millions and billions."""
    if lang == "ko":
        for unit, value in WON_UNITS:
            if amount >= value:
                return f"{amount / value:,.1f}".removesuffix(".0") + unit + WON_SUFFIX
        return f"{amount:,}{WON_SUFFIX}"
    for value, name in ((10**9, "billion"), (10**6, "million")):
        if amount >= value:
            return f"KRW {amount / value:,.1f}".removesuffix(".0") + f" {name}"
    return f"KRW {amount:,}"


def mentions_amount(text: str) -> bool:
    """Whether prose names an amount of won or a rate: '3억원', '50%', 'KRW 300 million'."""
    return _MENTIONED_AMOUNT.search(text) is not None


def parse_won(text: str) -> int:
    """`12,000,000,000`, `120억원`, `3억 5000만`, `85억 5천만`, `1.5억` -> won; ValueError otherwise.

    The one parser of won amounts: groups of a number, an optional 천/백/십 and an optional 조/억/만,
    in falling order (a bare number only last); commas, spaces and a final 원 are ignored.
    Integer arithmetic throughout, so no reply overflows or loses a won.
    """
    if len(text) > _MAX_WON_TEXT:
        raise ValueError("not an amount of won")
    rest = unicodedata.normalize("NFKC", text).replace(",", "").strip().removesuffix(WON_SUFFIX).strip()
    if not rest or _WON_GROUP.sub("", rest):
        raise ValueError("not an amount of won")
    amount, last = 0, MAX_WON * 10
    for whole, fraction, small, unit in _WON_GROUP.findall(rest):
        scale = _SMALL_VALUE[small] * _UNIT_VALUE[unit]
        if scale >= last:  # units fall from left to right: no repeats, a bare number only last
            raise ValueError("not an amount of won")
        if small and not unit and amount:  # "1억 5천": 1억 5천만 or 100,005,000? never guessed
            raise ValueError("ambiguous amount of won")
        last = _UNIT_VALUE[unit]
        value = int(whole) * scale + int(fraction or "0") * scale // 10 ** len(fraction)
        if fraction and int(fraction) * scale % 10 ** len(fraction):
            raise ValueError("not a whole number of won")
        amount += value
    if amount > MAX_WON:
        raise ValueError("amount too large")
    return amount
