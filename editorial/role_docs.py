"""docs/roles.md, written from the declaration in editorial.roles.

``manage.py apply_roles --docs > docs/roles.md`` writes it; editorial/tests/test_roles.py checks
that the file in the repository is what the declaration gives."""

import textwrap

from django.apps import apps as global_apps

from .role_migration import model_permissions
from .roles import EDITORIAL_REVIEW_TASK, ROLES

INTRODUCTION = f"""\
# Roles: who may do what in the admin

<!-- Written from editorial/roles.py by `manage.py apply_roles --docs > docs/roles.md`.
     Change the roles there, not here: a test checks that this file matches. -->

Everybody who works in the admin (`/admin/`) belongs to one of the groups below, which are the
roles. A person may belong to more than one group and then has the rights of all of them.
Superusers (the demo login `admin`) may do everything and belong to no group.

Every change to a page, in any language, goes through the "Editorial review" workflow: the
author submits it, and a member of the reviewers of its "{EDITORIAL_REVIEW_TASK}" task approves it
(which publishes it) or requests changes with a comment. Nobody publishes by any other route
without the right to publish.

The rights are declared in `editorial/roles.py`. To change a role, change it there and run
`manage.py apply_roles` (`manage.py apply_roles --check` first shows what would change); then
regenerate this file and add a migration that calls `apply_roles`, so that every other database
follows. Rights given to these groups by hand in the admin (Settings → Groups) are taken away
again the next time the roles are applied: for special cases, make another group.
"""


def _permission_name(dotted):
    app_label, codename = dotted.split(".", 1)
    known = model_permissions(global_apps, app_label).get(codename)
    if known:
        return known[0]
    # Made by a data migration (wagtail-localize's "submit translation"), not by a model.
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    return permission.name if permission else ""


def _item(dotted):
    name = _permission_name(dotted)
    return f"`{dotted}` ({name})" if name else f"`{dotted}`"


def role_markdown(role):
    lines = [f"## {role.name}", ""]
    for paragraph in role.description.split("\n\n"):
        lines += [textwrap.fill(paragraph, width=99), ""]
    lines += ["Exactly these rights:", ""]
    for tree, codenames in role.pages:
        rights = ", ".join(_item(f"wagtailcore.{codename}") for codename in codenames)
        lines.append(f"- Pages, on {tree}: {rights}.")
    if role.media:
        rights = ", ".join(_item(dotted) for dotted in role.media)
        lines.append(f"- Images and documents, in every collection: {rights}.")
    for task in role.reviews:
        lines.append(f'- Reviewer in the workflow task "{task}".')
    if role.permissions:
        lines.append("- Not tied to a page or collection:")
        lines += [f"  - {_item(dotted)}" for dotted in sorted(set(role.permissions))]
    lines.append("")
    return "\n".join(lines)


def roles_markdown(roles=ROLES):
    return INTRODUCTION + "\n" + "\n".join(role_markdown(role) for role in roles)
