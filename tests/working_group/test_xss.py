"""What administrators and members type about meetings and minutes is shown as text."""

import io

from tests.helpers import dangerous_markup
from tests.security.test_stored_xss import VECTORS

ATTACK = "\n\n".join(VECTORS)
ONE_LINE = " ".join(VECTORS)[:200]


def test_meetings_and_minutes_are_text(client, login, group, people):
    login(people["admin"])
    response = client.post("/admin/working-group/meetings/new", data={
        "kind": "ordinary", "title": ONE_LINE, "starts_at": "2026-05-05T10:00",
        "place": ONE_LINE, "online_link": "https://x.example/\"onmouseover=\"alert(1)"})
    assert response.status_code == 302
    meeting_id = int(response.location.rstrip("/").split("/")[-2])
    client.post(f"/admin/working-group/meetings/{meeting_id}/agenda", data={"title": ONE_LINE})
    client.post(f"/working-group/meetings/{meeting_id}/minutes", data={"body": ATTACK})
    uploaded = client.post("/admin/documents/new", content_type="multipart/form-data", data={
        "title": ONE_LINE, "kind": "other", "dated_on": "2025-01-01",
        "meeting": str(meeting_id), "file": (io.BytesIO(b"%PDF-1.4\n"), "a.pdf")})
    assert uploaded.status_code == 302
    minutes_id = group.minutes["circulated"].id
    client.post("/accounts/logout")
    login(people["government"])
    assert client.post(f"/working-group/minutes/{minutes_id}/answer",
                       data={"stance": "object", "comment": ATTACK}).status_code == 302
    client.post("/accounts/logout")
    login(people["observer"])
    assert client.post(f"/working-group/minutes/{minutes_id}/answer",
                       data={"comment": ATTACK}).status_code == 302
    for url in ("/working-group/", "/working-group/meetings/",
                f"/working-group/meetings/{meeting_id}",
                f"/working-group/meetings/{group.minutes['circulated'].meeting_id}",
                "/documents/", uploaded.location):
        assert dangerous_markup(client.get(url).get_data(as_text=True)) == [], url
    # The feed carries text as typed, which is safe as a calendar that is never sniffed.
    feed = client.get("/working-group/meetings.ics")
    assert feed.mimetype == "text/calendar"
    assert feed.headers["X-Content-Type-Options"] == "nosniff"
