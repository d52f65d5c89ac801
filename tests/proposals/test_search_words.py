"""How the search reads words: folded, Spanish stems, nothing an engine would run."""

import pytest

from app.proposals.search_words import MAX_QUERY_WORDS, fold, indexed_form, query_words, stems


def test_fold_lowers_and_strips_accents_and_tildes():
    assert fold("INFORMACIÓN Pública, Ñuñoa, pingüino") == "informacion publica, nunoa, pinguino"


@pytest.mark.parametrize("forms", [
    ("agua", "aguas", "Aguas"),
    ("información", "informacion", "informaciones", "INFORMACIÓN"),
    ("publicar", "publicación", "publicaciones", "públicas"),
    ("municipio", "municipios"),
    ("contratación", "contrataciones", "contratar"),
])
def test_forms_of_a_word_share_one_indexed_form(forms):
    assert len({indexed_form(form) for form in forms}) == 1


def test_different_words_keep_different_stems():
    assert len(set(stems(["agua", "aguja", "agudo", "aguardar"]))) == 4


def test_indexed_form_keeps_every_word_and_number_in_order():
    assert indexed_form("Derechos de agua 2026-0032") == "derech de agu 2026 0032"
    assert indexed_form(None) == indexed_form("") == ""


@pytest.mark.parametrize("typed", [
    '" OR 1=1 -- )(*', "agua NEAR(x y)", "-agua ^title: {a b}", "a & b | !c <-> d:*",
    "x" * 200, "\x00\t\n", "'; DROP TABLE proposals; --",
])
def test_query_words_let_only_letters_and_digits_through(typed):
    for word in query_words(typed):
        assert word.isalnum()


def test_query_words_drop_common_words_and_repeats_and_keep_a_few():
    assert query_words("Derechos de la AGUA y del agua") == ["derechos", "agua"]
    assert query_words("Información y MÁS informacion") == ["información"]  # accents kept
    assert query_words("informacio\u0301n") == ["información"]  # one way to write ó
    assert query_words("de la y") == []
    assert len(query_words(" ".join(f"palabra{n}" for n in range(30)))) == MAX_QUERY_WORDS


def test_query_words_for_proposals_alike_skip_short_words():
    assert query_words("Ley de agua en Maule", any_word=True) == ["agua", "maule"]
