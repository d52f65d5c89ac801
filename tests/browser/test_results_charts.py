"""On a phone (390 px wide) every chart label on the results page is whole: it wraps, it is
never cut, and it stays inside its chart."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.demo.loader import DEMO_THEMES
from app.voting import services as voting

pytestmark = [pytest.mark.browser]

MEASURE = """() => [...document.querySelectorAll('.chart')].flatMap(chart => {
  const box = chart.getBoundingClientRect();
  return [chart, ...chart.querySelectorAll('h3, .bar-label, .bar-value')].map(el => {
    const r = el.getBoundingClientRect();
    return {text: el.textContent.trim(), scroll: el.scrollWidth, client: el.clientWidth,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5};
  });
})"""


def test_chart_labels_are_whole_at_phone_width(live_server, browser_page, db, create_call,
                                               create_proposal, create_user, clock):
    call = create_call(slug="nap", themes=DEMO_THEMES, hide_counts_until_close=False)
    proposals = [create_proposal(call, theme=theme, title=f"Propuesta sobre {theme.lower()}, "
                                 "con plazos, responsables y reportes públicos de avance")
                 for theme in DEMO_THEMES]
    clock.set(call.voting_opens_at + timedelta(hours=1))
    for n, proposal in enumerate(proposals):
        for _ in range(n + 1):
            voting.cast_vote(call, proposal, create_user())
    db.session.commit()
    page = browser_page
    page.goto(f"{live_server}/accounts/locale/es?next=/calls/nap/results")
    expect(page.get_by_role("table", name="Propuestas por tema")).to_be_visible()
    measured = page.evaluate(MEASURE)
    assert [m for m in measured if m["scroll"] > m["client"] or not m["inside"]] == []
    labels = page.locator("#chart-themes .bar-label").all_text_contents()
    assert labels[:len(DEMO_THEMES)] == DEMO_THEMES  # each theme in full, none shortened
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
