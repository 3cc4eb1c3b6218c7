from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site in production: request ids and structured logs, the health check,
    a cache that survives Redis outages, Sentry, and the backup/restore commands."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from django.core.signals import request_finished

        from .log import forget_request_id, install_request_id_record_factory

        install_request_id_record_factory()
        request_finished.connect(forget_request_id, dispatch_uid="operations.forget_request_id")
