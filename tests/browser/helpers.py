"""What the browser tests share: the browser's settings, logging in, axe-core, screenshots."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core's tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
FAILURES = Path(settings.BASE_DIR) / "test-artifacts" / "failures"
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
DEMO_PASSWORD = "baltic-demo-2026"


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def moderate_from_dashboard(page, title, action):
    """A moderator acts on a task from the "Awaiting your review" panel of the dashboard."""
    row = page.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=action, exact=True).click()


def anonymous_status(open_page, url):
    """What a visitor who is not logged in gets at the address: (status, page)."""
    visitor = open_page()
    return visitor.goto(url).status, visitor


def axe_violations(page, include=None, exclude=None):
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (within `include`, less
    `exclude`: lists of CSS selectors)."""
    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}: run `npm ci --prefix tests/browser`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    context = {"exclude": [[selector] for selector in exclude or []]}
    if include:
        context["include"] = [[selector] for selector in include]
    return page.evaluate(
        "([context, tags]) => axe.run(context, {runOnly: {type: 'tag', values: tags}})"
        ".then(result => result.violations)",
        [context, WCAG_TAGS],
    )


def describe_violations(violations, url):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} on {url}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def screenshot(page, name, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def translate_segments(page, answers):
    """Type a translation into each untranslated segment of each tab of the translation editor."""
    editor = page.locator(".js-translation-editor")
    for tab in ("Content", "Promote"):
        editor.get_by_role("tab", name=tab).click()
        panel = editor.locator(f"#tab-{tab.lower()}")
        translate = panel.get_by_role("button", name="Translate", exact=True)
        while translate.count():
            translate.first.click()
            type_into_open_segment(page, panel, answers)


def type_into_open_segment(page, panel, answers):
    segment = panel.locator("li", has=page.locator("textarea"))
    source = segment.locator("p").first.inner_text()
    assert source in answers, f"unexpected segment {source!r}"
    segment.locator("textarea").fill(answers[source])
    segment.get_by_role("button", name="Save").click()
    expect(panel.locator("textarea")).to_have_count(0)
