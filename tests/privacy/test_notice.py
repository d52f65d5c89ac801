"""The privacy notice states the retention settings the app applies, and where to
exercise each right."""


def test_the_privacy_notice_states_the_retention_settings(app, client):
    app.config.update(PRIVACY_VOTE_LINK_MONTHS=18, PRIVACY_UNVERIFIED_DAYS=45)
    html = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "deleted 18 months after the results" in html
    assert "deleted after 45 days" in html
    assert "/accounts/data" in html


def test_the_register_lists_every_declared_kind_for_administrators(app, client, admin):
    from app.privacy.registry import providers

    client.post("/accounts/login", data={"email": admin.email,
                                         "password": "quiet-harbour-lantern-42"})
    html = client.get("/admin/personal-data",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    for data in providers():
        assert f">{data.where}</code>" in html
    assert "12 months after the results" in html and "%(" not in html
