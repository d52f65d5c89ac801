"""The IRM's scales, on which both the government and the IRM code a commitment."""

from flask_babel import lazy_gettext as _l

COMPLETION = {
    "no_evidence": _l("No evidence available"),
    "not_started": _l("Not started"),
    "limited": _l("Limited"),
    "substantial": _l("Substantial"),
    "complete": _l("Complete"),
}
POTENTIAL = {
    "unclear": _l("Unclear"),
    "modest": _l("Modest"),
    "substantial": _l("Substantial"),
}
CODERS = {
    "government": _l("Government self-assessment"),
    "irm": _l("Independent Reporting Mechanism (IRM)"),
}
