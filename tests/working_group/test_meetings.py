from icalendar import Calendar

from tests.helpers import text_of


def test_the_meetings_page_lists_upcoming_and_past_meetings(client, group):
    page = text_of(client.get("/working-group/meetings/"))
    assert page.index("Sesión de abril") < page.index("Sesión de octubre")


def test_the_calendar_feed_holds_the_upcoming_meetings_in_the_sites_zone(client, group):
    response = client.get("/working-group/meetings.ics")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]).split(" (")[0] for e in events] == ["Sesión de abril"]
    start = events[0].decoded("DTSTART")
    assert str(start.tzinfo) == "America/Santiago" and start.hour == 10
    assert "/working-group/meetings/" in str(events[0]["URL"])


def test_the_admin_schedules_a_meeting_with_an_agenda_and_attendance(client, login, group,
                                                                    people):
    login(people["admin"])
    response = client.post("/admin/working-group/meetings/new", data={
        "kind": "ordinary", "title": "Sesión de mayo", "starts_at": "2026-05-05T10:00",
        "place": "Santiago"})
    assert response.status_code == 302
    meeting_id = int(response.location.rstrip("/").split("/")[-2])
    refused = client.post(f"/admin/working-group/meetings/{meeting_id}/agenda",
                          data={"title": "Propuesta", "proposal": "1999-9999"})
    assert refused.status_code == 422 and "1999-9999" in refused.get_data(as_text=True)
    assert client.post(f"/admin/working-group/meetings/{meeting_id}/agenda",
                       data={"title": "Revisión de la convocatoria"}).status_code == 302
    seat = group.seats["academia"]
    assert client.post(f"/admin/working-group/meetings/{meeting_id}/attendance",
                       data={f"seat-{seat.id}": "excused"}).status_code == 302
    page = text_of(client.get(f"/working-group/meetings/{meeting_id}"))
    assert "Revisión de la convocatoria" in page
    assert "Red Académica" in page


def test_a_refused_meeting_form_keeps_what_was_typed(client, login, group, people):
    login(people["admin"])
    response = client.post("/admin/working-group/meetings/new", data={
        "kind": "ordinary", "title": "Sesión sin fecha", "starts_at": ""})
    assert response.status_code == 422
    assert "Sesión sin fecha" in response.get_data(as_text=True)


def test_the_group_page_lists_the_next_meetings(client, group):
    assert "Sesión de abril" in text_of(client.get("/working-group/"))
