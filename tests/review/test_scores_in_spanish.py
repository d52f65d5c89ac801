"""The review's scores are written as the reader's language writes numbers."""

from app.review import services
from tests.helpers import text_of


def test_review_scores_use_the_readers_decimal_mark(db, client, login, review_call, proposals,
                                                     group, to_review):
    to_review()
    for member, score in (("government", 1), ("civil_society", 2)):
        services.save_assessment(group[member], review_call, proposals[0],
                                 dict.fromkeys(("relevance", "specificity", "measurability",
                                                "feasibility", "impact"), score), "")
    db.session.commit()
    login(group["academia"])
    queue = text_of(client.get("/review/nap/", headers={"Accept-Language": "es"}))
    page = text_of(client.get(f"/review/nap/proposals/{proposals[0].reference}",
                              headers={"Accept-Language": "es"}))
    assert ">1,5</td>" in queue and ">1,5</td>" in page
    assert "1.5" not in queue and "1.5" not in page
