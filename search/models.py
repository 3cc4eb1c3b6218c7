from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query


class SearchTerm(models.Model):
    """What visitors search for in one language, and whether they found anything.

    Wagtail's own query log (``Query`` with daily hits) counts terms across languages and not
    their results; this tells editors which searches in which language come back empty."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="search_terms")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    searches = models.PositiveIntegerField(_("searches"), default=0)
    searches_without_results = models.PositiveIntegerField(_("searches without results"), default=0)
    last_result_count = models.PositiveIntegerField(_("results last time"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), default=timezone.now)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "locale"], name="unique_search_term_per_locale"
            )
        ]

    def __str__(self):
        return self.query.query_string
