"""Sign-in attempts from one network address, across accounts.

django-axes locks an account only at the address the failures came from (so a stranger cannot
lock staff out everywhere); this counts the failures of all accounts at one address, so that
someone trying many accounts from one place is stopped too.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from core.visitors import client_ip


def network_throttled(request):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(
        ip_address=client_ip(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.LOGIN_NETWORK_FAILURE_LIMIT


def refuse_network(request, username):
    """Answers this sign-in with django-axes' lockout page (AxesMiddleware renders it), saying
    that the address, not the account, is held back."""
    request.axes_locked_out = True
    request.axes_credentials = {"username": username}
    request.sign_in_network_throttled = True
