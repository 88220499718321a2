"""The people of a demo school: their names, and the members' register (the head first, then the
members, then the young teachers), from which every other register takes who does what."""

from __future__ import annotations

import random

from ubsheets.core.normalize import fold
from ubsheets.demo.school import School, Staff
from ubsheets.demo.words import KyRu

_KY_SURNAMES = (
    "Асанов Токтогулов Сыдыков Абдыкадыров Жумабаев Мамытов Үсөнов Өмүралиев Түлөбердиев "
    "Жээнбеков Бекмуратов Иманалиев Чыныбаев Сарыгулов Шамшиев Калыков Дөөлөтов Мырзакматов "
    "Кожоев Төрөкулов Алымкулов Бообеков Курманалиев Эсенгулов Ниязбеков Сагынбаев Турдубаев "
    "Керимбеков Аманов Карыпбеков Осмонов Байзаков Медетбеков Ташиев Бөрүбаев Көкөев Аширбаев "
    "Ырысбеков Мукашев Жолдошев Садыров Эшматов Момунов Султаналиев").split()
_KY_WOMEN = (
    "Айгүл Гүлнара Нургүл Жылдыз Айнура Чолпон Бүбүсара Мээрим Асел Динара Гүлзат Назгүл Бермет "
    "Айпери Нуриза Каныкей Элнура Мырзагүл Айжан Толкун Жаңыл Сайкал Күмүшай Гүлмира Замира "
    "Чынара Аида Салтанат Айсулуу Гүлбарчын Венера Үмүт").split()
_KY_MEN = (
    "Нурлан Бакыт Азамат Эрлан Талант Улан Мирлан Канат Самат Чыңгыз Жеңиш Мелис Нурбек Эрмек "
    "Бектур Медер Өмүр Үмөт Айбек Тилек Кубанычбек Алмаз Дастан").split()
_KY_FATHERS = (
    "Бакыт Марат Асан Токтогул Жумабек Алмаз Эркин Сагын Курманбек Үсөн Өмүрбек Түгөлбай Нурбай "
    "Кадыр Мамбет Чоробек Таалай Абдыкалык Турсун Бейшен Кеңеш Төлөн Жусуп Сейтек").split()
# How Russian-language papers write the Kyrgyz names above that a letter-by-letter mapping gets
# wrong («Гулзат», «Бубусара»): гүл is «гуль», ү after б is «ю», Чыңгыз is «Чингиз». Names not
# listed are written the same in both languages.
_RUSSIAN_SPELLING = {
    # surnames
    "Үсөнов": "Усенов", "Өмүралиев": "Омуралиев", "Түлөбердиев": "Тулобердиев",
    "Дөөлөтов": "Доолотов", "Төрөкулов": "Торокулов", "Бөрүбаев": "Борубаев",
    "Көкөев": "Кокоев",
    # women
    "Айгүл": "Айгуль", "Гүлнара": "Гульнара", "Нургүл": "Нургуль", "Бүбүсара": "Бюбюсара",
    "Асел": "Асель", "Гүлзат": "Гульзат", "Назгүл": "Назгуль", "Элнура": "Эльнура",
    "Мырзагүл": "Мырзагуль", "Жаңыл": "Жаныл", "Күмүшай": "Кумушай", "Гүлмира": "Гульмира",
    "Гүлбарчын": "Гульбарчын", "Үмүт": "Умут",
    # men
    "Чыңгыз": "Чингиз", "Жеңиш": "Жениш", "Өмүр": "Омур", "Үмөт": "Умот",
    # fathers, before the patronymic is made from them
    "Үсөн": "Усен", "Өмүрбек": "Омурбек", "Түгөлбай": "Тугельбай", "Кеңеш": "Кенеш",
    "Төлөн": "Толон",
}
_RU_SURNAMES = (
    "Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков "
    "Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Фёдоров Михайлов "
    "Беляев Тарасов Белов Комаров Орлов Киселёв Макаров Андреев Ильин Никитин Захаров").split()
_RU_WOMEN = (
    "Ольга Татьяна Елена Наталья Ирина Светлана Людмила Галина Марина Надежда Валентина Оксана "
    "Юлия Анна Екатерина Лариса Любовь").split()
_RU_MEN = "Сергей Александр Владимир Андрей Дмитрий Николай Игорь Виктор Олег".split()
_RU_FATHERS = (
    "Иван Николай Сергей Александр Владимир Виктор Анатолий Юрий Геннадий Василий Борис Олег "
    "Алексей Валерий").split()
_UNIVERSITIES: tuple[KyRu, ...] = (
    ("И. Арабаев атындагы КМУ", "КГУ им. И. Арабаева"), ("КМУ", "КГУ"),
    ("Ж. Баласагын атындагы КУУ", "КНУ им. Ж. Баласагына"), ("ОшМУ", "ОшГУ"), ("КРСУ", "КРСУ"),
    ("К. Тыныстанов атындагы ЫМУ", "ИГУ им. К. Тыныстанова"), ("Нарын МУ", "НГУ"),
    ("Талас МУ", "ТалГУ"), ("Жалал-Абад МУ", "ЖАГУ"), ("Баткен МУ", "БатГУ"),
)
_COLLEGES: tuple[KyRu, ...] = (
    ("Бишкек педагогикалык колледжи", "Бишкекский пед. колледж"),
    ("Ош педагогикалык колледжи", "Ошский пед. колледж"),
    ("Каракол педагогикалык колледжи", "Каракольский пед. колледж"),
)
_AWARDS: tuple[KyRu, ...] = (
    ("Кыргыз Республикасынын билим берүүсүнүн мыктысы", "Отличник образования КР"),
    ("БИМдин Ардак грамотасы", "Почётная грамота МОиН КР"),
    ("Райондук билим берүү бөлүмүнүн Ардак грамотасы", "Почётная грамота РОО"),
)


def _patronymic(father: str, woman: bool) -> str:
    if father.endswith("ий"):
        stem = father[:-2] + "ьев"
    elif father.endswith("й"):
        stem = father[:-1] + "ев"
    else:
        stem = father + "ов"
    return stem + ("на" if woman else "ич")


class Names:
    """Unique full names for one school (unique also as the validator compares them)."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang = rng, lang
        self.used: set[str] = set()  # folded names
        # Even Russian-language schools are mostly Kyrgyz teachers, their names in Russian
        # spelling; Russian names are one in five there (one in twenty-five in Kyrgyz schools).
        self.russian_share = 0.2 if lang == "ru" else 0.04

    def person(self) -> str:
        while True:
            name = self._draw(woman=self.rng.random() < 0.8)  # most teachers are women
            if (key := fold(name)) not in self.used:
                self.used.add(key)
                return name

    def _draw(self, woman: bool) -> str:
        rng = self.rng
        russian = rng.random() < self.russian_share
        surnames, women, men, fathers = ((_RU_SURNAMES, _RU_WOMEN, _RU_MEN, _RU_FATHERS)
                                         if russian else
                                         (_KY_SURNAMES, _KY_WOMEN, _KY_MEN, _KY_FATHERS))
        surname, given, father = (rng.choice(surnames), rng.choice(women if woman else men),
                                  rng.choice(fathers))
        if self.lang == "ru":
            surname, given, father = (in_russian(word) for word in (surname, given, father))
        return f"{surname}{'а' if woman else ''} {given} {_patronymic(father, woman)}"


def in_russian(name: str) -> str:
    """A Kyrgyz name (a surname, a given name, a father's name) as Russian papers write it."""
    return _RUSSIAN_SPELLING.get(name, name)


def initials(name: str) -> str:
    surname, first, father = name.split()
    return f"{surname} {first[0]}. {father[0]}."


def members(school: School, names: Names) -> list[dict]:
    """The members' rows, head first, young teachers last; fills ``school.staff`` on the way."""
    young = 0 if school.members < 3 else max(1, round(school.members / 6))
    roles = ["head"] + ["member"] * (school.members - 1 - young) + ["young"] * young
    loads = school.association.loads
    rows = []
    for number, role in enumerate(roles):
        # Each load has a teacher before any load is drawn at random.
        load = loads[number] if number < len(loads) else school.rng.choice(loads)
        row = _member(school, names.person(), load, role)
        rows.append(row)
        school.staff.append(Staff(row["name"], load, role, row["experience"],
                                  row["last_course_year"]))
    return rows


def _member(school: School, name: str, load: tuple[str, ...], role: str) -> dict:
    rng = school.rng
    # All three are drawn whatever the role: dropping the unused two would change every row after.
    experience = {"head": rng.randint(12, 32), "young": rng.randint(0, 3),
                  "member": rng.randint(4, 35)}[role]
    education = "higher" if role == "head" else rng.choice(
        ("higher",) * 8 + ("vocational", "incomplete_higher"))
    started = 2020 - experience
    graduated = None if education == "incomplete_higher" else started - rng.choice((0, 0, 0, 1))
    course = attested = None
    category = "none"
    if role != "young":
        course = max(started + 1, rng.choice((2015, 2016, 2017, 2018, 2018, 2019, 2019, 2020,
                                              2020, 2020)))
        attested = max(started + 2, rng.choice((2016, 2017, 2018, 2018, 2019, 2019, 2020,
                                                2020)))
        category = rng.choice(("highest", "highest", "first") if experience >= 20 else
                              ("first", "first", "second") if experience >= 10 else
                              ("second", "none"))
    return {
        "name": name, "subject": ", ".join(school.subject(code) for code in load), "role": role,
        "education": education,
        "university": school.pick(_COLLEGES if education == "vocational" else _UNIVERSITIES),
        "graduation_year": graduated, "experience": experience,
        "school_experience": rng.choice((experience, experience, rng.randint(0, experience))),
        "weekly_hours": rng.choice((18, 18, 20, 22, 24, 27)) if role == "head" else
        rng.randint(9, 27),
        "last_course_year": course, "attestation_year": attested, "category": category,
        "awards": school.pick(_AWARDS) if experience >= 15 and rng.random() < 0.4 else None,
    }
