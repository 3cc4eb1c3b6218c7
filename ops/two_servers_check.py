"""The checks of ops/two_servers.sh, run with the servers' own environment: publish a change
through app server A (the admin's bulk publish, over HTTP) and see it on app server B; sign in
on A and stay signed in on B through the shared Redis; hashed static files from whitenoise.

    python ops/two_servers_check.py http://127.0.0.1:8115 http://127.0.0.1:8116
"""

import http.client
import os
import re
import sys
import time
from urllib.parse import urlencode, urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.production")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402

from home.models import StandardPage  # noqa: E402

PASSWORD = "baltic-demo-2026"  # noqa: S105 (the demo content's documented login)


class Browser:
    """Just enough of a browser: cookies (also the Secure ones, as this is plain HTTP on
    loopback) and no automatic redirects."""

    def __init__(self):
        self.cookies = {}

    def request(self, base, method, path, form=None):
        url = urlsplit(base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response, content


def title_of(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else None


def check(condition, message):
    print(("   ok    " if condition else "   FAIL  ") + message)
    if not condition:
        sys.exit(1)


def publish_through(browser, server, page):
    token = browser.cookies["csrftoken"]
    status, response, _ = browser.request(
        server,
        "POST",
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}",
        {"csrfmiddlewaretoken": token, "include_descendants": ""},
    )
    return status, response.getheader("Location")


def main(server_a, server_b):
    anonymous = Browser()
    print("Static files (whitenoise, hashed names)")
    _, _, home = anonymous.request(server_b, "GET", "/en/")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home)
    check(
        stylesheet is not None,
        f"B's pages link hashed stylesheets: {stylesheet and stylesheet.group(1)}",
    )
    status, response, _ = anonymous.request(server_b, "GET", stylesheet.group(1))
    check(
        status == 200 and "immutable" in response.getheader("Cache-Control", ""),
        f"B serves it with Cache-Control: {response.getheader('Cache-Control')}",
    )

    page = StandardPage.objects.live().filter(locale__language_code="en").order_by("path").first()
    original_title = page.title
    print(f"Publishing through A, reading through B: {page.url} ({original_title!r})")
    for server in (server_b, server_b, server_a):  # twice on B: a page cache would now hold it
        _, _, html = anonymous.request(server, "GET", page.url)
        check(title_of(html) == original_title, f"{server} shows {title_of(html)!r}")

    admin = get_user_model().objects.get(username="admin")
    new_title = f"{original_title} (edited {time.strftime('%H:%M:%S')})"
    page.title = new_title
    page.save_revision(user=admin)
    _, _, html = anonymous.request(server_b, "GET", page.url)
    check(title_of(html) == original_title, f"a saved draft {new_title!r} is not public on B")

    editor = Browser()
    _, _, login_page = editor.request(server_a, "GET", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    status, response, _ = editor.request(
        server_a,
        "POST",
        "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "admin",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    check(
        status == 302 and "sessionid" in editor.cookies,
        f"signed in on A ({status} to {response.getheader('Location')})",
    )
    status, _, _ = editor.request(server_b, "GET", "/admin/")
    check(status == 200, f"the same session is signed in on B (admin dashboard: {status})")

    status, location = publish_through(editor, server_a, page)
    check(
        status == 302,
        f"A published the draft through the admin's bulk publish ({status} to {location})",
    )
    _, _, html = anonymous.request(server_b, "GET", page.url)
    check(title_of(html) == new_title, f"B shows the change at once: {title_of(html)!r}")

    print("Sessions and cache shared through Redis")
    Session.objects.filter(session_key=editor.cookies["sessionid"]).delete()
    status, _, _ = editor.request(server_b, "GET", "/admin/")
    check(
        status == 200,
        "with its database row deleted, B still finds the session A wrote: it reads it from Redis",
    )

    page = StandardPage.objects.get(pk=page.pk)
    page.title = original_title
    page.save_revision(user=admin)
    status, _ = publish_through(editor, server_a, page)
    _, _, html = anonymous.request(server_b, "GET", page.url)
    check(
        status == 302 and title_of(html) == original_title,
        f"put back through A, seen on B: {original_title!r}",
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
