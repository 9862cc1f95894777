"""SECURITY.md, stored XSS: nothing an editor types runs in a learner's page."""

from pathlib import Path

from tests.factories import audience_page, make_module
from training.models import LessonPage

ROOT = Path(__file__).resolve().parents[2]


def test_no_raw_html_block_anywhere_in_the_code():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("accounts", "audiences", "training", "quizzes", "config")
        for path in (ROOT / folder).rglob("*.py")
        if "RawHTMLBlock" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_script_and_javascript_links_in_blocks_render_inert(client, home):
    module = make_module(parent=audience_page("youth"), lessons=0)
    lesson = module.add_child(
        instance=LessonPage(
            title="Hostile",
            slug="hostile",
            body=[
                {
                    "type": "rich_text",
                    "value": '<p><a href="javascript:alert(1)">click</a>'
                    "<script>alert(2)</script></p>",
                },
                {
                    "type": "key_point",
                    "value": {
                        "heading": "<script>alert(3)</script>",
                        "text": "<img src=x onerror=alert(4)>",
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "info",
                        "heading": "",
                        "text": "<b onmouseover=alert(5)>x</b>",
                    },
                },
                {
                    "type": "scenario",
                    "value": {
                        "title": "<svg onload=alert(6)>",
                        "case": "case",
                        "prompts": ["<script>alert(7)</script>"],
                        "good_response": "ok",
                    },
                },
            ],
        )
    )
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    main = html[html.index('id="main"') :]
    assert "javascript:" not in main
    assert "<script>alert" not in main
    assert "<img src=x" not in main and "<b onmouseover" not in main
    assert "<svg onload" not in main
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in main
