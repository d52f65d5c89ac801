from app.core.rich_text import render_rich


def test_paragraphs_and_line_breaks():
    assert render_rich("uno\ndos\n\ntres") == "<p>uno<br>dos</p><p>tres</p>"


def test_lists():
    assert render_rich("- a\n- b") == "<ul><li>a</li><li>b</li></ul>"
    assert render_rich("1. a\n2) b") == "<ol><li>a</li><li>b</li></ol>"


def test_links_get_safe_rel():
    html = render_rich("see https://www.ogp.gob.cl/plan")
    assert '<a href="https://www.ogp.gob.cl/plan" rel="nofollow ugc noopener">' in html


def test_markup_is_escaped_not_rendered():
    html = render_rich('<script>alert(1)</script><img src=x onerror=alert(1)>'
                       '<iframe src="https://evil.example"></iframe>'
                       '<a href="javascript:alert(1)">x</a><b style="color:red">b</b>')
    for dangerous in ("<script", "<img", "<iframe", "<a href=\"javascript", "<b"):
        assert dangerous not in html
    assert "&lt;script&gt;" in html


def test_javascript_urls_are_never_links():
    assert "<a" not in render_rich("javascript:alert(document.cookie)")
    assert "<a" not in render_rich("data:text/html;base64,PHNjcmlwdD4=")


def test_empty_text():
    assert render_rich(None) == "" and render_rich("") == ""


def test_a_heading_line_followed_by_a_list():
    assert render_rich("Cómo participar:\n- uno\n- dos\nfin") == (
        "<p>Cómo participar:</p><ul><li>uno</li><li>dos</li></ul><p>fin</p>")


def test_the_xss_checker_itself_catches_live_markup():
    from tests.helpers import dangerous_markup

    assert dangerous_markup('<img src=x onerror="alert(1)">')
    assert dangerous_markup('<a href=" javascript:alert(1)">x</a>')
    assert dangerous_markup('<p style="color:red">x</p>')
    assert dangerous_markup("<script>alert(1)</script>")
    assert dangerous_markup('<p>&lt;img src=x onerror=alert(1)&gt;</p>') == []
    assert dangerous_markup('<option value="&lt;svg onload=alert(1)&gt;">') == []


def test_rendering_is_safe_from_many_threads_at_once():
    """A threaded server renders pages in parallel; the sanitiser must not share state."""
    import threading

    text = "Uno https://www.ogp.gob.cl\n\n- a\n- b <script>x</script>\n\n" * 5
    expected = render_rich(text)
    failures = []

    def work():
        try:
            for _ in range(150):
                if render_rich(text) != expected:
                    failures.append("different output")
        except Exception as exc:
            failures.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
