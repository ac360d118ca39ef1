"""Settings for the test suite: the real settings, with a test key and fast password hashing.

DATABASE_URL is honoured as everywhere else, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from gr_portal.settings import *  # noqa: F403
from gr_portal.settings import STORAGES

SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
# Tests sign in with force_login; tests/gr_portal/test_twofactor.py switches the second factor on.
TWO_FACTOR_REQUIRED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come straight from the app and project folders; no collectstatic in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
