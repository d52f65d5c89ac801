"""Publishing the results emails every author and cannot be undone: the admin is told
exactly what it will do and confirms it; anything else changes nothing."""

import pytest

from app.core.confirmation import ConfirmationRequired, fingerprint
from app.review import services
from tests.conftest import PASSWORD
from tests.helpers import csrf_token_from, fingerprint_from, text_of
from tests.review.conftest import AGREE, RESPONSE
from tests.seating import decide

EN = {"Accept-Language": "en"}


@pytest.fixture
def decided(review_call, proposals, group, create_proposal, create_user, to_review, db):
    """Four decided proposals by three authors: one wrote two, one turned the mail off."""
    prolific = proposals[0].author
    proposals.append(create_proposal(review_call, author=prolific, title="Otra más"))
    proposals[2].author.notify_by_email = False
    to_review()
    for proposal in proposals:
        decide(review_call, proposal, outcome="included",
                                 response=RESPONSE, positions=AGREE)
    db.session.commit()
    return proposals


def published(db, call) -> bool:
    db.session.expire_all()
    return call.results_published_at is not None


def test_the_page_names_every_consequence_in_figures(client, login, admin, review_call,
                                                     decided):
    login(admin)
    html = text_of(client.get("/review/nap/publish", headers=EN))
    assert "4 decisions and their reasoned responses become public" in html
    assert "2 authors will be emailed now, once per proposal: 3 messages." in html
    assert "1 author turned these emails off and will not be emailed." in html
    assert "Publication cannot be undone" in html
    assert 'type="checkbox"' in html and fingerprint_from(html)


def test_a_post_without_the_box_ticked_publishes_nothing(client, login, admin, db, outbox,
                                                         review_call, decided):
    login(admin)
    html = text_of(client.get("/review/nap/publish", headers=EN))
    response = client.post("/review/nap/publish", headers=EN,
                           data={"consequences_seen": fingerprint_from(html)})
    assert response.status_code == 409
    page = text_of(response)
    assert 'aria-describedby="confirm-error"' in page
    assert "Read what this will do, then confirm to go ahead." in page
    assert "2 authors will be emailed now" in page  # the consequences, shown again
    assert client.post("/review/nap/publish", data={"confirm": "y"}).status_code == 409
    assert not published(db, review_call) and outbox() == []
    assert {p.status for p in decided} == {"published"}


def test_confirming_what_was_shown_publishes_and_mails(client, login, admin, db, outbox,
                                                       review_call, decided):
    login(admin)
    seen = fingerprint_from(text_of(client.get("/review/nap/publish")))
    response = client.post("/review/nap/publish", headers=EN,
                           data={"confirm": "y", "consequences_seen": seen})
    assert response.status_code == 302
    assert response.headers["Location"] == "/calls/nap/results"
    assert published(db, review_call)
    assert len(outbox()) == 3


def test_figures_that_moved_since_the_page_was_shown_are_asked_again(
        client, login, admin, db, outbox, review_call, decided):
    login(admin)
    seen = fingerprint_from(text_of(client.get("/review/nap/publish")))
    decided[1].author.notify_by_email = False  # one more author will not be mailed
    db.session.commit()
    response = client.post("/review/nap/publish", headers=EN,
                           data={"confirm": "y", "consequences_seen": seen})
    assert response.status_code == 409
    page = text_of(response)
    assert "1 author will be emailed now, once per proposal: 2 messages." in page
    assert "2 authors turned these emails off" in page
    assert 'name="confirm" type="checkbox" value="y">' in page  # to tick again, not ticked
    assert fingerprint_from(page) != seen
    assert not published(db, review_call) and outbox() == []


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_the_confirmation_form_is_protected_and_works_with_its_token(
        client, admin, db, review_call, decided):
    token = csrf_token_from(text_of(client.get("/accounts/login")))
    client.post("/accounts/login", data={"email": admin.email, "password": PASSWORD,
                                         "csrf_token": token})
    html = text_of(client.get("/review/nap/publish"))
    form = {"confirm": "y", "consequences_seen": fingerprint_from(html)}
    assert client.post("/review/nap/publish", data=form).status_code == 400
    assert not published(db, review_call)
    form["csrf_token"] = csrf_token_from(html)
    assert client.post("/review/nap/publish", data=form).status_code == 302
    assert published(db, review_call)


def test_the_service_refuses_without_the_confirmed_figures(db, admin, review_call, decided):
    with pytest.raises(ConfirmationRequired) as raised:
        services.publish_results(admin, review_call)
    assert [c.key for c in raised.value.consequences] == [
        ("public", 4), ("mailed", 2, 3), ("silent", 1), ("final",)]
    stale = fingerprint(services.publication_consequences(review_call))
    decided[0].author.notify_by_email = False
    with pytest.raises(ConfirmationRequired):
        services.publish_results(admin, review_call, stale)
    assert review_call.results_published_at is None
    current = fingerprint(services.publication_consequences(review_call))
    assert services.publish_results(admin, review_call, current) == 1


def test_members_who_are_not_admins_see_no_publish_form(client, login, group, review_call,
                                                        decided):
    login(group["academia"])
    html = text_of(client.get("/review/nap/publish", headers=EN))
    assert "An administrator publishes the results." in html
    assert 'name="confirm"' not in html
    assert client.post("/review/nap/publish", data={"confirm": "y"}).status_code == 403
