"""CSV cells a spreadsheet cannot run: OWASP's CSV injection rule, in one place.

Every CSV Minga writes passes its text cells through `cell`. (defusedcsv, the library
for this, leaves a cell that starts with a tab or a carriage return live; OWASP lists
both, and a second mechanism beside it for those two would be worse than this one.)
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value`, with a leading apostrophe if it is text a spreadsheet would read as a
    formula; numbers and everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
