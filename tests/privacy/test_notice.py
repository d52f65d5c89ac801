"""The privacy notice states the retention settings the app applies, and where to
exercise each right."""


def test_the_privacy_notice_states_the_retention_settings(app, client):
    app.config.update(PRIVACY_VOTE_LINK_MONTHS=18, PRIVACY_UNVERIFIED_DAYS=45)
    html = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "deleted 18 months after the results" in html
    assert "deleted after 45 days" in html
    assert "/accounts/data" in html
