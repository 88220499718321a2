"""Corrected wording (the language review of December 2026). Workbooks made before a text was
corrected still read: old dropdown values, old headers and the old label of the deputy's setting
are recognised, while ``new`` writes only the new texts. The deputy's title comes from the
settings, the same in the report's note and signature. A date cell's error is about dates."""

from __future__ import annotations

import copy

import openpyxl
import pytest
from builders import ROWS, check, make_book

from ubsheets.core.periods import month_of
from ubsheets.core.report import head_report
from ubsheets.core.validate import typed_context
from ubsheets.io.reader import read_book
from ubsheets.schema import register
from ubsheets.schema.settings import setting

# What earlier versions wrote, by language: (open lesson statuses, a young teacher's role,
# renamed headers (register, column, old header), the deputy's setting label).
OLD = {
    "ky": (("өткөрүлдү", "жылдырылды"), "жаш адис",
           [("courses", "done", "Өткөн күнү"), ("events", "title", "Аталышы")],
           "Директордун ОТИ боюнча орун басары"),
    "ru": (("проведён", "перенесён"), "молодой специалист", [],
           "Заместитель директора по УВР"),
}


def rename(sheet, old: str, new: str) -> None:
    """Replace the text of the one cell of ``sheet`` that reads ``old``."""
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == old]
    cell.value = new


def old_workbook(path, lang):
    statuses, role, headers, deputy_label = OLD[lang]
    lessons = copy.deepcopy(ROWS["open_lessons"])
    lessons.append({**lessons[0], "no": 2, "status": statuses[1]})
    lessons[0]["status"] = statuses[0]
    members = copy.deepcopy(ROWS["members"])
    members[2]["role"] = role
    events = [{**ROWS["events"][0], "status": statuses[0]}]
    make_book(path, lang, open_lessons=lessons, members=members, events=events)
    wb = openpyxl.load_workbook(path)
    for key, column, old in headers:
        reg = register(key)
        rename(wb[reg.sheet.get(lang)], reg.column(column).header.get(lang), old)
    settings = wb[register("settings").sheet.get(lang)]
    rename(settings, setting("deputy").label.get(lang), deputy_label)
    rename(settings, setting("deputy_role").label.get(lang), None)  # not a setting then
    for row in settings.iter_rows():
        if row[0].value is None and row[1].value is not None:
            row[1].value = None  # the role's value went with its row
    wb.save(path)
    return path


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_an_old_workbook_validates_clean_and_reads_its_values(tmp_path, lang):
    path = old_workbook(tmp_path / "old.xlsx", lang)
    assert check(path).issues == []
    ctx, _ = typed_context(read_book(path))
    assert [r.values["status"] for r in ctx.rows("open_lessons")] == ["held", "moved"]
    assert [r.values["status"] for r in ctx.rows("events")] == ["held"]
    assert [r.values["role"] for r in ctx.rows("members")][2] == "young"
    assert ctx.rows("courses")[0].values["done"] is not None  # under «Өткөн күнү»
    assert ctx.settings.get("deputy") == "Токтогулова Нургүл"


def test_an_old_workbook_prints_new_labels(tmp_path):
    path = old_workbook(tmp_path / "old.xlsx", "ru")
    ctx, _ = typed_context(read_book(path))
    document = head_report(ctx, month_of(2020, 10))
    lessons = next(s for s in document.sections if s.key == "open_lessons")
    assert [row[1] for row in lessons.rows] == ["Квадраттык теңдемелер"]  # the held one only
    assert document.notes == ["ПРИМЕЧАНИЕ: отчёт по этой форме сдаётся на совещаниях дважды в "
                              "месяц. Принимает: заместитель директора по УВР."]


@pytest.mark.parametrize("lang, note, signature", [
    ("ky", "ЭСКЕРТҮҮ: Бул отчет айына эки жолу жыйналышта тапшырылат. Кабыл алуучу: {role}.",
     "Кабыл алды: {role} ____________ Токтогулова Нургүл"),
    ("ru", "ПРИМЕЧАНИЕ: отчёт по этой форме сдаётся на совещаниях дважды в месяц. "
           "Принимает: {role}.",
     "Принял(а): {role} ____________ Токтогулова Нургүл"),
])
def test_the_deputys_title_is_one_setting_in_the_note_and_the_signature(tmp_path, lang, note,
                                                                         signature):
    default = setting("deputy_role").default_in(lang)
    assert default == {"ky": "директордун ОТИ боюнча орун басары",
                       "ru": "заместитель директора по УВР"}[lang]
    for role in (None, "директордун окуу иштери боюнча орун басары"):
        path = make_book(tmp_path / f"{lang}.xlsx", lang, settings={"deputy_role": role})
        ctx, findings = typed_context(read_book(path))
        assert findings == []
        document = head_report(ctx, month_of(2020, 10))
        shown = role or default
        assert document.notes == [note.format(role=shown)]
        assert document.signatures[-1] == signature.format(role=shown)


def test_new_writes_the_default_title_into_its_settings(tmp_path):
    from ubsheets.actions import new_workbook

    new_workbook(tmp_path / "b.xlsx", "ru", year="2020-2021")
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")[register("settings").sheet.ru]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2)}
    assert values["Должность заместителя директора"] == "заместитель директора по УВР"
    assert values["Заместитель директора (ФИО)"] is None


def test_a_date_cells_error_says_how_to_write_a_date_not_to_pick_from_a_list(tmp_path):
    from ubsheets.actions import new_workbook

    new_workbook(tmp_path / "b.xlsx", "ky", year="2020-2021")
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")[register("open_lessons").sheet.ky]
    errors = {dv.type: dv.error for dv in sheet.data_validations.dataValidation}
    assert errors == {"list": "Тизмеден тандаңыз.",
                      "date": "Күнү: КК.АА.ЖЖЖЖ, мисалы 15.10.2020."}


def test_russian_demo_schools_write_kyrgyz_names_as_russian_papers_do():
    from ubsheets.demo import demo_school, people
    from ubsheets.demo.words import KYRGYZ_LETTERS

    assert [people.in_russian(n) for n in ("Гүлзат", "Назгүл", "Бүбүсара", "Чыңгыз", "Үсөн")] == \
        ["Гульзат", "Назгуль", "Бюбюсара", "Чингиз", "Усен"]
    kyrgyz = (*people._KY_SURNAMES, *people._KY_WOMEN, *people._KY_MEN, *people._KY_FATHERS)
    assert [n for n in kyrgyz if set(people.in_russian(n)) & set(KYRGYZ_LETTERS)] == []
    names = [m["name"] for i in range(1, 31) for m in demo_school(i, lang="ru").rows["members"]]
    assert [n for n in names if set(n) & set(KYRGYZ_LETTERS)] == []
    # Even in Russian-language schools most teachers are Kyrgyz, in Russian spelling.
    russian = {*people._RU_WOMEN, *people._RU_MEN}
    share = sum(name.split()[1] in russian for name in names) / len(names)
    assert 0.1 < share < 0.3
