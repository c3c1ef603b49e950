"""Made-up place and person names for the national data set. None is a real
council: place names are built from syllables that do not make a real one."""

from __future__ import annotations

import random

PLACE_START = (
    "Ash", "Bram", "Cal", "Dun", "Elm", "Fal", "Gar", "Hol", "Ind", "Kel", "Lan", "Mar",
    "Nor", "Ock", "Pen", "Quen", "Ros", "Sel", "Tam", "Ul", "Ver", "Wen", "Yar", "Zel",
    "Brock", "Crane", "Drey", "Fern", "Glen", "Harl", "Kest", "Lark", "Moss", "Oak",
)  # fmt: skip
PLACE_END = (
    "bury", "combe", "dale", "field", "ford", "gate", "ham", "hurst", "ley", "mere",
    "minster", "mouth", "stead", "stow", "thorpe", "ton", "wick", "worth", "by", "wold",
)  # fmt: skip
WELSH_START = ("Aber", "Bryn", "Caer", "Cwm", "Llan", "Pen", "Pont", "Tre", "Ystrad", "Glyn")
WELSH_END = ("afon", "dwr", "fach", "garth", "hir", "maen", "nant", "rhos", "tywi", "wen")
SCOTS_START = ("Ard", "Auch", "Bal", "Dal", "Dun", "Glen", "Inver", "Kil", "Kin", "Strath")
SCOTS_END = ("brae", "carron", "dorie", "ellan", "garry", "lochy", "more", "nairn", "ross", "tay")

FIRST = (
    "Alex", "Bali", "Cara", "Dev", "Elin", "Femi", "Grace", "Hamid", "Isla", "Jon", "Kiran",
    "Lena", "Mo", "Nia", "Owen", "Priya", "Rhys", "Sana", "Tom", "Uma", "Vik", "Wen", "Yusuf",
    "Zara", "Ailsa", "Bryn", "Chen", "Dina", "Euan", "Fiona", "Gwen", "Hari",
)  # fmt: skip
LAST = (
    "Abbott", "Begum", "Campbell", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lloyd", "MacLeod", "Nowak", "Okafor", "Patel", "Quinn", "Reid", "Shah",
    "Thomas", "Usman", "Vaughan", "Wallace", "Young", "Ahmed", "Baker", "Clarke", "Doyle",
)  # fmt: skip


class NameMaker:
    """Unique names from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def place(self, nation: str) -> str:
        start, end = {
            "wales": (WELSH_START, WELSH_END),
            "scotland": (SCOTS_START, SCOTS_END),
        }.get(nation, (PLACE_START, PLACE_END))
        for _ in range(1000):
            name = self.rng.choice(start) + self.rng.choice(end)
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("Ran out of place names.")

    def person(self, unique: bool = False) -> str:
        for _ in range(1000):
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if not unique or name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("Ran out of person names.")
