"""Cells that a spreadsheet cannot mistake for formulas (OWASP "CSV injection").

A CSV download opened in Excel or LibreOffice runs a cell that starts with =, +, -, @, a tab or
a carriage return as a formula: an amendment titled =HYPERLINK(...) would become a link that
sends the sheet's data away. Such a text cell gets a leading apostrophe, which spreadsheets
show as text and which readers of the open data can strip. Numbers stay numbers.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with an apostrophe before a text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    return {name: safe_cell(value) for name, value in row.items()}
