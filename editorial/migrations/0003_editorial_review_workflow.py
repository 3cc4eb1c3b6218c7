"""One workflow, "Editorial review", on the root page: every change to any page of any language
waits for a moderator's approval.

Wagtail's own migration put a "Moderators approval" workflow on the root page; it becomes
"Editorial review" (so any history recorded against it stays), with a moderator review task in
place of Wagtail's plain group approval task.
"""

from django.db import migrations

WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Moderator review"
REVIEWERS = "Moderators"
WAGTAIL_DEFAULT_NAME = "Moderators approval"


def use_only(apps, workflow, task):
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowTask.objects.filter(workflow=workflow).delete()
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def create_editorial_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ModeratorReviewTask = apps.get_model("editorial", "ModeratorReviewTask")

    task = ModeratorReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="editorial", model="moderatorreviewtask"
        )
        task = ModeratorReviewTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.groups.set([Group.objects.get(name=REVIEWERS)])

    root = Page.objects.get(depth=1)
    link = WorkflowPage.objects.filter(page=root).first()
    workflow = link.workflow if link else Workflow.objects.create(name=WORKFLOW_NAME)
    workflow.name = WORKFLOW_NAME
    workflow.active = True
    workflow.save()
    replaced = list(Task.objects.filter(workflow_tasks__workflow=workflow).exclude(pk=task.pk))
    use_only(apps, workflow, task)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    # Wagtail's task goes too, unless something still uses it or has a history with it.
    for old_task in replaced:
        if old_task.workflow_tasks.exists():
            continue
        if old_task.task_states.exists():
            old_task.active = False
            old_task.save(update_fields=["active"])
        else:
            old_task.delete()


def restore_wagtail_default(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ModeratorReviewTask = apps.get_model("editorial", "ModeratorReviewTask")

    task = GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_NAME).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=WAGTAIL_DEFAULT_NAME, content_type=content_type, active=True
        )
    task.active = True
    task.save(update_fields=["active"])
    task.groups.set(Group.objects.filter(name=REVIEWERS))

    for workflow in Workflow.objects.filter(name=WORKFLOW_NAME):
        workflow.name = WAGTAIL_DEFAULT_NAME
        workflow.save(update_fields=["name"])
        use_only(apps, workflow, task)

    # Their table goes when 0001 is reversed; so do their rows, with the reviews done in them.
    ModeratorReviewTask.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_editorial_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_editorial_review, restore_wagtail_default)]
