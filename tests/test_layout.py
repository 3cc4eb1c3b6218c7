"""The layout of docs/architecture.md, checked from the code: which app may import which, and no
import cycles between apps. An import inside a function counts like one at the top of a file:
it is the same dependency, only later."""

import ast
import tomllib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT_APPS = {"home", "culture", "events", "publications", "contact_forms"}
# What each app may import of ours. The project package (site_config: settings, URLs, WSGI) and
# management commands are entry points that put the apps together, so they may import any.
MAY_IMPORT = {
    "core": set(),
    **{app: {"core"} for app in CONTENT_APPS},
    "search": {"core"},
    "editorial": {"core"},
    "performance": {"core"},
    "operations": {"core", "performance"},
    # Sign-up for events: it plugs into the event page (core.page_extras) and its places count
    # (events.availability); events knows nothing of it.
    "registrations": {"core", "events"},
    # The newsletter's list; the newsletters app, which sends the issues, builds on it.
    "subscribers": {"core"},
    # Two-step sign-in and the sign-in lockout for staff.
    "staff_signin": {"core"},
    # The issues sent to the newsletter's list (which the calendar fills).
    "newsletters": {"core", "subscribers", "events", "publications"},
}
OUR_APPS = {*MAY_IMPORT, "site_config"}


def our_modules():
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in OUR_APPS and not {"migrations", "tests"} & set(parts):
            yield parts, path


def imported_apps(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in OUR_APPS:
                yield name.split(".")[0], node.lineno


def app_imports():
    """(importing app, imported app, where) for every import of another of our apps."""
    for parts, path in our_modules():
        for app, line in imported_apps(path):
            if app != parts[0]:
                yield parts[0], app, f"{path.relative_to(ROOT)}:{line}", "commands" in parts


def test_each_app_imports_only_what_the_layout_allows():
    wrong = [
        f"{where}: {importer} imports {imported}"
        for importer, imported, where, in_command in app_imports()
        if importer in MAY_IMPORT and not in_command and imported not in MAY_IMPORT[importer]
    ]
    assert not wrong, "\n".join(wrong)


def test_the_apps_import_each_other_in_no_circle():
    graph = {app: set() for app in OUR_APPS}
    for importer, imported, _where, _in_command in app_imports():
        graph[importer].add(imported)
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"Import cycle between apps: {' -> '.join(error.args[1])}")


def test_the_checks_see_a_forbidden_import(tmp_path, monkeypatch):
    """The scan finds imports anywhere in a module, as the layout tests rely on."""
    module = tmp_path / "sample.py"
    module.write_text("import os\n\ndef later():\n    from culture.models import SectionPage\n")
    assert list(imported_apps(module)) == [("culture", 4)]


def test_every_app_is_laid_out_and_its_tests_run():
    """A new app gets its place in the layout, and `make test` collects its tests (pytest only
    looks in the ``testpaths`` of pyproject.toml)."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= OUR_APPS
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]["testpaths"]
    with_tests = {path.parent.name for path in ROOT.glob("*/tests")}
    assert with_tests <= set(testpaths)
