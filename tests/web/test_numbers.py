from flask_babel import force_locale, format_decimal

from app.web.numbers import number


def test_numbers_are_babels_in_each_language_even_when_remembered(app):
    for _ in range(2):  # the second round is served from what the first remembered
        with force_locale("es"):
            assert [number(12345), number(1.5), number(2.0), number(7)] == [
                "12.345", "1,5", "2", "7"]
        with force_locale("en"):
            assert [number(12345), number(1.5)] == ["12,345", "1.5"]
            assert number(987654321) == format_decimal(987654321)
