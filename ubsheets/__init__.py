"""ubsheets: the registers of a school's methodological association in one Excel workbook."""

__version__ = "0.1.0"
