from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.core.signals import request_finished

        from .hit_counts import flush_if_due
        from .search_index import connect_signals

        connect_signals()
        request_finished.connect(flush_if_due, dispatch_uid="search.hit_counts.flush_if_due")
