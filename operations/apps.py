from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site in production: request ids and structured logs, the health check,
    a cache that survives Redis outages, Sentry, and the backup/restore commands."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from .log import install_request_id_record_factory

        install_request_id_record_factory()
