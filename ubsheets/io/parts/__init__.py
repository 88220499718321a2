"""The XML parts of a workbook package we edit, one module per part (as XlsxWriter lays them out):
``workbook`` (xl/workbook.xml), ``relationships`` (.rels), ``content_types`` ([Content_Types].xml),
``app`` (docProps/app.xml). Each owns its namespaces and content types (``namespaces``) and works
on an lxml tree (``tree``): elements found by namespace URI, never by prefix or by text, so
comments, processing instructions, quoting, whitespace inside tags and other prefixes change nothing.
"""
