from app.demo.loader import load_demo
from app.extensions import db as _db
from app.working_group import compliance, meetings
from app.working_group.meeting_models import Minutes
from tests.helpers import text_of


def test_the_demo_group_outlives_the_change_of_government(app, db, client):
    load_demo()
    _db.session.commit()
    page = text_of(client.get("/working-group/"))
    assert "Mesa de Gobierno Abierto" in page
    assert "Marcela Sepúlveda (demo)" in page and "Rodrigo Fuenzalida" in page
    rules_page = text_of(client.get("/working-group/rules/"))
    assert "Modificación de 2019" in rules_page and "Resolución Exenta N.º 852" in rules_page
    assert len(meetings.past()) + len(meetings.upcoming()) == 6
    states = sorted(m.state for m in _db.session.scalars(_db.select(Minutes)))
    assert states == ["circulated"] + ["published"] * 4
    assert compliance.standing().rules_public
    assert "Resolución Exenta N.º 852 (demo)" in text_of(client.get("/documents/"))
