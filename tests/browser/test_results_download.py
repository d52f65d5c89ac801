"""A journalist opens the results and downloads the SQLite file, which sqlite-utils opens."""

import pytest
import sqlite_utils
from playwright.sync_api import expect

from tests.results.conftest import full_cycle  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser]


def test_results_page_and_sqlite_download(live_server, browser_page, full_cycle, tmp_path):  # noqa: F811
    full_cycle["publish"]()
    page = browser_page
    page.goto(live_server + "/calls/nap/results")
    expect(page.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Most supported proposals")).to_be_visible()
    expect(page.get_by_role("cell", name="Included in the plan").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="SQLite").click()
    download = download_info.value
    assert download.suggested_filename == "minga-nap.sqlite"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    database = sqlite_utils.Database(path)
    assert database["proposals"].count == 3
    assert [row["licence"] for row in database["metadata"].rows] == ["CC BY 4.0"]
    assert len(list(database["proposals"].search("pública"))) == 3
