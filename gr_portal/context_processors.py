from django.conf import settings
from django.utils.functional import SimpleLazyObject

from councils.access import is_clerk


def roles(request):
    """Role flags for the templates, computed only when a template asks for them, and the
    warning time before a signed-in session ends (base.html, static/js/session.js)."""
    return {
        "user_is_clerk": SimpleLazyObject(lambda: is_clerk(request.user)),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
