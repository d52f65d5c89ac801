"""Working Group members reach the review of their call from the account menu, while the
review runs; nobody else gets the link."""

from datetime import timedelta

import pytest

from app.calls.models import DATE_FIELDS
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
LINK = 'href="/review/nap/"'


@pytest.fixture
def in_phase(clock, review_call, db):
    def go(phase):
        if phase == "voting":
            clock.set(review_call.voting_opens_at + timedelta(hours=1))
        else:
            clock.set(review_call.voting_closes_at + timedelta(hours=1))
        if phase == "published":
            review_call.results_published_at = clock.now()
            db.session.commit()
    return go


@pytest.mark.parametrize("phase", ["voting", "review", "published"])
@pytest.mark.parametrize("who", ["observer", "academia", "participant", "admin"])
def test_the_menu_links_to_the_review_for_its_members_while_it_runs(
        client, login, group, admin, create_user, in_phase, phase, who):
    in_phase(phase)
    user = {"participant": create_user, "admin": lambda: admin}.get(who, lambda: group[who])()
    login(user)
    html = text_of(client.get("/calls/", headers=EN))
    menu = html[html.index('class="account-menu"'):html.index("</details>")]
    assert (LINK in menu) == (who in ("observer", "academia") and phase == "review")


def test_a_member_of_two_reviews_sees_which_is_which(client, login, group, admin, db,
                                                     review_call, create_call, in_phase):
    create_call(slug="regional", title="Plan regional",
                    translations={"en": {"title": "Regional plan"}},
                    **{field: getattr(review_call, field) for field in DATE_FIELDS})
    # A member sits on every call reviewed while they hold their seat: nothing to add.
    in_phase("review")
    login(group["academia"])
    html = text_of(client.get("/calls/", headers=EN))
    menu = html[html.index('class="account-menu"'):html.index("</details>")]
    assert "Working Group review: <span lang=\"en\">Regional plan</span>" in menu
    assert LINK in menu and 'href="/review/regional/"' in menu
