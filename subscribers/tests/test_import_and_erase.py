"""Importing a list from elsewhere (only confirmed rows, never an address that left here), and a
subscriber's data exported and erased at their request, by management command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tests.factories import AreaFactory
from subscribers.models import ErasedAddress, Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

LIST = (
    "email;language;areas;confirmed_at;confirmed;consent\n"
    "anna@example.org;en;culture;2025-03-01;;I agreed on paper\n"  # 2: added
    '=HYPERLINK("http://x");fi;;;yes;\n'  # 3: not an address
    "aino@example.org;fi;culture sport;;yes;\n"  # 4: added
    "never@example.org;ru;;;no;\n"  # 5: not confirmed
    "left@example.org;ru;;2024-01-01;;\n"  # 6: unsubscribed here
    "olga@example.org;ru;;someday;;\n"  # 7: bad date
    "ANNA@example.org;en;;;1;\n"  # 8: already (a second time in the file)
    "ivan@example.org;de;;;1;\n"  # 9: unknown language
)


@pytest.fixture
def areas():
    return [AreaFactory(name="Culture", slug="culture"), AreaFactory(name="Sport", slug="sport")]


def run(command, *args, **options):
    out = StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


def test_import_keeps_only_confirmed_rows_and_never_revives_who_left(areas, tmp_path):
    Subscriber.objects.create(
        email="left@example.org",
        language="ru",
        status=Subscriber.UNSUBSCRIBED,
        left_at=timezone.now(),
        source="site",
    )
    csv_file = tmp_path / "old-list.csv"
    # Excel's "CSV UTF-8" starts with a byte order mark.
    csv_file.write_bytes(b"\xef\xbb\xbf" + LIST.encode())
    out = run("import_subscribers", csv_file, source="Tampere group's list", by="office")

    assert "2 addresses added" in out
    assert "1 address was already on the list" in out
    for row in (3, 5, 6, 7, 9):
        assert f"Row {row} skipped" in out
    assert "Row 2 skipped" not in out and "Row 4 skipped" not in out
    added = Subscriber.objects.filter(status=Subscriber.SUBSCRIBED).order_by("email")
    assert [s.email for s in added] == ["aino@example.org", "anna@example.org"]
    anna = added.get(email="anna@example.org")
    assert timezone.localtime(anna.confirmed_at).date().isoformat() == "2025-03-01"
    assert anna.consent_text == "I agreed on paper"
    assert "old-list.csv" in anna.source and "office" in anna.source
    assert "Tampere group's list" in anna.source
    assert timezone.localdate().isoformat() in anna.source
    assert sorted(added.get(email="aino@example.org").areas.values_list("slug", flat=True)) == [
        "culture",
        "sport",
    ]
    assert Subscriber.objects.get(email="left@example.org").status == Subscriber.UNSUBSCRIBED

    # Idempotent: the same file again adds nothing.
    again = run("import_subscribers", csv_file, source="Tampere group's list")
    assert "0 addresses added" in again
    assert Subscriber.objects.count() == 3


def test_import_refuses_a_file_that_is_not_utf8_or_has_no_email_column(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("email,language\nmäki@example.org,fi\n".encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        run("import_subscribers", latin, source="x")
    headless = tmp_path / "headless.csv"
    headless.write_text("address,language\na@example.org,fi\n")
    with pytest.raises(CommandError, match="email"):
        run("import_subscribers", headless, source="x")


def test_export_and_erase(areas, tmp_path):
    subscriber = Subscriber.objects.create(
        email="aino@example.org",
        language="fi",
        status=Subscriber.SUBSCRIBED,
        consent_text="Hyväksyn",
        source="site",
    )
    subscriber.areas.set(areas[:1])
    DBTaskResult.objects.create(
        task_path="core.mail.send_templated_mail",
        args_kwargs={"args": [], "kwargs": {"to": "aino@example.org", "template": "x"}},
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
    )

    data = json.loads(run("export_subscriber", "Aino@Example.org"))
    assert data["email"] == "aino@example.org"
    assert data["areas"] == ["culture"]
    assert data["consent_text"] == "Hyväksyn"
    assert data["mails_in_the_queue_records"] == 1

    out = run("erase_subscriber", "aino@example.org")
    assert "subscribers.Subscriber" in out
    assert ".DBTaskResult" in out
    assert not Subscriber.objects.exists()
    assert not DBTaskResult.objects.exists()
    with pytest.raises(CommandError):
        run("export_subscriber", "aino@example.org")
    assert "Nothing" in run("erase_subscriber", "aino@example.org")

    # Only a hash is kept, and it keeps an import from adding the address back.
    assert ErasedAddress.objects.count() == 1
    assert "aino" not in ErasedAddress.objects.get().digest
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("email,confirmed\naino@example.org,yes\n")
    assert "Row 2 skipped" in run("import_subscribers", csv_file, source="x")
    assert not Subscriber.objects.exists()
