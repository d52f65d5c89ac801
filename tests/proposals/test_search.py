"""Searching the proposal list and the API: Spanish word forms, accents, references."""

import re

import pytest
from sqlalchemy import text

from app.proposals import queries, search, services
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
NEUTRAL = {"summary": "Una propuesta.", "problem": "Falta un registro.",
           "commitment": "- Crear un portal", "solution": "Se podrá revisar en línea.",
           "expected_results": "Un portal en marcha."}
WATER = ("Datos abiertos sobre derechos de agua", "Aguas lluvias en las ciudades",
         "Mapa del agua potable rural", "Cuencas y aguas subterráneas")


@pytest.fixture
def call(create_call):
    return create_call(slug="nap-2026")


@pytest.fixture
def make(call, create_proposal):
    def make(title, **fields):
        return create_proposal(call, **dict(NEUTRAL, title=title, **fields))
    return make


def listed(client, q) -> list[str]:
    """References of the web list's results for `q`, in their order."""
    html = client.get("/calls/nap-2026/proposals/", query_string={"q": q}, headers=EN)
    assert html.status_code == 200
    found = re.findall(r'href="/calls/nap-2026/proposals/([^/"?]+)"', html.get_data(as_text=True))
    return [ref for ref in dict.fromkeys(found) if ref not in ("new", "mine")]


def api(client, q) -> list[str]:
    response = client.get("/api/v1/calls/nap-2026/proposals", query_string={"q": q})
    assert response.status_code == 200
    return [item["reference"] for item in response.json["items"]]


def test_plural_and_singular_find_the_same_proposals(client, make):
    water = {make(title).reference for title in WATER}
    make("Lobby municipal")
    make("Aguja e hilo para talleres")  # shares agu- but is another word
    for find in (listed, api):
        assert set(find(client, "agua")) == set(find(client, "aguas")) == water
        assert set(find(client, "AGUA")) == water


def test_accents_and_word_forms_are_folded(client, make):
    informed = make("Información pública de salud").reference
    published = make("Publicación de contratos", summary="Publicaciones mensuales.").reference
    make("Lobby municipal")
    for q in ("información", "informacion", "INFORMACIONES"):
        assert listed(client, q) == [informed]
    assert listed(client, "publicar contrato") == [published]
    assert api(client, "informacion publica") == [informed]


def test_a_reference_finds_its_proposal_first(client, make):
    make("Lobby municipal")
    wanted = make("Registro de beneficiarios finales")
    # Another proposal names its words in its title: a strong match, still after the exact one.
    words = re.findall(r"[^\W_]+", wanted.reference)
    citing = make(f"Seguimiento de {' '.join(words)} en regiones")
    for find in (listed, api):
        assert find(client, wanted.reference) == [wanted.reference, citing.reference]
        assert find(client, f" {wanted.reference.lower()} ")[0] == wanted.reference
    assert wanted.reference in listed(client, words[-1])  # its number alone


def test_a_title_match_ranks_above_a_match_in_the_texts(client, make):
    in_title = make("Agua para escuelas rurales")
    in_text = make("Escuelas rurales conectadas", problem="Muchas escuelas no tienen agua.")
    for find in (listed, api):
        assert find(client, "agua escuelas") == [in_title.reference, in_text.reference]


def test_every_word_must_match_and_common_words_are_ignored(client, make):
    rights = make(WATER[0]).reference
    make(WATER[1])
    assert listed(client, "derechos del agua") == [rights]
    assert listed(client, "agua lobby") == []
    html = text_of(client.get("/calls/nap-2026/proposals/?q=de+la", headers=EN))
    assert "No proposal matches your search." in html


@pytest.mark.parametrize("q", [
    '"', "'", '"agua', "agua*", "*", "NEAR", "agua NEAR lluvia", "NEAR(agua lluvia)",
    "-agua", "agua -lluvia", "(agua", "agua)", "()", "AND OR NOT", "agua:*", "a & b | !c",
    "<->", "title:agua", "{title}: agua", "^agua", "x" * 200, "agua " * 40,
    "ñ" * 200, "1=1; DROP TABLE proposals; --", "🌊 agua", "½ ² º x²", "\u037a", "ﾞ agua",
])
def test_odd_input_never_fails(client, make, q):
    make(WATER[0])
    listed(client, q)
    api(client, q)


def test_an_edit_is_searchable_at_once(db, call, make):
    proposal = make("Aguas lluvias en las ciudades")
    data = {field: getattr(proposal, field) for field in (
        "title", "summary", "problem", "commitment", "solution", "expected_results",
        "ogp_values", "theme", "responsible_body", "region", "organisation")}
    services.update_proposal(proposal.author, proposal, dict(data, title="Bosques nativos"),
                             [proposal.region], proposal.version)
    db.session.commit()
    find = lambda q: queries.list_proposals(call, queries.Listing(q=q), 1).total  # noqa: E731
    assert (find("agua"), find("bosque")) == (0, 1)


def test_reindex_command_rebuilds_the_search_table(db, runner, client, make):
    wanted = make(WATER[1]).reference
    db.session.execute(text(f"DELETE FROM {search.TABLE}"))
    db.session.commit()
    assert listed(client, "agua") == []
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 proposals" in result.output
    assert listed(client, "agua") == [wanted]


def test_the_postgresql_search_uses_its_index(db, make):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's GIN index")
    make(WATER[0])
    # Few rows make a scan cheapest; refused one, a query the index cannot serve still scans.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    for matched in (search.match("aguas"), search.match("agua", True, short_only=True)):
        stmt = matched.applied_to(db.select(queries.Proposal.id))
        compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(db.session.scalars(text(f"EXPLAIN {compiled}")))
        assert f"Bitmap Index Scan on {search.TABLE}_document" in plan, plan
