"""The list of hidden content: who hid what and when, filtered and paged for moderators."""

from datetime import date

import pytest

from app.moderation import services
from app.moderation.hidden import AUTOMATIC, HiddenFilter, hidden_items, people_who_hide


@pytest.fixture
def hidden(app, db, create_call, create_proposal, create_user, clock):
    """Three hidden items over three days in two calls, plus what must never be listed."""
    first, second = create_call(slug="nap"), create_call(slug="otra")
    ana = create_user(role="moderator", name="Ana")
    beto = create_user(role="admin", name="Beto")
    proposal = create_proposal(first, title="Propuesta ocultada")
    by_reports = services.add_comment(create_user(), proposal, "Reportado tres veces")
    author = create_user()
    deleted = services.add_comment(author, proposal, "Borrado luego")
    services.add_comment(create_user(), proposal, "Respuesta", parent=deleted)
    services.add_comment(create_user(), proposal, "Visible")
    services.hide(ana, deleted, "Datos personales")
    services.delete_comment(author, deleted)  # a marker stays, with nothing to restore
    services.hide(ana, proposal, "Publicidad sin relación")  # 10 March, 12:00 in Santiago
    clock.advance(hours=11)  # 10 March, 23:00 in Santiago, 11 March in UTC
    for _ in range(app.config["REPORT_THRESHOLD"]):
        services.report(create_user(), by_reports, "spam")
    clock.advance(days=1)
    by_admin = services.add_comment(create_user(), create_proposal(second), "Insulto")
    services.hide(beto, by_admin, "Insultos a otra persona")
    db.session.commit()
    return {"first": first, "second": second, "ana": ana, "beto": beto, "proposal": proposal,
            "by_reports": by_reports, "by_admin": by_admin}


def listed(moderator, **filters):
    return [item.target for item in hidden_items(moderator, HiddenFilter(**filters), 1).items]


def test_everything_hidden_most_recent_first(hidden):
    assert listed(hidden["ana"]) == [hidden["by_admin"], hidden["by_reports"],
                                     hidden["proposal"]]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"kind": "proposal"}, ["proposal"]),
    ({"kind": "comment"}, ["by_admin", "by_reports"]),
    ({"hidden_by": AUTOMATIC}, ["by_reports"]),
    ({"hidden_by": "beto"}, ["by_admin"]),
    ({"hidden_by": "ana", "kind": "comment"}, []),
    ({"call_id": "second"}, ["by_admin"]),
    # Days are the site's (America/Santiago): 23:00 on 10 March is still the 10th.
    ({"hidden_to": date(2026, 3, 10)}, ["by_reports", "proposal"]),
    ({"hidden_from": date(2026, 3, 11)}, ["by_admin"]),
    ({"hidden_from": date(2026, 3, 10), "hidden_to": date(2026, 3, 10),
      "call_id": "first", "kind": "comment"}, ["by_reports"]),
])
def test_filters(hidden, filters, expected):
    if "hidden_by" in filters and filters["hidden_by"] != AUTOMATIC:
        filters["hidden_by"] = str(hidden[filters["hidden_by"]].id)
    if "call_id" in filters:
        filters["call_id"] = hidden[filters["call_id"]].id
    assert listed(hidden["ana"], **filters) == [hidden[name] for name in expected]


def test_pages_of_the_list(hidden):
    page = hidden_items(hidden["ana"], HiddenFilter(), page=2, per_page=2)
    assert (page.total, page.pages, page.page) == (3, 2, 2)
    assert [item.target for item in page.items] == [hidden["proposal"]]
    past_the_end = hidden_items(hidden["ana"], HiddenFilter(), page=9, per_page=2)
    assert past_the_end.page == 2 and past_the_end.items == page.items


def test_who_may_have_hidden_something(hidden, create_user):
    create_user(role="participant", name="Carla")
    assert [person.name for person in people_who_hide()] == ["Ana", "Beto"]


def test_only_moderators_read_the_list(hidden, create_user):
    with pytest.raises(services.NotModerator):
        hidden_items(create_user(), HiddenFilter(), 1)
