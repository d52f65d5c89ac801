"""Build SelectField choices the way WTForms ≥ 3.3 wants them."""

from wtforms.fields.choices import SelectChoice


def choices_from(pairs) -> list[SelectChoice]:
    """Turn (value, label) pairs or a {value: label} mapping into select options."""
    items = pairs.items() if hasattr(pairs, "items") else pairs
    return [SelectChoice(value, label) for value, label in items]
