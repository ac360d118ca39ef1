"""The portal's password check: Django's, except that the demo password never opens an account
while DEBUG is off (security audit F14). Accounts made by `create_demo_accounts` in development
(perhaps once against the production database) then simply cannot log in, on the portal's login
or the back office's."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

#: The password of the accounts made by `manage.py create_demo_accounts` (DEBUG only).
DEMO_PASSWORD = "demo-grportal"


class PortalModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
