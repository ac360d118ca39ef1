from django.utils.functional import SimpleLazyObject

from councils.access import is_clerk


def roles(request):
    """Role flags for the templates, computed only when a template asks for them."""
    return {"user_is_clerk": SimpleLazyObject(lambda: is_clerk(request.user))}
