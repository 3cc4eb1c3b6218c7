from wagtail.contrib.forms.models import FormSubmission

from core.retention import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Delete the answers sent with forms once they are older than the retention period "
        "(FORM_SUBMISSION_RETENTION_DAYS). Run it daily, e.g. from cron."
    )
    retention_setting = "FORM_SUBMISSION_RETENTION_DAYS"
    what = "form submission(s)"

    def purge(self, cutoff):
        deleted, _by_model = FormSubmission.objects.filter(submit_time__lt=cutoff).delete()
        return deleted
