"""Demo workbooks: believable schools of the 2020-2021 academic year, for trying the tool,
teaching it, testing it and benchmarking it.

A school is generated from ``random.Random(seed + index)`` alone: the same arguments give the
same rows. Counts are set for an association of ``BASE_MEMBERS`` teachers and scale with
``members`` (1000 members give ~2000 open lessons and thousands of log rows); only the 14 required
documents and the three holidays stay as they are. The demo's "today" is ``TODAY``: what lies
before it was held, what lies after it is planned.

Every school with at least ``MISTAKES_FROM_MEMBERS`` members carries the same deliberate mistakes
(``Mistake``), each in a row that is otherwise valid, so a teacher sees what the check finds and
tests can rely on them. The word lists are real school vocabulary: lesson topics from the
Kyrgyz curricula, self-education topics and agendas as methodological associations write them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import random
from dataclasses import dataclass, field
from pathlib import Path

from ubsheets.core.normalize import fold
from ubsheets.schema import REQUIRED_DOCUMENTS, register
from ubsheets.schema.base import Label
from ubsheets.schema.choices import MONTHS as MONTH_LIST
from ubsheets.schema.choices import REPORT_FORMS, SUBJECTS

T = tuple[str, str]  # a text in Kyrgyz and in Russian
D = dt.date

YEAR_START, YEAR_END = D(2020, 9, 1), D(2021, 5, 25)
TODAY = D(2021, 3, 1)
HOLIDAYS: tuple[tuple[D, D, T], ...] = (
    (D(2020, 11, 2), D(2020, 11, 8), ("күзгү каникул", "осенние каникулы")),
    (D(2020, 12, 30), D(2021, 1, 12), ("кышкы каникул", "зимние каникулы")),
    (D(2021, 3, 20), D(2021, 3, 28), ("жазгы каникул", "весенние каникулы")),
)
# Days off outside the breaks (23 February, 8 March, 5 May) stay free of lessons.
PUBLIC_HOLIDAYS = frozenset({D(2021, 2, 23), D(2021, 3, 8), D(2021, 5, 5)})
BASE_MEMBERS = 12
MISTAKES_FROM_MEMBERS = 8
HOLIDAY_MISTAKE_DAY = D(2020, 11, 5)  # in the autumn break
COURSE_DUE_YEAR = 2016  # a course or attestation of 2016 or before is due in 2021 (5 years)


@dataclass(frozen=True)
class Mistake:
    """A deliberate mistake: the register it is in, the finding code it must give, and what a
    teacher should see in it."""

    register: str
    code: str
    what: Label


@dataclass
class DemoSchool:
    settings: dict
    rows: dict[str, list[dict]]
    mistakes: list[Mistake]
    lang: str = "ky"


# --- the calendar ----------------------------------------------------------------------------

def _holiday(day: D) -> bool:
    return any(start <= day <= end for start, end, _ in HOLIDAYS)


def _days(first: D, last: D) -> list[D]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


SCHOOL_DAYS: tuple[D, ...] = tuple(
    day for day in _days(YEAR_START, YEAR_END)
    if day.weekday() < 5 and not _holiday(day) and day not in PUBLIC_HOLIDAYS)
WEEKDAYS: tuple[D, ...] = tuple(d for d in _days(YEAR_START, YEAR_END) if d.weekday() < 5)
MONTHS: tuple[str, ...] = ("09", "10", "11", "12", "01", "02", "03", "04", "05")


def _half_months(until: D) -> list[list[D]]:
    """School days by reporting half-month (1-15, 16-end), up to ``until``."""
    halves: dict[tuple[int, int, bool], list[D]] = {}
    for day in SCHOOL_DAYS:
        if day < until:
            halves.setdefault((day.year, day.month, day.day > 15), []).append(day)
    return list(halves.values())


def _near_school_day(day: D) -> D:
    """The school day nearest to ``day`` (the earlier one of two as near)."""
    after = bisect.bisect_left(SCHOOL_DAYS, day)
    near = SCHOOL_DAYS[max(0, after - 1):after + 1]
    return min(near, key=lambda d: (abs((d - day).days), d))


# --- places and people -----------------------------------------------------------------------

_DISTRICTS: tuple[tuple[T, tuple[str, ...]], ...] = (
    (("Ысык-Көл району", "Иссык-Кульский район"),
     ("Бостери", "Тамчы", "Чок-Тал", "Ананьево", "Григорьевка", "Кара-Ой")),
    (("Чүй району", "Чуйский район"), ("Ильич", "Кегети", "Ак-Бешим", "Бурана", "Ибраимов")),
    (("Нарын району", "Нарынский район"), ("Эмгекчил", "Таш-Башат", "Ак-Муз", "Учкун")),
    (("Талас району", "Таласский район"), ("Көк-Ой", "Кызыл-Туу", "Ак-Жар", "Бекмолдо")),
    (("Баткен району", "Баткенский район"), ("Кара-Бак", "Самаркандек", "Ак-Сай", "Кыштут")),
    (("Ак-Суу району", "Ак-Суйский район"), ("Теплоключенка", "Ак-Булак", "Отуз-Уул")),
    (("Кочкор району", "Кочкорский район"), ("Кочкор", "Семиз-Бел", "Көк-Жар")),
)
_TOWNS: tuple[T, ...] = (
    ("Ош шаары", "г. Ош"), ("Жалал-Абад шаары", "г. Джалал-Абад"), ("Бишкек шаары", "г. Бишкек"),
    ("Каракол шаары", "г. Каракол"), ("Нарын шаары", "г. Нарын"), ("Талас шаары", "г. Талас"),
    ("Баткен шаары", "г. Баткен"),
)
_EPONYMS: tuple[T, ...] = (  # (Kyrgyz, Russian genitive)
    ("Ч. Айтматов", "Ч. Айтматова"), ("Т. Сатылганов", "Т. Сатылганова"),
    ("А. Осмонов", "А. Осмонова"), ("Токтогул", "Токтогула"), ("К. Тыныстанов", "К. Тыныстанова"),
    ("Ж. Бөкөнбаев", "Дж. Боконбаева"), ("Курманжан Датка", "Курманжан Датки"),
    ("Т. Молдо", "Т. Молдо"), ("А. Бакаев", "А. Бакаева"), ("Барпы", "Барпы"),
    ("Б. Бейшеналиева", "Б. Бейшеналиевой"), ("С. Орозбаков", "С. Орозбакова"),
    ("А. С. Пушкин", "А. С. Пушкина"), ("Ю. Гагарин", "Ю. Гагарина"),
)
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
_TO_RUSSIAN_SPELLING = str.maketrans("ңөүҢӨҮ", "ноуНОУ")
_KYRGYZ_LETTERS = frozenset("ңөүҢӨҮ")


def _patronymic(father: str, woman: bool) -> str:
    if father.endswith("ий"):
        stem = father[:-2] + "ьев"
    elif father.endswith("й"):
        stem = father[:-1] + "ев"
    else:
        stem = father + "ов"
    return stem + ("на" if woman else "ич")


class _Names:
    """Unique full names for one school (unique also as the validator compares them)."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang, self.used = rng, lang, set()
        self.russian_share = 0.5 if lang == "ru" else 0.04

    def person(self) -> str:
        while True:
            name = self._draw(woman=self.rng.random() < 0.8)  # most teachers are women
            if fold(name) not in self.used:
                self.used.add(fold(name))
                return name

    def _draw(self, woman: bool) -> str:
        rng = self.rng
        russian = rng.random() < self.russian_share
        surnames, women, men, fathers = ((_RU_SURNAMES, _RU_WOMEN, _RU_MEN, _RU_FATHERS)
                                         if russian else
                                         (_KY_SURNAMES, _KY_WOMEN, _KY_MEN, _KY_FATHERS))
        name = (f"{rng.choice(surnames)}{'а' if woman else ''} "
                f"{rng.choice(women if woman else men)} "
                f"{_patronymic(rng.choice(fathers), woman)}")
        # Russian-language papers write Kyrgyz names without ң, ө, ү.
        return name.translate(_TO_RUSSIAN_SPELLING) if self.lang == "ru" else name


def _initials(name: str) -> str:
    surname, first, father = name.split()
    return f"{surname} {first[0]}. {father[0]}."


@functools.cache
def _places(seed: int) -> tuple[tuple[T, str | None, int | None], ...]:
    """Every school's place, distinct: villages of districts and numbered town schools,
    alternating while the villages last."""
    rng = random.Random(seed)
    villages = [(district, village, None) for district, names in _DISTRICTS for village in names]
    towns = [(_TOWNS[number % len(_TOWNS)], None, number) for number in range(1, 100)]
    rng.shuffle(villages)
    rng.shuffle(towns)
    mixed = [place for pair in zip(villages, towns, strict=False) for place in pair]
    return tuple(mixed + towns[len(villages):])


def _school(rng: random.Random, index: int, seed: int, lang: str) -> tuple[str, str]:
    places = _places(seed)
    if 1 <= index <= len(places):
        district, village, number = places[index - 1]
    else:
        district, village, number = rng.choice(_TOWNS), None, 100 + index
    ky, ru_of = rng.choice(_EPONYMS)
    if lang == "ru":
        if village:
            name = f"СОШ им. {ru_of} с. {village.translate(_TO_RUSSIAN_SPELLING)}"
        else:
            name = rng.choice((f"СОШ №{number} им. {ru_of}",
                               f"Школа-гимназия №{number} им. {ru_of}"))
        return name, district[1]
    if village:
        return f"{ky} атындагы {village} жалпы билим берүү орто мектеби", district[0]
    return rng.choice((f"{ky} атындагы №{number} жалпы билим берүү орто мектеби",
                       f"№{number} {ky} атындагы орто мектеп-гимназиясы")), district[0]


# --- associations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Association:
    name: T
    loads: tuple[tuple[str, ...], ...]  # what one teacher teaches (subject codes)
    grades: tuple[int, int]
    clubs: tuple[T, ...]


_ASSOCIATIONS: tuple[_Association, ...] = (
    _Association(("математика жана информатика мугалимдеринин усулдук бирикмеси",
                  "МО учителей математики и информатики"),
                 (("mathematics",), ("algebra", "geometry"), ("mathematics", "informatics"),
                  ("informatics",), ("physics",)), (5, 11),
                 (("Жаш математик", "Юный математик"), ("Программист", "Программист"),
                  ("Шахмат", "Шахматы"), ("Робототехника", "Робототехника"))),
    _Association(("тил жана адабият мугалимдеринин усулдук бирикмеси",
                  "МО учителей языков и литературы"),
                 (("kyrgyz_language", "kyrgyz_literature"),
                  ("russian_language", "russian_literature"),
                  ("english",), ("kyrgyz_language",)), (5, 11),
                 (("Сөз чебери", "Мастер слова"), ("English club", "English club"),
                  ("Жаш журналист", "Юный журналист"), ("Жаш манасчылар", "Юные манасчи"))),
    _Association(("башталгыч класстардын мугалимдеринин усулдук бирикмеси",
                  "МО учителей начальных классов"), (("primary",),), (1, 4),
                 (("Чебер колдор", "Умелые руки"), ("Китеп сүйүүчүлөр", "Любители чтения"),
                  ("Шахмат", "Шахматы"), ("Жаш эколог", "Юный эколог"))),
    _Association(("табигый илимдер мугалимдеринин усулдук бирикмеси",
                  "МО учителей естественных наук"),
                 (("chemistry",), ("biology",), ("geography",), ("chemistry", "biology")), (6, 11),
                 (("Жаш химик", "Юный химик"), ("Жаш эколог", "Юный эколог"),
                  ("Жаш географ", "Юный географ"), ("Жаш биолог", "Юный биолог"))),
    _Association(("тарых жана коомдук илимдер мугалимдеринин усулдук бирикмеси",
                  "МО учителей истории и обществознания"),
                 (("history",), ("history", "society"), ("society",)), (5, 11),
                 (("Жаш тарыхчы", "Юный историк"), ("Мекен таануу", "Краеведение"),
                  ("Дебат клубу", "Дебатный клуб"))),
    _Association(("музыка, сүрөт, дене тарбия жана технология мугалимдеринин усулдук бирикмеси",
                  "МО учителей музыки, ИЗО, физкультуры и технологии"),
                 (("music",), ("art",), ("pe",), ("technology",)), (1, 9),
                 (("Комуз", "Комуз"), ("Хор", "Хор"), ("Сүрөт студиясы", "Изостудия"),
                  ("Волейбол", "Волейбол"), ("Тогуз коргоол", "Тогуз коргоол"))),
)
_THEMES: tuple[T, ...] = (
    ("Окуучулардын функционалдык сабаттуулугун калыптандыруу аркылуу билим берүүнүн сапатын "
     "жогорулатуу", "Повышение качества образования через формирование функциональной "
     "грамотности учащихся"),
    ("Компетенттүүлүк мамилеге негизделген окутууда заманбап технологияларды колдонуу",
     "Применение современных технологий в компетентностно-ориентированном обучении"),
    ("Аралыктан жана салттуу окутууну айкалыштыруу шартында сабактын сапаты",
     "Качество урока в условиях сочетания дистанционного и традиционного обучения"),
)
_LESSON_TOPICS: dict[str, tuple[T, ...]] = {
    "mathematics": (("Жай бөлчөктөрдү кошуу жана кемитүү", "Сложение и вычитание дробей"),
                    ("Пайызга маселелер", "Задачи на проценты"),
                    ("Сызыктуу теңдемелерди чыгаруу", "Решение линейных уравнений"),
                    ("Оң жана терс сандар", "Положительные и отрицательные числа")),
    "algebra": (("Квадраттык теңдемелер", "Квадратные уравнения"),
                ("Виеттин теоремасы", "Теорема Виета"),
                ("Арифметикалык прогрессия", "Арифметическая прогрессия"),
                ("Көрсөткүчтүү функция", "Показательная функция")),
    "geometry": (("Пифагордун теоремасы", "Теорема Пифагора"),
                 ("Үч бурчтуктардын окшоштук белгилери", "Признаки подобия треугольников"),
                 ("Тегеректин аянты", "Площадь круга")),
    "informatics": (("Алгоритм жана анын касиеттери", "Алгоритм и его свойства"),
                    ("Электрондук таблицалар менен иштөө", "Работа с электронными таблицами"),
                    ("Программалоодо циклдер", "Циклы в программировании")),
    "physics": (("Ньютондун мыйзамдары", "Законы Ньютона"), ("Архимеддин күчү", "Сила Архимеда"),
                ("Электр тогунун күчү", "Сила тока"), ("Жарыктын сынышы", "Преломление света")),
    "kyrgyz_language": (("Зат атооч", "Имя существительное"),
                        ("Этиштин чактары", "Времена глагола"),
                        ("Тутумдаш сүйлөм", "Сложносочинённое предложение"),
                        ("Үндүүлөрдүн үндөштүгү", "Гармония гласных")),
    "kyrgyz_literature": (("Ч. Айтматовдун «Жамийла» повести", "Повесть Ч. Айтматова «Джамиля»"),
                          ("«Манас» эпосу: Чоң казат", "Эпос «Манас»: Великий поход"),
                          ("А. Осмоновдун лирикасы", "Лирика А. Осмонова")),
    "russian_language": (("Атоочтук айкаш", "Причастный оборот"),
                         ("Татаал сабактуу сүйлөм", "Сложноподчинённое предложение"),
                         ("Сын атоочтордо -н- жана -нн-", "-Н- и -НН- в прилагательных")),
    "russian_literature": (("А. С. Пушкиндин «Капитандын кызы»",
                            "А. С. Пушкин «Капитанская дочка»"),
                           ("М. Ю. Лермонтовдун лирикасы", "Лирика М. Ю. Лермонтова")),
    "english": (("Present Simple жана Present Continuous", "Present Simple и Present Continuous"),
                ("«Менин үй-бүлөм» (My family)", "«Моя семья» (My family)"),
                ("Кыргызстан боюнча саякат (Travelling)",
                 "Путешествие по Кыргызстану (Travelling)")),
    "chemistry": (("Д. И. Менделеевдин мезгилдик системасы",
                   "Периодическая система Д. И. Менделеева"),
                  ("Кислоталар жана негиздер", "Кислоты и основания"),
                  ("Химиялык реакциялардын түрлөрү", "Типы химических реакций")),
    "biology": (("Клетканын түзүлүшү", "Строение клетки"), ("Фотосинтез", "Фотосинтез"),
                ("Адамдын кан айлануу системасы", "Кровеносная система человека")),
    "geography": (("Кыргызстандын рельефи", "Рельеф Кыргызстана"),
                  ("Ысык-Көл: табияты жана ресурстары", "Иссык-Куль: природа и ресурсы"),
                  ("Материктер жана океандар", "Материки и океаны")),
    "history": (("Улуу Жибек жолу", "Великий шёлковый путь"),
                ("Курманжан Датка жана Алай", "Курманжан Датка и Алай"),
                ("Кыргыз мамлекеттүүлүгүнүн тарыхы", "История кыргызской государственности")),
    "society": (("Адам укуктары", "Права человека"),
                ("Мамлекет жана жаран", "Государство и гражданин"),
                ("Үй-бүлө – коомдун негизи", "Семья – основа общества")),
    "music": (("Комуз жана элдик аспаптар", "Комуз и народные инструменты"),
              ("Токтогулдун күүлөрү", "Кюи Токтогула")),
    "art": (("Кыргыз оюм-чийимдери", "Кыргызский орнамент"), ("Натюрморт", "Натюрморт")),
    "pe": (("Волейбол: топту кабыл алуу", "Волейбол: приём мяча"),
           ("Улуттук оюндар: ордо", "Национальные игры: ордо")),
    "technology": (("Кийиз буюмдар: шырдак", "Войлочные изделия: шырдак"),
                   ("Жыгач иштетүү", "Обработка древесины")),
    "primary": (("Тамгалар жана тыбыштар", "Буквы и звуки"),
                ("100дүн ичинде кошуу жана кемитүү", "Сложение и вычитание в пределах 100"),
                ("Көбөйтүү таблицасы", "Таблица умножения"),
                ("Жыл мезгилдери (Мекен таануу)", "Времена года (Родиноведение)")),
}
_GRADES = {"algebra": (7, 11), "geometry": (7, 11), "physics": (7, 11), "chemistry": (8, 11),
           "mathematics": (5, 6), "society": (8, 11)}
_EXTRACURRICULAR: tuple[T, ...] = (
    ("Предметтик викторина", "Предметная викторина"),
    ("«Эмне? Кайда? Качан?» интеллектуалдык оюну", "Интеллектуальная игра «Что? Где? Когда?»"),
    ("Предметтик КВН", "Предметный КВН"), ("Окуучулардын долбоорлорун коргоо", "Защита проектов"),
)
_SELF_EDUCATION: tuple[T, ...] = (
    ("Сабакта маалыматтык-коммуникациялык технологияларды колдонуу", "Использование ИКТ на уроках"),
    ("Окуучулардын функционалдык сабаттуулугун калыптандыруу",
     "Формирование функциональной грамотности учащихся"),
    ("Компетенттүүлүк мамиле негизинде окутуу", "Компетентностный подход в обучении"),
    ("Окуучулардын өз алдынча иштөөсүн уюштуруу", "Организация самостоятельной работы учащихся"),
    ("Сабакта интерактивдүү методдорду колдонуу", "Интерактивные методы обучения на уроке"),
    ("Сын көз караш менен ой жүгүртүүнү өнүктүрүү технологиясы",
     "Технология развития критического мышления"),
    ("Калыптандыруучу баалоо", "Формативное оценивание"),
    ("Дифференцияланган мамиле менен окутуу", "Дифференцированный подход в обучении"),
    ("Сабакта долбоорлоо ыкмасы", "Метод проектов на уроке"),
    ("Аралыктан окутууну уюштуруу", "Организация дистанционного обучения"),
    ("Жөндөмдүү окуучулар менен иштөө", "Работа с одарёнными детьми"),
    ("Окуучулардын окууга болгон кызыгуусун арттыруу", "Повышение мотивации учащихся к учёбе"),
    ("Предметтер аралык байланыш", "Межпредметные связи на уроках"),
)
_WHERE: tuple[T, ...] = (("УБнын жыйналышы", "Заседание МО"), ("Педагогикалык кеңеш", "Педсовет"),
                         ("Райондук семинар", "Районный семинар"))
_EVENTS: dict[str, tuple[T, ...]] = {
    "seminar": (("Жаңы предметтик стандарттар", "Новые предметные стандарты"),
                ("Аралыктан окутуунун платформалары", "Платформы дистанционного обучения"),
                ("Калыптандыруучу баалоо сабакта", "Формативное оценивание на уроке")),
    "round_table": (("Жаш мугалимдердин көйгөйлөрү", "Проблемы молодых специалистов"),
                    ("Окуучулардын окуу жетишкендиктери", "Учебные достижения учащихся")),
    "creative_report": (("Мугалимдин чыгармачыл отчету: иш тажрыйбасынан",
                         "Творческий отчёт учителя: из опыта работы"),),
    "club": (("Кружоктун ачык сабагы", "Открытое занятие кружка"),),
    "conference": (("«Илимге алгачкы кадам» илимий-практикалык конференциясы",
                    "НПК «Первые шаги в науку»"),),
    "reading": (("Педагогикалык окуулар: алдыңкы тажрыйба",
                 "Педагогические чтения: передовой опыт"),),
    "exhibition": (("Усулдук иштелмелердин көргөзмөсү", "Выставка методических разработок"),
                   ("Окуучулардын мыкты дептерлеринин көргөзмөсү", "Выставка лучших тетрадей")),
    "master_class": (("Интерактивдүү такта менен иштөө", "Работа с интерактивной доской"),),
    "other": (("Предметтик олимпиаданын мектептик туру", "Школьный тур предметной олимпиады"),),
}
_EVENT_KINDS = ("seminar", "seminar", "round_table", "creative_report", "club", "conference",
                "reading", "exhibition", "master_class", "other")
_LOG_TOPICS: tuple[T, ...] = (
    ("Өз ара сабактарга катышуу жана талдоо", "Взаимопосещение и анализ уроков"),
    ("Бири-биринин дептерлерин текшерүү", "Взаимопроверка тетрадей"),
    ("Нормативдик иш кагаздарын окуп-үйрөнүү", "Изучение нормативных документов"),
    ("Программадагы оор темаларды талкуулоо", "Обсуждение трудных тем программы"),
    ("Алдыңкы тажрыйбаны жайылтуу", "Распространение передового опыта"),
    ("Жаш мугалимге усулдук жардам", "Методическая помощь молодому специалисту"),
    ("Олимпиадага даярдоо боюнча кеңешме", "Совещание по подготовке к олимпиаде"),
    ("Жаңы усулдук адабияттар менен таанышуу", "Знакомство с новой методической литературой"),
    ("Өз билимин өркүндөтүү боюнча отчет", "Отчёт по самообразованию"),
    ("Тесттик тапшырмаларды түзүү", "Составление тестовых заданий"),
    ("Класстык журналдарды текшерүү", "Проверка классных журналов"),
    ("Чейректин жыйынтыгын талдоо", "Анализ итогов четверти"),
)
_LOG_NOTES: tuple[T, ...] = (("", ""), ("", ""), ("Сунуштар берилди", "Даны рекомендации"),
                             ("Маалымкат түзүлдү", "Составлена справка"))
_CONTROL: dict[str, tuple[tuple[T, ...], tuple[T, ...]]] = {  # kind: (what is checked, findings)
    "observation": ((("Сабакка катышуу жана талдоо", "Посещение и анализ урока"),
                     ("Класстан тышкаркы иш-чарага катышуу", "Посещение внеклассного мероприятия")),
                    (("Сабактын максатына жетишилди", "Цель урока достигнута"),
                     ("Убакыт туура бөлүштүрүлгөн эмес", "Время урока распределено неудачно"))),
    "documents": ((("Класстык журнал", "Классный журнал"), ("Окуучулардын күндөлүктөрү",
                   "Дневники учащихся"), ("Сабактын пландары", "Поурочные планы")),
                  (("Өз убагында толтурулган", "Заполняется своевременно"),
                   ("Бааларды коюуда кечигүүлөр бар", "Есть задержки с оценками"))),
    "oral": ((("Атайын программа боюнча аңгемелешүү", "Собеседование по программе"),),
             (("Мугалим программаны жакшы билет", "Учитель хорошо владеет программой"),)),
    "written": ((("Учкай текшерүү иши", "Экспресс-контрольная работа"),
                 ("Анкета толтуруу", "Анкетирование")),
                (("Окуучулардын 70%ы тапшырманы аткарды", "70% учащихся справились"),)),
    "testing": ((("Окуучулардын билимин тестирлөө", "Тестирование знаний учащихся"),
                 ("ЖРТга сынамык тест", "Пробное тестирование к ОРТ")),
                (("Орточо балл 3,8", "Средний балл 3,8"), ("Билимдин сапаты 52%", "Качество 52%"))),
    "operational": ((("Өтүлгөн сабакты талдоо", "Разбор проведённого урока"),
                     ("Окуучулардын жеке өзгөчөлүктөрүн психологиялык диагностикалоо",
                      "Психологическая диагностика учащихся")),
                    (("Сабактын жүрүшү талкууланды", "Ход урока обсуждён"),)),
    "retroactive": ((("Өткөн жылдагы бүтүрүүчүлөрдүн ЖРТ жыйынтыктары",
                      "Результаты ОРТ выпускников прошлого года"),),
                    (("Бүтүрүүчүлөрдүн 64%ы ЖОЖго тапшырды", "64% выпускников поступили в вузы"),)),
}
_RECOMMENDATIONS: tuple[T, ...] = (
    ("Өз алдынча иштөөгө көбүрөөк убакыт берүү", "Больше времени на самостоятельную работу"),
    ("Калыптандыруучу баалоону колдонуу", "Применять формативное оценивание"),
    ("Тажрыйбаны УБнын жыйналышында жайылтуу", "Распространить опыт на заседании МО"),
    ("Журналды өз убагында толтуруу", "Своевременно заполнять журнал"),
)
_INSPECTIONS: tuple[T, ...] = (
    ("Мамлекеттик стандарттын аткарылышы", "Выполнение государственного стандарта"),
    ("Класстык журналдардын жүргүзүлүшү", "Ведение классных журналов"),
    ("Чейректин жыйынтыгы боюнча үлгүрүм", "Успеваемость по итогам четверти"),
    ("Жаш мугалимдердин сабактары", "Уроки молодых специалистов"),
    ("Бүтүрүүчүлөрдү ЖРТга даярдоо", "Подготовка выпускников к ОРТ"),
    ("Аралыктан окутуунун сапаты", "Качество дистанционного обучения"),
)
_RESULTS: tuple[T, ...] = (("Канааттандырарлык", "Удовлетворительно"),
                           ("Жакшы, сунуштар берилди", "Хорошо, даны рекомендации"),
                           ("Маалымкат түзүлдү", "Составлена справка"))
_COURSES: tuple[T, ...] = (
    ("Жаңы предметтик стандарттар", "Новые предметные стандарты"),
    ("Аралыктан окутуунун технологиялары", "Технологии дистанционного обучения"),
    ("Окуучулардын жетишкендиктерин баалоо", "Оценивание учебных достижений"),
    ("Инклюзивдик билим берүү", "Инклюзивное образование"),
    ("Предметти окутуунун заманбап методикасы", "Современная методика преподавания"),
)
_PROVIDERS: tuple[T, ...] = (
    ("Кыргыз билим берүү академиясы", "Кыргызская академия образования"),
    ("РПКЖИ", "РИПКиППР"), ("Райондук билим берүү бөлүмү", "РОО"),
    ("И. Арабаев атындагы КМУнун кайра даярдоо институту", "ИППК КГУ им. И. Арабаева"),
)
_UNIVERSITIES: tuple[T, ...] = (
    ("И. Арабаев атындагы КМУ", "КГУ им. И. Арабаева"), ("КМУ", "КГУ"),
    ("Ж. Баласагын атындагы КУУ", "КНУ им. Ж. Баласагына"), ("ОшМУ", "ОшГУ"), ("КРСУ", "КРСУ"),
    ("К. Тыныстанов атындагы ЫМУ", "ИГУ им. К. Тыныстанова"), ("Нарын МУ", "НГУ"),
    ("Талас МУ", "ТалГУ"), ("Жалал-Абад МУ", "ЖАГУ"), ("Баткен МУ", "БатГУ"),
)
_COLLEGES: tuple[T, ...] = (("Бишкек педагогикалык колледжи", "Бишкекский пед. колледж"),
                            ("Ош педагогикалык колледжи", "Ошский пед. колледж"),
                            ("Каракол педагогикалык колледжи", "Каракольский пед. колледж"))
_AWARDS: tuple[T, ...] = (
    ("Кыргыз Республикасынын билим берүүсүнүн отличниги", "Отличник образования КР"),
    ("БИМдин Ардак грамотасы", "Почётная грамота МОиН КР"),
    ("Райондук билим берүү бөлүмүнүн Ардак грамотасы", "Почётная грамота РОО"),
)
# Meetings of the year: (month, day) aimed at, agenda, resolution.
_MEETINGS: tuple[tuple[D, T, T], ...] = (
    (D(2020, 9, 4), ("1. 2019-2020-окуу жылындагы иштин жыйынтыгы. 2. 2020-2021-окуу жылынын иш "
                     "планын бекитүү. 3. Өз билимин өркүндөтүү темаларын бекитүү.",
                     "1. Итоги работы за 2019-2020 уч. год. 2. Утверждение плана работы на "
                     "2020-2021 уч. год. 3. Утверждение тем самообразования."),
     ("Иш планы жана темалар бекитилсин.", "Утвердить план работы и темы самообразования.")),
    (D(2020, 11, 13), ("1. Биринчи чейректин жыйынтыгы. 2. Аралыктан окутуунун тажрыйбасы.",
                       "1. Итоги I четверти. 2. Опыт дистанционного обучения."),
     ("Тажрыйба жайылтылсын, артта калгандар менен кошумча сабак өтүлсүн.",
      "Распространить опыт, организовать занятия с отстающими.")),
    (D(2021, 1, 15), ("1. Биринчи жарым жылдыктын жыйынтыгы. 2. Ачык сабактарды талдоо. "
                      "3. Жаш мугалимдер менен иштөө.", "1. Итоги I полугодия. 2. Анализ "
                      "открытых уроков. 3. Работа с молодыми специалистами."),
     ("Ачык сабактардын графиги аткарылсын.", "Выполнять график открытых уроков.")),
    (D(2021, 3, 12), ("1. Үчүнчү чейректин жыйынтыгы. 2. Өз билимин өркүндөтүү боюнча "
                      "отчеттор. 3. ЖРТга даярдоо.", "1. Итоги III четверти. 2. Отчёты по "
                      "самообразованию. 3. Подготовка к ОРТ."), ("", "")),
    (D(2021, 4, 16), ("1. Жыйынтыктоочу аттестацияга даярдоо. 2. Предметтик жумалыктын "
                      "жыйынтыгы.", "1. Подготовка к итоговой аттестации. 2. Итоги предметной "
                      "недели."), ("", "")),
    (D(2021, 5, 21), ("1. УБнын жылдык ишинин жыйынтыгы. 2. Кийинки окуу жылына пландоо.",
                      "1. Итоги работы МО за год. 2. Планирование на следующий учебный год."),
     ("", "")),
)
_DOCUMENT_DATES = (D(2016, 8, 29), D(2020, 8, 28), D(2016, 8, 29), D(2020, 9, 1), D(2020, 9, 1),
                   D(2020, 9, 4), D(2020, 9, 4), D(2020, 9, 7), D(2020, 9, 7), D(2020, 9, 10),
                   D(2020, 9, 10), D(2020, 9, 14), D(2020, 9, 4), D(2020, 5, 29))
_OFTEN_MISSING = (6, 7, 10, 12, 14)  # documents heads most often have not drawn up yet
_WEEKDAY_NAMES: tuple[T, ...] = (("дүйшөмбү", "понедельник"), ("шейшемби", "вторник"),
                                 ("шаршемби", "среда"), ("бейшемби", "четверг"),
                                 ("жума", "пятница"))
_LETTERS = "АААББВВГ"  # Cyrillic class letters, parallel classes А and Б the most common


# --- the generator ---------------------------------------------------------------------------

@dataclass
class _Staff:
    name: str
    subjects: tuple[str, ...]
    role: str
    experience: int
    last_course: int | None


@dataclass
class _School:
    rng: random.Random
    lang: str  # the workbook's language
    text: int  # 0: texts in Kyrgyz, 1: in Russian
    members: int
    factor: float
    association: _Association
    staff: list[_Staff] = field(default_factory=list)

    def t(self, pair: T) -> str:
        return pair[self.text]

    def pick(self, pairs: tuple[T, ...]) -> str:
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
        low, high = _GRADES.get(subject, self.association.grades)
        low, high = max(low, self.association.grades[0]), min(high, self.association.grades[1])
        return f"{self.rng.randint(low, max(low, high))}-{self.rng.choice(_LETTERS)}"

    def anyone(self) -> _Staff:
        return self.rng.choice(self.staff)

    def teachers(self, n: int) -> str:
        """"8 мугалим" / "8 учителей": Kyrgyz does not inflect after a number, Russian does."""
        if self.text == 0:
            return f"{n} мугалим"
        if n % 10 == 1 and n % 100 != 11:
            return f"{n} учитель"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return f"{n} учителя"
        return f"{n} учителей"


def demo_school(index: int, members: int = 12, lang: str = "ky", seed: int = 2020) -> DemoSchool:
    """One demo school (its settings, register rows and deliberate mistakes), deterministic."""
    rng = random.Random(seed + index)
    school = _School(rng, lang, 1 if lang == "ru" else 0, max(1, members),
                     max(1, members) / BASE_MEMBERS, rng.choice(_ASSOCIATIONS))
    name, district = _school(rng, index, seed, lang)
    names = _Names(rng, lang)
    director, deputy = names.person(), names.person()
    member_rows = _members(school, names)
    head = school.staff[0].name
    rows: dict[str, list[dict]] = {
        "holidays": [{"start": s, "end": e, "name": school.t(n)} for s, e, n in HOLIDAYS],
        "members": member_rows,
        "self_education": _self_education(school),
        "open_lessons": _open_lessons(school),
        "events": _events(school),
        "activity_log": _activity_log(school),
        "control": _control(school),
        "documents": _documents(school),
        "mentoring": _mentoring(school),
        "subject_weeks": _subject_weeks(school),
        "clubs": _clubs(school),
        "inspections": _inspections(school, deputy),
        "courses": _courses(school),
        "meetings": _meetings(school),
    }
    settings = {"school": name, "district": district,
                "association": school.t(school.association.name), "head": head,
                "deputy": deputy, "director": director,
                "theme": school.pick(_THEMES), "year_start": YEAR_START, "year_end": YEAR_END,
                "course_period": 5, "attestation_period": 5}
    mistakes = _add_mistakes(rows) if members >= MISTAKES_FROM_MEMBERS else []
    return DemoSchool(settings, rows, mistakes, lang)


def _members(school: _School, names: _Names) -> list[dict]:
    """The head first, then the members, then the young teachers."""
    young = 0 if school.members < 3 else max(1, round(school.members / 6))
    roles = ["head"] + ["member"] * (school.members - 1 - young) + ["young"] * young
    loads = school.association.loads
    rows = []
    for number, role in enumerate(roles):
        load = loads[number % len(loads)] if number < len(loads) else school.rng.choice(loads)
        row = _member(school, names.person(), load, role)
        rows.append(row)
        school.staff.append(_Staff(row["name"], load, role, row["experience"],
                                   row["last_course_year"]))
    return rows


def _member(school: _School, name: str, load: tuple[str, ...], role: str) -> dict:
    rng = school.rng
    experience = {"head": rng.randint(12, 32), "young": rng.randint(0, 3)}.get(
        role, rng.randint(4, 35))
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


def _self_education(school: _School) -> list[dict]:
    rows = []
    for person in school.staff:
        month = school.rng.choice(MONTHS[2:])
        day = _near_school_day(D(2021 if month < "09" else 2020, int(month), 15))
        rows.append({"name": person.name, "topic": school.pick(_SELF_EDUCATION),
                     "form": REPORT_FORMS.label_of(school.rng.choice(
                         ("report", "report", "message", "open_lesson", "seminar",
                          "master_class", "article")), school.lang),
                     "where_when": f"{school.pick(_WHERE)}, {_month_name(month, school.lang)}",
                     "date": day if day < TODAY else None})
    return rows


def _month_name(code: str, lang: str) -> str:
    return MONTH_LIST.label_of(code, lang).lower()


def _open_lessons(school: _School) -> list[dict]:
    rng, rows = school.rng, []
    for person in school.staff:
        for _ in range(rng.choice((1, 2, 2, 3))):
            subject = rng.choice(person.subjects)
            extra = rng.random() < 0.15
            day = rng.choice(SCHOOL_DAYS)
            status = "planned" if day >= TODAY else "moved" if rng.random() < 0.1 else "held"
            rows.append({"teacher": person.name, "subject": school.subject(subject),
                         "class": school.klass(subject),
                         "topic": school.pick(_EXTRACURRICULAR if extra
                                              else _LESSON_TOPICS[subject]),
                         "date": day, "extracurricular": "yes" if extra else "no",
                         "status": status,
                         "note": school.t(("Кийинки жумага жылдырылды",
                                           "Перенесён на следующую неделю"))
                         if status == "moved" else None})
    return _numbered(_distinct(sorted(rows, key=lambda r: r["date"])))


def _events(school: _School) -> list[dict]:
    rng, rows = school.rng, []
    for month in MONTHS:
        days = [d for d in WEEKDAYS if f"{d.month:02d}" == month]
        for _ in range(school.count(1, 3)):
            kind = rng.choice(_EVENT_KINDS)
            day = rng.choice(days) if rng.random() < 0.7 else None
            past = day < TODAY if day else month in ("09", "10", "11", "12", "01", "02")
            status = "planned" if not past else "moved" if rng.random() < 0.1 else "held"
            rows.append({"kind": kind, "title": school.pick(_EVENTS[kind]),
                         "responsible": school.anyone().name, "month": month, "date": day,
                         "status": status, "note": school.pick((
                             ("", ""), ("Мектептик деңгээлде", "На уровне школы"),
                             ("Райондук деңгээлде", "На уровне района")))})
    return _distinct(rows)


def _activity_log(school: _School) -> list[dict]:
    rng, rows = school.rng, []
    head = school.staff[0]
    for days in _half_months(TODAY):
        for _ in range(school.count(2, 4)):
            responsible = head if rng.random() < 0.5 else school.anyone()
            if rng.random() < 0.5:
                size = min(school.members, 40)
                participants = school.teachers(rng.randint(max(1, size // 2), size))
            else:
                chosen = rng.sample(school.staff, min(len(school.staff), rng.randint(2, 3)))
                participants = ", ".join(_initials(p.name) for p in chosen)
            rows.append({"topic": school.pick(_LOG_TOPICS), "date": rng.choice(days),
                         "time": rng.choice((dt.time(14, 0), dt.time(15, 30))),
                         "responsible": responsible.name, "participants": participants,
                         "note": school.pick(_LOG_NOTES) or None})
    return _numbered(_distinct(sorted(rows, key=lambda r: (r["date"], r["time"]))))


def _control(school: _School) -> list[dict]:
    rng, rows = school.rng, []
    autumn = [d for d in SCHOOL_DAYS if d.month in (9, 10)]
    for kind, (checked, findings) in _CONTROL.items():
        for _ in range(school.count(1, 3)):
            day = rng.choice(autumn if kind == "retroactive" else SCHOOL_DAYS)
            person = school.anyone()
            done = day < TODAY
            rows.append({"date": day, "kind": kind,
                         "teacher": None if kind == "retroactive" else person.name,
                         "checked": school.pick(checked),
                         "class": school.klass(person.subjects[0])
                         if kind in ("observation", "written", "testing") else None,
                         "findings": school.pick(findings) if done else None,
                         "recommendation": school.pick(_RECOMMENDATIONS) if done else None})
    return _distinct(sorted(rows, key=lambda r: r["date"]))


def _documents(school: _School) -> list[dict]:
    missing = set(school.rng.sample(_OFTEN_MISSING, school.rng.choice((1, 2))))
    rows = []
    pairs = zip(REQUIRED_DOCUMENTS, _DOCUMENT_DATES, strict=True)
    for number, (label, day) in enumerate(pairs, start=1):
        absent = number in missing
        rows.append({"no": number, "document": label.get(school.lang),
                     "present": "missing" if absent else "present",
                     "date": None if absent else day,
                     "note": school.t(("Даярдалып жатат", "В работе")) if absent else None})
    return rows


def _mentoring(school: _School) -> list[dict]:
    mentors = [p for p in school.staff if p.role != "young" and p.experience >= 10] or \
        [school.staff[0]]
    rows = []
    for person in (p for p in school.staff if p.role == "young"):
        same = [m for m in mentors if set(m.subjects) & set(person.subjects)]
        mentor = school.rng.choice(same or mentors)
        rows.append({"young_teacher": person.name, "mentor": mentor.name,
                     "since": D(2020 - person.experience, 9, 1),
                     "note": school.pick((("Өз ара сабактарга катышуу", "Взаимопосещение уроков"),
                                          ("Сабакты пландоого жардам", "Помощь в планировании")))})
    return rows


def _subject_weeks(school: _School) -> list[dict]:
    subjects = sorted({code for p in school.staff for code in p.subjects})
    mondays = [d for d in SCHOOL_DAYS if d.weekday() == 0 and d + dt.timedelta(days=4) <= YEAR_END]
    rows = []
    for number in range(max(1, round(len(subjects) * school.factor))):
        subject = subjects[number % len(subjects)]
        start = school.rng.choice(mondays)
        teaching = [p for p in school.staff if subject in p.subjects] or school.staff
        rows.append({"subject": school.subject(subject), "start": start,
                     "end": start + dt.timedelta(days=4),
                     "responsible": school.rng.choice(teaching).name,
                     "note": school.t(("Олимпиада, викторина, дубал гезит",
                                       "Олимпиада, викторина, стенгазета"))})
    return _distinct(sorted(rows, key=lambda r: r["start"]))


def _clubs(school: _School) -> list[dict]:
    rng, rows = school.rng, []
    low, high = school.association.grades
    for _ in range(school.count(3, 5)):
        grade = rng.randint(low, high - 1)
        weekday = rng.choice(_WEEKDAY_NAMES)
        rows.append({"club": school.pick(school.association.clubs), "teacher": school.anyone().name,
                     "classes": rng.choice((f"{grade}-{grade + 1}", f"{grade}-А, {grade}-Б")),
                     "pupils": rng.randint(8, 25),
                     "schedule": f"{school.t(weekday)}, {rng.choice(('14:00', '15:00'))}"})
    return _distinct(rows)


def _inspections(school: _School, deputy: str) -> list[dict]:
    rng, rows = school.rng, []
    role = school.t(("ОТИ боюнча орун басар", "зам. директора по УВР"))
    for _ in range(school.count(4, 6)):
        day = rng.choice(SCHOOL_DAYS)
        rows.append({"date": day, "topic": school.pick(_INSPECTIONS),
                     "inspector": f"{_initials(deputy)}, {role}",
                     "teacher": school.anyone().name if rng.random() < 0.6 else None,
                     "result": school.pick(_RESULTS) if day < TODAY else None})
    return _distinct(sorted(rows, key=lambda r: r["date"]))


def _courses(school: _School) -> list[dict]:
    """Courses done in 2020 by those whose last course is 2020, and courses planned this spring
    for half of those due (the other half stays due: a warning the head should see)."""
    rng, rows = school.rng, []
    for person in school.staff:
        course, provider = school.pick(_COURSES), school.pick(_PROVIDERS)
        hours = rng.choice((36, 72, 72, 144))
        if person.last_course == 2020 and rng.random() < 0.6:
            done = rng.choice([d for d in WEEKDAYS if d.year == 2020 and d.month in (10, 11)] +
                              [D(2020, 6, 15), D(2020, 8, 10)])
            rows.append({"teacher": person.name, "course": course, "provider": provider,
                         "planned": done, "done": done, "hours": hours})
        elif (person.last_course is not None and person.last_course <= COURSE_DUE_YEAR
              and rng.random() < 0.5) or (person.role == "young" and rng.random() < 0.5):
            planned = rng.choice([d for d in WEEKDAYS if d >= TODAY])
            rows.append({"teacher": person.name, "course": course, "provider": provider,
                         "planned": planned, "done": None, "hours": hours})
    return sorted(rows, key=lambda r: r["planned"])


def _meetings(school: _School) -> list[dict]:
    """Five or six meetings a year for each BASE_MEMBERS teachers, numbered within each set."""
    rng, rows, seen = school.rng, [], set()
    sets = max(1, round(school.factor))
    size = min(200, max(1, round(school.members / sets)))
    for _ in range(sets):
        plan = list(_MEETINGS)
        if rng.random() < 0.5:
            del plan[4]
        for number, (aimed, agenda, resolution) in enumerate(plan, start=1):
            aimed += dt.timedelta(days=rng.randint(-4, 4))
            # The nearest school day without this agenda yet, else a repeated row (the calendar
            # runs out of days only beyond ~2000 members).
            day = min((d for d in SCHOOL_DAYS if (d, agenda) not in seen), default=aimed,
                      key=lambda d, aimed=aimed: (abs((d - aimed).days), d))
            seen.add((day, agenda))
            held = day < TODAY
            rows.append({"no": number, "date": day, "agenda": school.t(agenda),
                         "resolution": (school.t(resolution) or None) if held else None,
                         "attended": rng.randint(max(1, size - 3), size) if held else None})
    return sorted(rows, key=lambda r: (r["date"], r["no"]))


def _distinct(rows: list[dict]) -> list[dict]:
    """Rows without repeats (the validator warns about a row typed twice)."""
    seen, kept = set(), []
    for row in rows:
        signature = tuple(value for key, value in row.items() if key != "no")
        if signature not in seen:
            seen.add(signature)
            kept.append(row)
    return kept


def _numbered(rows: list[dict]) -> list[dict]:
    return [{"no": number, **row} for number, row in enumerate(rows, start=1)]


# --- the deliberate mistakes -----------------------------------------------------------------

def _add_mistakes(rows: dict[str, list[dict]]) -> list[Mistake]:
    """The same mistakes in every school, each in a row that is otherwise right."""
    return [
        _hours_mistake(rows["members"][3]),
        _school_experience_mistake(rows["members"][5]),
        _self_education_mistake(rows, rows["members"][6]["name"]),
        _latin_class_mistake(rows["open_lessons"][1]),
        _holiday_mistake(rows["open_lessons"]),
        _teacher_name_mistake(rows["open_lessons"]),
        _old_year_mistake(rows["activity_log"][2]),
        _duplicate_mistake(rows["events"], 2),
    ]


def _hours_mistake(member: dict) -> Mistake:
    member["weekly_hours"] = 45
    name = member["name"]
    return Mistake("members", "hours_out_of_range", Label(
        f"{name}: жумалык жүктөм 45 саат деп жазылган, ал 40 сааттан ашпайт (15 же 25 болчу).",
        f"{name}: нагрузка записана как 45 ч в неделю, больше 40 ч не бывает (имелось в виду 15 "
        f"или 25).",
        f"{name}: 45 weekly hours typed; a load is at most 40 (15 or 25 was meant)."))


def _school_experience_mistake(member: dict) -> Mistake:
    total = member["experience"]
    swapped = int(str(total)[::-1])  # 12 typed as 21; else five years too many
    here = member["school_experience"] = swapped if total < swapped <= 60 else total + 5
    name = member["name"]
    return Mistake("members", "school_experience_exceeds_total", Label(
        f"{name}: ушул мектептеги стажы {here} жыл, жалпы педагогикалык стажы {total} жыл; "
        f"мектептеги стаж жалпысынан чоң боло албайт (сандар алмашып калган).",
        f"{name}: стаж в этой школе записан как {here}, а общий педагогический стаж — {total}; "
        f"стаж в школе не может быть больше общего (перепутаны цифры).",
        f"{name}: {here} years at this school but {total} years in all; the school's share "
        f"cannot be larger (digits swapped)."))


def _self_education_mistake(rows: dict[str, list[dict]], name: str) -> Mistake:
    rows["self_education"] = [r for r in rows["self_education"] if r["name"] != name]
    return Mistake("members", "no_self_education_topic", Label(
        f"{name}: «Өз билимин өркүндөтүү» барагында темасы жазылган эмес.",
        f"{name}: нет темы на листе «Самообразование».",
        f"{name}: no topic on the self-education sheet."))


def _latin_class_mistake(lesson: dict) -> Mistake:
    good = lesson["class"] = lesson["class"][:-1] + "А"  # Cyrillic А
    bad = lesson["class"] = good[:-1] + "A"  # the Latin A that looks the same
    return Mistake("open_lessons", "latin_class_letter", Label(
        f"«{bad}» классы латын «A» тамгасы менен терилген; кириллица менен «{good}» деп жазыңыз.",
        f"Класс «{bad}» набран с латинской «A»; нужно кириллицей: «{good}».",
        f"Class “{bad}” is typed with a Latin “A”; type the Cyrillic “{good}”."))


def _teacher_name_mistake(lessons: list[dict]) -> Mistake:
    """A name typed without ң, ө, ү (a keyboard without Kyrgyz letters), or as initials."""
    rows = [r for r in lessons[2:] if r["date"] != HOLIDAY_MISTAKE_DAY]
    lesson = next((r for r in rows if _KYRGYZ_LETTERS & set(r["teacher"])), rows[0])
    good = lesson["teacher"]
    if _KYRGYZ_LETTERS & set(good):
        bad = good.translate(_TO_RUSSIAN_SPELLING)
        why = ("ң, ө, ү тамгаларысыз", "без букв ң, ө, ү", "without ң, ө, ү")
    else:
        bad = _initials(good)
        why = ("инициалдар менен", "с инициалами", "with initials")
    lesson["teacher"] = bad
    return Mistake("open_lessons", "unknown_teacher", Label(
        f"Мугалимдин аты-жөнү {why[0]} «{bad}» деп жазылган; Мүчөлөр барагында «{good}».",
        f"ФИО учителя написано {why[1]}: «{bad}»; на листе «Состав МО» — «{good}».",
        f"The teacher's name is typed {why[2]}: “{bad}”; the members sheet has “{good}”."))


def _holiday_mistake(lessons: list[dict]) -> Mistake:
    autumn_start, autumn_end, _ = HOLIDAYS[0]
    lesson = next(r for r in lessons[2:] if r["date"] > autumn_end)
    day = lesson["date"] = HOLIDAY_MISTAKE_DAY
    lesson["status"], lesson["note"] = "held", None
    return Mistake("open_lessons", "date_in_holiday", Label(
        f"Ачык сабак {day:%d.%m.%Y} күнүнө коюлган: бул күзгү каникул "
        f"({autumn_start:%d.%m}–{autumn_end:%d.%m.%Y}).",
        f"Открытый урок назначен на {day:%d.%m.%Y}: это осенние каникулы "
        f"({autumn_start:%d.%m}–{autumn_end:%d.%m.%Y}).",
        f"An open lesson on {day:%d.%m.%Y}, in the autumn break "
        f"({autumn_start:%d.%m}-{autumn_end:%d.%m.%Y})."))


def _old_year_mistake(entry: dict) -> Mistake:
    good = entry["date"]
    bad = entry["date"] = good.replace(year=2002)
    return Mistake("activity_log", "date_outside_year", Label(
        f"Күнү {bad:%d.%m.%Y} деп жазылган, {good:%d.%m.%Y} болушу керек (2002 эмес, 2020).",
        f"Дата записана как {bad:%d.%m.%Y}, должно быть {good:%d.%m.%Y} (2020, а не 2002).",
        f"The date reads {bad:%d.%m.%Y}; it should be {good:%d.%m.%Y} (2020, not 2002)."))


def _duplicate_mistake(events: list[dict], index: int) -> Mistake:
    event = events[index]
    events.insert(index + 1, dict(event))
    title = event["title"]
    return Mistake("events", "duplicate_row", Label(
        f"«{title}» иш-чарасы эки жолу жазылган (катар кайталанган).",
        f"Мероприятие «{title}» записано дважды (строка повторяется).",
        f"The event “{title}” is entered twice (a repeated row)."))


# --- files -----------------------------------------------------------------------------------

def school_lang(index: int) -> str:
    """The language of demo school ``index`` when none is asked for: Kyrgyz, Kyrgyz, Russian..."""
    return "ru" if index % 3 == 0 else "ky"


def write_demo(directory: Path, schools: int = 1, members: int = 12,
               lang: str | None = None) -> list[Path]:
    """Write ``school-01.xlsx``... and ``MISTAKES.md`` (where each deliberate mistake is, as the
    validator finds it) into ``directory``; returns the workbooks' paths."""
    from ubsheets.core.validate import validate
    from ubsheets.io.reader import read_book
    from ubsheets.io.template import build_workbook, save_workbook

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths, sections = [], []
    for index in range(1, schools + 1):
        code = lang or school_lang(index)
        demo = demo_school(index, members, code)
        path = directory / f"school-{index:02d}.xlsx"
        save_workbook(build_workbook(code, demo.settings, demo.rows), path)
        found = mistake_cells(demo, validate(read_book(path)).issues) if demo.mistakes else []
        sections.append(_mistakes_section(path.name, demo, found))
        paths.append(path)
    (directory / "MISTAKES.md").write_text(_MISTAKES_HEADER + "\n".join(sections), "utf-8")
    return paths


def mistake_cells(demo: DemoSchool, findings: list) -> list[tuple[Mistake, str, str]]:
    """Each mistake with the sheet and cell(s) where validation found it ("—" if it did not)."""
    located = []
    for mistake in demo.mistakes:
        sheet = register(mistake.register).sheet.get(demo.lang)
        cells = [f.cell for f in findings if f.sheet == sheet and f.code == mistake.code]
        located.append((mistake, sheet, ", ".join(cells) or "—"))
    return located


_MISTAKES_HEADER = """# Атайын кетирилген каталар / Нарочно допущенные ошибки

Ар бир демо-китепке ушул каталар атайын кетирилди: «ubsheets validate» аларды табышы керек.
В каждую демо-книгу нарочно внесены эти ошибки: «ubsheets validate» должна их найти.

"""


def _mistakes_section(file: str, demo: DemoSchool,
                      found: list[tuple[Mistake, str, str]]) -> str:
    lines = [f"## {file}: {demo.settings['school']} ({demo.settings['district']})", ""]
    if not found:
        lines += ["Каталар жок / Ошибок нет.", ""]
        return "\n".join(lines)
    lines += ["| Барак / Лист | Уяча / Ячейка | Код | Түшүндүрмө | Пояснение |",
              "|---|---|---|---|---|"]
    for mistake, sheet, cells in found:
        lines.append(f"| {sheet} | {cells} | `{mistake.code}` | {mistake.what.ky} | "
                     f"{mistake.what.ru} |")
    return "\n".join(lines + [""])
