"""Where a demo school is and what it is called: a village school of a district or a numbered
town school, named after a writer, a poet or a hero, as Kyrgyz schools are."""

from __future__ import annotations

import functools
import random

from ubsheets.demo.words import TO_RUSSIAN_SPELLING, KyRu

_DISTRICTS: tuple[tuple[KyRu, tuple[str, ...]], ...] = (
    (("Ысык-Көл району", "Иссык-Кульский район"),
     ("Бостери", "Тамчы", "Чок-Тал", "Ананьево", "Григорьевка", "Кара-Ой")),
    (("Чүй району", "Чуйский район"), ("Ильич", "Кегети", "Ак-Бешим", "Бурана", "Ибраимов")),
    (("Нарын району", "Нарынский район"), ("Эмгекчил", "Таш-Башат", "Ак-Муз", "Учкун")),
    (("Талас району", "Таласский район"), ("Көк-Ой", "Кызыл-Туу", "Ак-Жар", "Бекмолдо")),
    (("Баткен району", "Баткенский район"), ("Кара-Бак", "Самаркандек", "Ак-Сай", "Кыштут")),
    (("Ак-Суу району", "Ак-Суйский район"), ("Теплоключенка", "Ак-Булак", "Отуз-Уул")),
    (("Кочкор району", "Кочкорский район"), ("Кочкор", "Семиз-Бел", "Көк-Жар")),
)
_TOWNS: tuple[KyRu, ...] = (
    ("Ош шаары", "г. Ош"), ("Жалал-Абад шаары", "г. Джалал-Абад"), ("Бишкек шаары", "г. Бишкек"),
    ("Каракол шаары", "г. Каракол"), ("Нарын шаары", "г. Нарын"), ("Талас шаары", "г. Талас"),
    ("Баткен шаары", "г. Баткен"),
)
_EPONYMS: tuple[KyRu, ...] = (  # (Kyrgyz, Russian genitive)
    ("Ч. Айтматов", "Ч. Айтматова"), ("Т. Сатылганов", "Т. Сатылганова"),
    ("А. Осмонов", "А. Осмонова"), ("Токтогул", "Токтогула"), ("К. Тыныстанов", "К. Тыныстанова"),
    ("Ж. Бөкөнбаев", "Дж. Боконбаева"), ("Курманжан Датка", "Курманжан Датки"),
    ("Т. Молдо", "Т. Молдо"), ("А. Бакаев", "А. Бакаева"), ("Барпы", "Барпы"),
    ("Б. Бейшеналиева", "Б. Бейшеналиевой"), ("С. Орозбаков", "С. Орозбакова"),
    ("А. С. Пушкин", "А. С. Пушкина"), ("Ю. Гагарин", "Ю. Гагарина"),
)


Place = tuple[KyRu, str | None, int | None]  # district or town, village, school number


@functools.cache
def _places(seed: int) -> tuple[Place, ...]:
    """Every school's place, distinct: villages of districts and numbered town schools,
    alternating while the villages last."""
    rng = random.Random(seed)
    villages: list[Place] = [(district, village, None) for district, names in _DISTRICTS
                             for village in names]
    towns: list[Place] = [(_TOWNS[number % len(_TOWNS)], None, number) for number in range(1, 100)]
    rng.shuffle(villages)
    rng.shuffle(towns)
    mixed = [place for pair in zip(villages, towns, strict=False) for place in pair]
    return tuple(mixed + towns[len(villages):])


def school_name(rng: random.Random, index: int, seed: int, lang: str) -> tuple[str, str]:
    """The name of school ``index`` and its district (or town), in Russian if ``lang`` is."""
    places = _places(seed)
    if 1 <= index <= len(places):
        district, village, number = places[index - 1]
    else:
        district, village, number = rng.choice(_TOWNS), None, 100 + index
    ky, ru_of = rng.choice(_EPONYMS)
    if village:
        names = (f"{ky} атындагы {village} жалпы билим берүү орто мектеби",
                 f"СОШ им. {ru_of} с. {village.translate(TO_RUSSIAN_SPELLING)}")
    else:
        names = rng.choice(((f"{ky} атындагы №{number} жалпы билим берүү орто мектеби",
                             f"СОШ №{number} им. {ru_of}"),
                            (f"№{number} {ky} атындагы орто мектеп-гимназиясы",
                             f"Школа-гимназия №{number} им. {ru_of}")))
    return (names[1], district[1]) if lang == "ru" else (names[0], district[0])
