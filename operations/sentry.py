"""Error reporting to Sentry (or a Sentry-compatible service such as GlitchTip), switched on by
SENTRY_DSN. sentry_sdk is imported only then."""

from .log import current_request_id


def tag_request_id(event, hint):
    """Label each reported error with the request id that is also in the logs and the
    response, so a report can be matched to its log lines."""
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_sentry(dsn, environment, release, traces_sample_rate):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        before_send=tag_request_id,
    )
