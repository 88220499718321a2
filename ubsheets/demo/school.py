"""The school being generated: one random source, the workbook's language, the number of members,
the association and its staff, and the draws every register shares.

Every register draws from the same ``rng`` in a fixed order, so the same arguments give the same
rows; a draw added, dropped or moved changes every row after it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ubsheets.demo.associations import CLASS_LETTERS, GRADES, Association
from ubsheets.demo.words import KyRu
from ubsheets.schema.choices import SUBJECTS

BASE_MEMBERS = 12  # the size the counts of rows are set for; other sizes scale them


@dataclass
class Staff:
    """A member as the other registers need them."""

    name: str
    subjects: tuple[str, ...]
    role: str
    experience: int
    last_course: int | None


@dataclass
class School:
    """The school being generated (see above); registers read it and draw from its ``rng``."""

    rng: random.Random
    lang: str  # the workbook's language
    members: int
    association: Association
    staff: list[Staff] = field(default_factory=list)

    @property
    def factor(self) -> float:
        return self.members / BASE_MEMBERS

    def t(self, pair: KyRu) -> str:
        """The text in Russian for a Russian workbook, else in Kyrgyz."""
        return pair[1] if self.lang == "ru" else pair[0]

    def pick(self, pairs: tuple[KyRu, ...]) -> str:
        return self.t(self.rng.choice(pairs))

    def count(self, low: int, high: int) -> int:
        """How many rows of something an association of BASE_MEMBERS has, scaled."""
        if self.factor < 1:
            return max(1, round(self.rng.randint(low, high) * self.factor))
        # One draw per BASE_MEMBERS teachers: large schools get smooth, proportional counts.
        return sum(self.rng.randint(low, high) for _ in range(round(self.factor)))

    def subject(self, code: str) -> str:
        return SUBJECTS.label_of(code, self.lang)

    def klass(self, subject: str) -> str:
        """A class the subject is taught in, such as "7-А"."""
        low, high = GRADES.get(subject, self.association.grades)
        low, high = max(low, self.association.grades[0]), min(high, self.association.grades[1])
        return f"{self.rng.randint(low, max(low, high))}-{self.rng.choice(CLASS_LETTERS)}"

    def anyone(self) -> Staff:
        return self.rng.choice(self.staff)

    def teachers(self, n: int) -> str:
        """"8 мугалим" / "8 учителей": Kyrgyz does not inflect after a number, Russian does."""
        if self.lang != "ru":
            return f"{n} мугалим"
        if n % 10 == 1 and n % 100 != 11:
            return f"{n} учитель"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return f"{n} учителя"
        return f"{n} учителей"
