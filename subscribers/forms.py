from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.form_guards import CONSENT_FIELD, HONEYPOT_FIELD, consent_field, honeypot_field
from core.models import Area


def consent_text():
    """What a subscriber agrees to, in their language; stored word for word."""
    return gettext(
        "I agree that the Baltic Region association keeps my e-mail address, language and "
        "chosen areas to send me its newsletter, until I leave the list."
    )


def area_choices(language=None):
    """(slug, name) of the live areas, named in ``language`` where translated. The slug is the
    same in every language (a synchronised field), so it names the English row that is stored."""
    language = language or get_language()
    areas = Area.objects.filter(
        live=True, locale__language_code__in={settings.LANGUAGE_CODE, language}
    )
    names = {}
    for area in areas.select_related("locale").order_by("name"):
        if area.locale.language_code == language or area.slug not in names:
            names[area.slug] = area.name
    return sorted(names.items(), key=lambda choice: choice[1])


def english_areas(slugs):
    return Area.objects.filter(locale__language_code=settings.LANGUAGE_CODE, slug__in=slugs)


class AreasField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Areas of interest"),
            required=False,
            help_text=_("Choose none to hear about everything."),
            **kwargs,
        )
        self.choices = area_choices


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,  # the longest address SMTP allows (RFC 5321)
        help_text=_("We send a link to confirm here."),
    )
    areas = AreasField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "newsletter-%s")
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = honeypot_field()
        self.fields[CONSENT_FIELD] = consent_field(consent_text())


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    areas = AreasField()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, language, areas (slugs separated by spaces or commas), "
            "confirmed or confirmed_at, consent. Only rows marked confirmed are imported."
        ),
    )
    source = forms.CharField(
        label=_("Where the list comes from"),
        max_length=150,
        help_text=_("E.g. the old mailing list of the Tampere group."),
    )


class FooterForm(forms.Form):
    """The address only: the areas are chosen on the subscribe page it leads to, which keeps
    the footer short on a phone (and its markup free of the areas' lookup)."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "footer-newsletter-%s")
        super().__init__(*args, **kwargs)
