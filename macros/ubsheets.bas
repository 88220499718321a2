Attribute VB_Name = "UbSheets"
' The workbook's buttons. Each runs one function of the Python package ubsheets on this
' workbook through xlwings' RunPython (module "xlwings" in this project, standalone mode).
' Written by ubsheets from macros/ubsheets.bas: edit that file, not the copy in a workbook.
Option Explicit

Public Sub UbValidate()
    RunPython "import ubsheets.excel; ubsheets.excel.validate()"
End Sub

Public Sub UbSummarize()
    RunPython "import ubsheets.excel; ubsheets.excel.summarize()"
End Sub

Public Sub UbReport()
    RunPython "import ubsheets.excel; ubsheets.excel.report()"
End Sub

Public Sub UbConsolidate()
    RunPython "import ubsheets.excel; ubsheets.excel.consolidate()"
End Sub
