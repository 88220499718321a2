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

The parts, in the order a school is made:
    school_year   the calendar: breaks, school days, ``TODAY``
    words         the texts registers are written in (Kyrgyz, Russian)
    associations  the associations' subjects, grades, clubs and lesson topics
    places        where a school is and what it is called
    school        the school being generated and the draws its registers share
    people        names, and the members' register
    registers     every other register of the year
    mistakes      the deliberate mistakes
    build         ``demo_school``: all of the above for one school
    files         ``write_demo``: the workbooks (never over one already there, unless
                  ``force``, which keeps it as ``.bak``) and ``MISTAKES.md``
"""

from ubsheets.demo.build import DemoSchool, demo_school
from ubsheets.demo.files import mistake_cells, school_lang, write_demo
from ubsheets.demo.mistakes import MISTAKES_FROM_MEMBERS, Mistake
from ubsheets.demo.school import BASE_MEMBERS
from ubsheets.demo.school_year import TODAY

__all__ = ["BASE_MEMBERS", "MISTAKES_FROM_MEMBERS", "TODAY", "DemoSchool", "Mistake", "demo_school",
           "mistake_cells", "school_lang", "write_demo"]
