"""Exports that people open in a spreadsheet: a visitor's answer must not be taken for a
formula (CSV injection, OWASP), in the sign-ups' CSV (registrations) and the forms' answers
(contact_forms, through Wagtail's export)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_cell(value):
    """A value as a spreadsheet cannot take for a formula: text that starts like one is
    prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
