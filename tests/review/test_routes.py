import re
from datetime import timedelta

import pytest

from app.review.models import Assessment, ConflictOfInterest, Decision, InternalNote
from tests.helpers import assert_error_summary, text_of
from tests.review.conftest import RESPONSE, publish
from tests.seating import decide

EN = {"Accept-Language": "en"}
SCORES = {"relevance": "3", "specificity": "2", "measurability": "2", "feasibility": "1",
          "impact": "3"}
DECISION = {"outcome": "included", "response": RESPONSE, "position": "agree"}

ROLES = ["anonymous", "participant", "observer", "government", "civil_society", "academia",
         "admin"]
ACTIONS = {
    # action: (method, path, data, model that a success creates)
    "queue": ("get", "/review/nap/", None, None),
    "proposal": ("get", "/review/nap/proposals/{ref}", None, None),
    "assess": ("post", "/review/nap/proposals/{ref}/assessment", SCORES, Assessment),
    "decide": ("post", "/review/nap/proposals/{ref}/decision", DECISION, Decision),
    "note": ("post", "/review/nap/proposals/{ref}/notes", {"body": "Nota interna"}, InternalNote),
    "conflict": ("post", "/review/nap/proposals/{ref}/conflict",
                 {"reason": "Mi organización la presentó"}, ConflictOfInterest),
}
# Who may do what once voting has closed (the review phase).
ALLOWED = {
    "queue": {"observer", "government", "civil_society", "academia", "admin"},
    "proposal": {"observer", "government", "civil_society", "academia", "admin"},
    "assess": {"government", "civil_society", "academia"},
    "decide": {"government", "civil_society", "academia"},
    "note": {"observer", "government", "civil_society", "academia"},
    "conflict": {"observer", "government", "civil_society", "academia"},
}
# When each action is open: decisions may be revised after publication (publicly); the
# rest belong to the review itself, conflicts also to the vote before it.
OPEN_IN = {"assess": {"review"}, "decide": {"review", "published"}, "note": {"review"},
           "conflict": {"voting", "review"}}


@pytest.fixture
def as_role(client, group, admin, create_user, login):
    def become(role):
        if role == "anonymous":
            return
        user = {"participant": create_user, "admin": lambda: admin}.get(role)
        login(user() if user else group[role])
    return become


def count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("phase", ["voting", "review", "published"])
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, db, review_call, proposals, group, admin, as_role, clock,
                           role, action, phase):
    if phase == "voting":
        clock.set(review_call.voting_opens_at + timedelta(hours=1))
    else:
        clock.set(review_call.voting_closes_at + timedelta(hours=1))
    if phase == "published":
        for proposal in proposals:
            decide(review_call, proposal, outcome="included", response=RESPONSE)
        publish(admin, review_call)
        db.session.commit()
    as_role(role)
    method, path, data, model = ACTIONS[action]
    before = count(db, model) if model else 0
    response = getattr(client, method)(path.format(ref=proposals[2].reference), data=data)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login" in response.headers["Location"]
        return
    may_view = role in ALLOWED["queue"]
    if not may_view:
        assert response.status_code == 403
    elif model is None:
        assert response.status_code == 200
    elif role not in ALLOWED[action] or phase not in OPEN_IN[action]:
        assert response.status_code in (403, 409)
        assert count(db, model) == before
    else:
        assert response.status_code == 302, text_of(response)[:500]
        # a decision after publication revises the existing row
        assert count(db, model) == before + (0 if (model is Decision and phase == "published")
                                             else 1)


def test_decision_form_errors_name_what_is_missing(client, db, proposals, group, login,
                                                   to_review):
    to_review()
    login(group["academia"])
    url = f"/review/nap/proposals/{proposals[0].reference}/decision"
    response = client.post(url, data=dict(DECISION, response="Demasiado corta"), headers=EN)
    assert response.status_code == 422
    assert 'id="response-error"' in text_of(response) and "Demasiado corta" in text_of(response)
    response = client.post(url, data=dict(DECISION, position=""), headers=EN)
    assert response.status_code == 422 and 'id="position-error"' in text_of(response)
    response = client.post(url, data=dict(DECISION, outcome="merged",
                                          merged_into=proposals[0].reference), headers=EN)
    assert response.status_code == 422 and 'id="merged_into-error"' in text_of(response)
    assert count(db, Decision) == 0


def test_refused_review_forms_are_summarised_at_the_top(client, db, proposals, group, login,
                                                        to_review):
    to_review()
    login(group["academia"])
    page = f"/review/nap/proposals/{proposals[0].reference}"
    response = client.post(page + "/assessment", data={"relevance": "3"}, headers=EN)
    assert response.status_code == 422
    # Scores are radio buttons: each link leads to the first one of its group.
    assert_error_summary(text_of(response), links=[
        "#specificity-0", "#measurability-0", "#feasibility-0", "#impact-0"])
    response = client.post(page + "/decision", data=dict(DECISION, response=""), headers=EN)
    assert_error_summary(text_of(response), links=["#response"])
    response = client.post(page + "/notes", data={"body": ""}, headers=EN)
    assert_error_summary(text_of(response), links=["#body"])
    assert count(db, Assessment) == count(db, Decision) == count(db, InternalNote) == 0


def test_a_merge_names_its_target_by_reference(client, db, proposals, group, login,
                                               to_review):
    to_review()
    login(group["academia"])
    page = client.get(f"/review/nap/proposals/{proposals[1].reference}", headers=EN)
    form = page.get_data(as_text=True)
    # A text field, not a list of every proposal of the call (10,000 in a national one).
    assert re.search(r'<input[^>]*name="merged_into"[^>]*type="text"', form)
    assert f">{proposals[2].reference} ·" not in form
    url = f"/review/nap/proposals/{proposals[1].reference}/decision"
    response = client.post(url, data=dict(DECISION, outcome="merged",
                                          merged_into="2099-9999"), headers=EN)
    assert response.status_code == 422 and 'id="merged_into-error"' in text_of(response)
    assert 'value="2099-9999"' in response.get_data(as_text=True)  # what was typed stays
    response = client.post(url, data=dict(DECISION, outcome="merged",
                                          merged_into=f"  {proposals[0].reference} "))
    assert response.status_code == 302
    decision = db.session.scalar(db.select(Decision))
    assert (decision.outcome, decision.merged_into_id) == ("merged", proposals[0].id)


def test_internal_notes_never_reach_public_pages(client, app, db, review_call, proposals,
                                                 group, admin, login, to_review):
    to_review()
    login(group["observer"])
    secret = "Secreto interno de la Mesa 9f3a"
    client.post(f"/review/nap/proposals/{proposals[0].reference}/notes", data={"body": secret})
    assert secret in text_of(client.get(f"/review/nap/proposals/{proposals[0].reference}"))
    for proposal in proposals:
        decide(review_call, proposal, outcome="included", response=RESPONSE)
    publish(admin, review_call)
    db.session.commit()
    public = app.test_client()
    for page in ("/calls/nap/", "/calls/nap/results", "/calls/nap/proposals/",
                 f"/calls/nap/proposals/{proposals[0].reference}", "/review/nap/shortlist"):
        assert secret not in text_of(public.get(page)), page


def test_decisions_are_public_only_after_publication(client, app, db, review_call, proposals,
                                                     group, admin, to_review):
    to_review()
    for proposal in proposals:
        decide(review_call, proposal, outcome="included", response=RESPONSE)
    db.session.commit()
    page = f"/calls/nap/proposals/{proposals[0].reference}"
    assert RESPONSE[:40] not in text_of(client.get(page))
    assert RESPONSE[:40] not in text_of(client.get("/calls/nap/results"))
    assert client.get("/review/nap/shortlist").status_code == 302
    publish(admin, review_call)
    db.session.commit()
    assert RESPONSE[:40] in text_of(client.get(page, headers=EN))
    assert "Included in the plan" in text_of(client.get("/calls/nap/results", headers=EN))
    assert client.get("/review/nap/shortlist").status_code == 200


def test_publish_page_lists_what_is_missing(client, db, review_call, proposals, group, admin,
                                            login, to_review):
    to_review()
    decide(review_call, proposals[0], outcome="included", response=RESPONSE)
    db.session.commit()
    login(admin)
    page = text_of(client.get("/review/nap/publish", headers=EN))
    assert "2 proposals still need a decision" in page
    assert proposals[1].reference in page and proposals[0].reference not in page
    response = client.post("/review/nap/publish", headers=EN)
    assert response.status_code == 409
    db.session.expire_all()
    assert review_call.results_published_at is None


def test_call_page_lists_members_and_conflicts_are_public(client, db, review_call, proposals,
                                                          group, login, to_review):
    to_review()
    html = text_of(client.get("/calls/nap/", headers=EN))
    for constituency in ("government", "civil_society", "academia", "observer"):
        assert f"Miembro {constituency}" in html
    assert "Observer" in html and "Academic network" in html
    login(group["government"])
    client.post(f"/review/nap/proposals/{proposals[0].reference}/conflict",
                data={"reason": "Trabajé en el organismo responsable"})
    page = text_of(client.application.test_client().get(
        f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "declared a conflict of interest: Trabajé en el organismo responsable" in page


def test_the_admin_page_of_a_calls_members_reads_the_seats(client, db, review_call, group,
                                                           admin, login):
    login(admin)
    page = text_of(client.get("/admin/calls/nap/members", headers=EN))
    assert "Miembro academia" in page and 'href="/admin/working-group/"' in page
    assert 'name="email"' not in page  # nobody is added per call any more
    assert client.post("/admin/calls/nap/members",
                       data={"email": "x@example.org"}).status_code == 405


def test_queue_shows_progress_and_ranks(client, db, review_call, proposals, group, login,
                                        to_review):
    to_review()
    decide(review_call, proposals[1], outcome="included", response=RESPONSE)
    db.session.commit()
    login(group["government"])
    html = text_of(client.get("/review/nap/", headers=EN))
    assert "1 of 3 proposals have a decision" in html
    assert html.index("Propuesta 0") < html.index("Propuesta 1") < html.index("Propuesta 2")
    html = text_of(client.get("/review/nap/?decision=undecided", headers=EN))
    assert "Propuesta 1" not in html and "Propuesta 0" in html


def test_members_see_no_counts_or_vote_order_while_voting(client, db, review_call, create_proposal,
                                                          group, login, clock):
    low = create_proposal(review_call, title="Menos votada", vote_count=1)
    high = create_proposal(review_call, title="Más votada", vote_count=99)
    clock.set(review_call.voting_opens_at + timedelta(hours=1))
    login(group["academia"])
    html = text_of(client.get("/review/nap/", headers=EN))
    assert ">99<" not in html and "Rank" not in html
    assert html.index(low.title) < html.index(high.title)  # reference order, not votes
    detail = text_of(client.get(f"/review/nap/proposals/{high.reference}", headers=EN))
    assert "99 votes" not in detail


def test_after_publication_the_page_offers_no_note_assessment_or_conflict_form(
        client, db, review_call, proposals, group, admin, login, to_review):
    to_review()
    for proposal in proposals:
        decide(review_call, proposal, outcome="included", response=RESPONSE)
    login(group["academia"])
    page = text_of(client.get(f"/review/nap/proposals/{proposals[0].reference}",
                              headers={"Accept-Language": "en"}))
    assert "Add note" in page and "Save assessment" in page and "Declare" in page
    publish(admin, review_call)
    db.session.commit()
    page = text_of(client.get(f"/review/nap/proposals/{proposals[0].reference}",
                              headers={"Accept-Language": "en"}))
    assert "Add note" not in page and "Save assessment" not in page
    assert "Declare a conflict" not in page
    assert "Record position" in page  # decisions stay open, as public revisions
