"""The group's public record as files: public names, never an account's address."""

import csv
import io


def test_the_group_exports_its_record_without_accounts(client, db, group, people):
    data = client.get("/working-group/export.json").json
    names = [t["holder_name"] for s in data["seats"] for t in s["terms"]]
    assert "Rosa Antigua" in names and "Gonzalo Gobierno" in names
    assert [v["title"] for v in data["rules"]][:1] and data["meetings"] and data["documents"]
    text = client.get("/working-group/export.json").get_data(as_text=True)
    assert people["government"].email not in text and "holder_id" not in text
    for name in ("seats", "meetings", "documents"):
        response = client.get(f"/working-group/{name}.csv")
        assert response.status_code == 200 and "attachment" in response.headers[
            "Content-Disposition"]
        # UTF-8 with a BOM, so a spreadsheet reads "Académica"; one charset in the header.
        assert response.data.startswith(b"\xef\xbb\xbf")
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert rows and next(iter(rows[0])) in ("seat_id", "id")  # BOM not glued to it
        assert people["government"].email not in response.get_data(as_text=True)
    seats = list(csv.DictReader(io.StringIO(
        client.get("/working-group/seats.csv").data.decode("utf-8-sig"))))
    assert {"Rosa Antigua", "Gonzalo Gobierno"} <= {r["holder_name"] for r in seats}


def test_a_name_that_looks_like_a_formula_is_defused(client, db, group, people):
    from app.working_group import seats as seat_services

    seat = seat_services.add_seat(people["admin"], "observer", "CEPAL")
    seat_services.appoint(people["admin"], seat, starts_on=group.terms["academia"].starts_on,
                          holder_name="=HYPERLINK(\"x\")")
    db.session.commit()
    text = client.get("/working-group/seats.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
