from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.forms import AreaTaggedPageForm
from core.listing import paginate, paginate_uncounted
from core.listings_registry import area_listings
from core.models import (
    AreaTaggedMixin,
    HeldInLanguagesMixin,
    Person,
    SectionIndexPage,
    SitePage,
    in_language,
    ready_for_cards,
)
from core.pictures import USES
from core.rendition_rows import load_rendition_rows, rendition_file
from core.structured_data import json_ld_script

from .structured_data import gallery_json_ld


def hero_image_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and in lists."),
    )


class SectionPage(SitePage):
    """One activity area (Culture, Education, Wellness, Journeys, Hobbies) and all it holds."""

    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The area this page presents; its activities, events and galleries are listed."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True)
    image = hero_image_field()
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("area"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("intro"),
        SynchronizedField("area"),
        SynchronizedField("image", overridable=True),
        TranslatableField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["culture.ActivityPage"]
    template = "culture/section_page.html"
    serve_select_related = ("image", "area")
    card_image_field = "image"
    pictures = {"image": ("section_banner", "card", "social_image")}
    browse_when_search_finds_nothing = True

    class Meta:
        verbose_name = _("area page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Paginated: an area may hold hundreds of activities, and a page of cards is what a
        # visitor can take in (and what the page costs to render).
        context["activities"] = paginate(
            request, ActivityPage.objects.child_of(self).live().public().for_cards("schedule")
        )
        context["area_listings"] = area_listings(self.area, self.locale, request)
        ready_for_cards(
            context["activities"].object_list,
            *(listing["items"] for listing in context["area_listings"]),
            shown=self,
        )
        return context


class ActivityPage(HeldInLanguagesMixin, AreaTaggedMixin, SitePage):
    """An activity, course, club or project of an area."""

    image = hero_image_field()
    schedule = models.CharField(
        _("when"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Tuesdays 18:00–19:30, September to May"),
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    leader = models.ForeignKey(
        Person,
        verbose_name=_("led by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    age_group = models.CharField(
        _("for whom"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Children 6–12, adults, families"),
    )
    price = models.CharField(
        _("price"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 40 € per term. Leave empty if it is free."),
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Leave empty if no registration is needed.")
    )
    # By name, not imported: content apps import only core (tests/test_layout.py); the link
    # makes culture's tables depend on events', never the other way round.
    calendar_event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("dates in the events calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A weekly activity's event, whose repeats give its dates: they are then shown "
            "here and reach the calendars. Otherwise describe them under “When”."
        ),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("image"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("calendar_event"),
                FieldPanel("schedule"),
                FieldPanel("place"),
                FieldPanel("age_group"),
                FieldPanel("languages"),
                FieldPanel("price"),
                FieldPanel("registration_url"),
            ],
            heading=_("Practical details"),
        ),
        MultiFieldPanel([FieldPanel("leader"), FieldPanel("contact_person")], heading=_("People")),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("schedule"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.RelatedFields("leader", [index.SearchField("name")]),
        index.RelatedFields("contact_person", [index.SearchField("name")]),
    ]
    translatable_fields = SitePage.translatable_fields + [
        SynchronizedField("image", overridable=True),
        SynchronizedField("areas"),
        # Shown as the event's translation in the page's language (``local_calendar_event``).
        SynchronizedField("calendar_event"),
        TranslatableField("schedule"),
        TranslatableField("place"),
        TranslatableField("age_group"),
        SynchronizedField("languages"),
        TranslatableField("price"),
        SynchronizedField("registration_url"),
        TranslatableField("leader"),
        TranslatableField("contact_person"),
        TranslatableField("body"),
    ]

    parent_page_types = ["culture.SectionPage"]
    subpage_types = []
    template = "culture/activity_page.html"
    serve_select_related = ("image", "leader", "contact_person")
    card_image_field = "image"
    pictures = {"image": ("page_image", "card", "social_image")}

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    @cached_property
    def local_leader(self):
        return in_language([self.leader], self.locale_id)[0]

    @cached_property
    def local_contact_person(self):
        return in_language([self.contact_person], self.locale_id)[0]

    @cached_property
    def local_calendar_event(self):
        """The linked event in this page's language (else in its own), if it is live, with its
        repeats and dates."""
        if self.calendar_event_id is None:
            return None
        events = (
            self._meta.get_field("calendar_event")
            .related_model.objects.live()
            .public()
            .filter(
                translation_key__in=Page.objects.filter(pk=self.calendar_event_id).values(
                    "translation_key"
                )
            )
            .prefetch_related("repeats", "occurrences")
        )
        by_locale = {event.locale_id: event for event in events}
        return by_locale.get(self.locale_id) or next(iter(by_locale.values()), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_activities"] = list(
            ActivityPage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .for_cards("schedule")[:3]
        )
        ready_for_cards(context["related_activities"], shown=self)
        return context


# The gallery viewer's large image by format ("jpeg": "format-jpeg|max-1600x1200"): the link to
# the JPEG, and the other formats the viewer's script offers first.
VIEWER_SPECS = {
    spec.partition("|")[0].removeprefix("format-"): spec
    for spec in USES["gallery_viewer"].filter_specs
}


def gallery_listing(galleries):
    """Live, public galleries newest first, with what their cards show loaded up front."""
    return galleries.live().public().for_cards("date").order_by("-date", "-id")


def latest_galleries_of_area(area, locale, request, count=4):
    return list(gallery_listing(GalleryPage.in_area(area).filter(locale=locale))[:count])


class GalleryIndexPage(SectionIndexPage):
    subpage_types = ["culture.GalleryPage"]
    template = "culture/gallery_index_page.html"

    class Meta:
        verbose_name = _("gallery list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        galleries = paginate_uncounted(request, gallery_listing(GalleryPage.objects.child_of(self)))
        ready_for_cards(galleries.object_list)
        context["galleries"] = galleries
        return context


class GalleryPageForm(AreaTaggedPageForm):
    add_images_from = forms.ModelChoiceField(
        queryset=Collection.objects.all(),
        required=False,
        label=_("Add all images of a collection"),
        help_text=_(
            "After uploading many images at once into a collection, pick it here and save: its "
            "images are added to the end of the album, in upload order. Their descriptions "
            "become the alternative text; check each one."
        ),
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        collection = self.cleaned_data.get("add_images_from")
        if collection:
            page.add_images_from_collection(collection)
        if commit:
            page.save()
        return page


class GalleryPage(AreaTaggedMixin, SitePage):
    """An album of images; captions and alternative texts are translated, images are shared."""

    date = models.DateField(_("date"), help_text=_("When the photos were taken."))
    cover_image = hero_image_field()
    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = GalleryPageForm
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("cover_image"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("intro"),
        FieldPanel("add_images_from"),
        InlinePanel("gallery_images", label=_("Image"), heading=_("Images")),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("gallery_images", [index.SearchField("caption")]),
    ]
    translatable_fields = SitePage.translatable_fields + [
        SynchronizedField("date"),
        SynchronizedField("cover_image", overridable=True),
        SynchronizedField("areas"),
        TranslatableField("intro"),
        TranslatableField("gallery_images"),
    ]

    parent_page_types = ["culture.GalleryIndexPage"]
    subpage_types = []
    template = "culture/gallery_page.html"
    serve_select_related = ("cover_image",)
    card_image_field = "cover_image"
    pictures = {
        "cover_image": ("card", "social_image"),
        "gallery_images.image": ("gallery_thumbnail", "gallery_viewer"),
    }

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")
        # Newest first, read backwards: an area's latest four walk it instead of sorting them all.
        indexes = [models.Index(fields=["date", "page_ptr"], name="gallery_by_date")]

    def add_images_from_collection(self, collection):
        present = {item.image_id for item in self.gallery_images.all()}
        next_order = len(present)
        images = (
            get_image_model()
            .objects.filter(collection=collection)
            .exclude(id__in=present)
            .order_by("created_at", "id")
        )
        new_items = []
        for offset, image in enumerate(images):
            new_items.append(
                GalleryImage(
                    image=image,
                    alt_text=image.description,
                    sort_order=next_order + offset,
                    locale_id=self.locale_id,
                )
            )
        self.gallery_images.add(*new_items)
        return len(new_items)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(self.gallery_images.select_related("image"))
        # Only the renditions shown, as rows: an image has dozens from its other uses, and
        # building each as an instance cost more than the rest of the page.
        load_rendition_rows(
            [item.image for item in items],
            {
                spec
                for use in self.pictures["gallery_images.image"]
                for spec in USES[use].filter_specs
            },
        )
        for item in items:
            # The viewer's image in each format, from the rows: no rendition instances.
            item.viewer = {
                name: rendition_file(item.image, spec) for name, spec in VIEWER_SPECS.items()
            }
        context["gallery_items"] = items
        context["json_ld"] = json_ld_script(gallery_json_ld(self, request, items))
        return context


class GalleryImage(TranslatableMixin, Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    translatable_fields = [
        SynchronizedField("image", overridable=True),
        TranslatableField("alt_text"),
        TranslatableField("caption"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("gallery image")
        unique_together = [("translation_key", "locale")]
