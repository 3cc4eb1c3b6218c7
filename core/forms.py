"""Admin forms shared by the page types of several apps."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class AreaTaggedPageForm(WagtailAdminPageForm):
    """The "Areas" checkboxes offer only the areas of the page's own language (for a new page,
    the language of the page it is added under), not "Culture, Kulttuuri, Культура, …"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["areas"]
        # A page being previewed before it is first saved has no language yet: its parent's.
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        field.queryset = field.queryset.filter(locale_id=locale_id)
        field.error_messages["invalid_choice"] = _("Choose only areas in the language of the page.")
        if not self.is_bound and self.instance.pk:
            # A translation is synchronised with its source's areas: they are shown (and saved)
            # as the same areas in this page's language.
            self.initial["areas"] = field.queryset.filter(
                translation_key__in=[area.translation_key for area in self.initial.get("areas", [])]
            )
