"""Site-wide, editor-managed settings.

Wagtail's settings models cannot be translated by wagtail-localize, so the language-neutral
values (e-mail, phone, social links) are a setting and the texts are a translatable snippet.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField


@register_setting(icon="site")
class ContactSettings(BaseGenericSetting):
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("telegram_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details and social links")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("Telegram", self.telegram_url),
        ]
        return [(name, url) for name, url in links if url]


@register_snippet
class OrganisationDetails(TranslatableMixin, models.Model):
    """The organisation's name, address and opening hours, in each language."""

    name = models.CharField(_("organisation name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    footer_text = models.TextField(
        _("footer text"), blank=True, help_text=_("A sentence or two shown at the foot of every page.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("footer_text"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tagline"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation details")
        verbose_name_plural = _("organisation details")

    def __str__(self):
        return self.name

    @classmethod
    def for_active_locale(cls):
        """This language's texts, or the default language's until they are translated."""
        return (
            cls.objects.filter(locale=Locale.get_active()).first()
            or cls.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )
