"""SQLite with two writers at once: with the options of the settings (WAL, a busy timeout,
transactions that take the write lock when they begin) both succeed; without them the one
that read first and writes second fails with "database is locked".

On a database file of its own, through Django's SQLite backend, whatever database the test run
itself uses: the settings are read again with DATABASE_URL pointing to that file."""

import runpy
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler

ALIAS = "concurrent-sqlite"
BASE_SETTINGS = Path(__file__).resolve().parent.parent / "site_config" / "settings" / "base.py"


def sqlite_settings(monkeypatch, path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return runpy.run_path(str(BASE_SETTINGS))["DATABASES"]["default"]


@contextmanager
def database(settings_dict, django_db_blocker):
    """The database as one more connection alias, each thread with its own connection."""
    path = settings_dict["NAME"]
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, writer TEXT)")
    connections.settings[ALIAS] = ConnectionHandler({"default": settings_dict}).settings["default"]
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        if hasattr(connections._connections, ALIAS):
            connections[ALIAS].close()
            del connections[ALIAS]
        del connections.settings[ALIAS]


def query(sql, *params):
    with connections[ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def two_writers():
    """Two transactions that each read and then write, the second starting while the first is
    open: what each raised, or None."""
    first_read, second_read = threading.Event(), threading.Event()
    errors = {}

    def write(name, before, after):
        try:
            with transaction.atomic(using=ALIAS):
                query("SELECT count(*) FROM note")
                before.set()
                # The other has read too, or (with IMMEDIATE) is waiting for the lock.
                after.wait(0.5)
                query("INSERT INTO note (writer) VALUES (%s)", name)
            errors[name] = None
        except OperationalError as error:
            errors[name] = error
        finally:
            connections[ALIAS].close()

    def second():
        first_read.wait(5)
        write("second", second_read, threading.Event())

    threads = [
        threading.Thread(target=write, args=("first", first_read, second_read)),
        threading.Thread(target=second),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_the_settings_make_a_sqlite_connection_wait_and_use_wal(
    monkeypatch, tmp_path, django_db_blocker
):
    settings_dict = sqlite_settings(monkeypatch, tmp_path / "site.sqlite3")
    assert settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with database(settings_dict, django_db_blocker):
        assert query("PRAGMA journal_mode") == [("wal",)]
        assert query("PRAGMA busy_timeout") == [(20000,)]


def test_two_writers_both_succeed_with_the_settings(monkeypatch, tmp_path, django_db_blocker):
    settings_dict = sqlite_settings(monkeypatch, tmp_path / "site.sqlite3")
    with database(settings_dict, django_db_blocker):
        assert two_writers() == {"first": None, "second": None}
        assert sorted(query("SELECT writer FROM note")) == [("first",), ("second",)]


def test_without_the_options_one_of_two_writers_fails(monkeypatch, tmp_path, django_db_blocker):
    settings_dict = {**sqlite_settings(monkeypatch, tmp_path / "site.sqlite3"), "OPTIONS": {}}
    with database(settings_dict, django_db_blocker):
        errors = two_writers()
    failed = [str(error) for error in errors.values() if error is not None]
    assert failed == ["database is locked"], errors
