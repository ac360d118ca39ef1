"""Settings for GR Portal. Everything that differs between machines comes from the environment.

See README.md ("Configuration") for each variable. With DEBUG off the app refuses to start without
a SECRET_KEY and with an empty ALLOWED_HOSTS.
"""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gr_portal.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development only."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is empty. Set ALLOWED_HOSTS to the comma-separated host names of the portal."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # The API (gr_portal.core.api). DRF and django-filter are used as libraries, not installed
    # as apps: their Dutch catalogues would otherwise outrank Django's own wording in the
    # portal's forms ("Dit veld is vereist." for "Dit veld is verplicht."), and the API needs
    # neither their templates nor their browsable pages.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Bottom to top (README, "Map of the code"): the floor, the three apps, the project's pages.
    "gr_portal.core",
    "councils",
    "decisions",
    "milestones",
    "gr_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The API's CORS headers and API-Version, and its errors as problems, on every answer
    # under /api/, cached or not (gr_portal.core.api.headers).
    "corsheaders.middleware.CorsMiddleware",
    "gr_portal.core.api.headers.ApiMiddleware",
    # Outside the page cache, so that a cached page gets the headers too (and its own nonce).
    "csp.middleware.CSPMiddleware",
    "gr_portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors from the cache, with ETag and 304, before anything
    # compresses them, reads the session or asks the database more (gr_portal.caching).
    "gr_portal.caching.PublicPageCacheMiddleware",
    # Pages, feeds and downloads compressed (static files come compressed from WhiteNoise).
    # Django's GZip pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # At most RENDER_CONCURRENCY requests of a worker rendering at once (not the health check).
    "gr_portal.middleware.RenderLimitMiddleware",
    "gr_portal.middleware.DatabaseFaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gr_portal.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session past its end logged out; request.user.is_verified(), then the second factor
    # asked where the role needs it (gr_portal.accounts).
    "gr_portal.accounts.sessions.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gr_portal.accounts.twofactor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "gr_portal.accounts.backends.PortalModelBackend",
]

# Single sign-on with the organisation's identity provider (OpenID Connect), when configured
# (gr_portal.accounts.oidc): existing accounts only, matched on their e-mail address.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_LOGIN_LABEL = env_str("OIDC_LOGIN_LABEL", "")
LOGIN_REDIRECT_URL_FAILURE = "/account/inloggen/"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("gr_portal.accounts.oidc.PortalOIDCBackend")

ROOT_URLCONF = "gr_portal.urls"
WSGI_APPLICATION = "gr_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gr_portal.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gr_portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections in production, checked before each reuse (a connection broken by a
# database restart is replaced, not used).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No server-side cursors: a form's choices (read with .iterator()) would cost DECLARE, FETCH
# and CLOSE, three round trips instead of one, and they do not survive a pooler such as
# PgBouncer. The portal streams large downloads in chunks of its own (decisions.opendata).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A hard time limit per statement on PostgreSQL (milliseconds; 0: none): a request that would
# hold a worker longer is stopped by the database and answered 503 (gr_portal.middleware),
# well before gunicorn's timeout would kill the worker.
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 0 if DEBUG else 20000)
if DATABASE_STATEMENT_TIMEOUT and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}"
    )

# Background work (a batch of raadsbrieven): django-tasks, the backport of Django 6's
# django.tasks. By default the queue is a table in the portal's own database and
# `manage.py db_worker` runs it: no extra server (make run starts the worker beside the web
# server). With REDIS_URL the queue is Redis (RQ), run by `manage.py rqworker default`, so
# several app servers share one queue. What a job has done is kept in the portal's own tables
# (milestones.LetterBatch), whichever backend runs it.
REDIS_URL = env_str("REDIS_URL")
# The cache of public pages (gr_portal.caching): in the process by default, Redis when
# REDIS_URL is set, so that every app server shares it.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", default=True)
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "gr_portal.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "grportal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 1800}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A letter export for more municipalities than this runs in the background, never inside the
#: web request.
LETTERS_INLINE_LIMIT = env_int("LETTERS_INLINE_LIMIT", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Dutch by default; English when chosen with the language switch (see gr_portal.middleware).
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "grportal_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "home"

# Repeated failed logins are throttled (django-axes): after AXES_FAILURE_LIMIT failures for one
# user name from one address, that combination is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# A lockout ends AXES_COOLOFF_MINUTES after it began: further attempts do not prolong it, so a
# stranger cannot keep a clerk locked out (and with the address in the lock, cannot lock at all).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address behind the portal's own reverse proxies (addresses or networks, comma
# separated): X-Forwarded-For is believed only when it comes from one of them.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
# Staff (programmabureau, griffies, back office) sign in with a second factor: a TOTP app and
# recovery codes (gr_portal.accounts.twofactor); single sign-on users have had theirs.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "GR Portal"
AXES_CLIENT_IP_CALLABLE = "gr_portal.accounts.throttling.client_ip"
# Against guessing one password for many user names: failed logins per address, over all
# names, within the cool-off time (gr_portal.accounts.throttling).
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30)
# Password reset mails: per address and per account within an hour.
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
PASSWORD_RESETS_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_ACCOUNT", 3)

# Password reset e-mails: printed on the console in development, sent by SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GR Portal <noreply@grportal.invalid>")

# The portal's own address, for the links in messages sent by a worker (no request to ask).
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000")
# Following by e-mail (milestones.alerts): how long a confirm link and a manage link work, when
# an unconfirmed subscription is deleted, the subscribe form's limits, and the waits before
# each new attempt when the SMTP server fails.
ALERTS_CONFIRM_HOURS = env_int("ALERTS_CONFIRM_HOURS", 48)
ALERTS_MANAGE_DAYS = env_int("ALERTS_MANAGE_DAYS", 90)
ALERTS_UNCONFIRMED_DAYS = env_int("ALERTS_UNCONFIRMED_DAYS", 7)
ALERTS_SUBSCRIBE_PER_ADDRESS = env_int("ALERTS_SUBSCRIBE_PER_ADDRESS", 10)
ALERTS_SUBSCRIBE_PER_EMAIL = env_int("ALERTS_SUBSCRIBE_PER_EMAIL", 3)
ALERTS_RETRY_SECONDS = [60, 300, 1800, 7200]
ALERTS_LOOKBACK_HOURS = env_int("ALERTS_LOOKBACK_HOURS", 48)
ALERTS_REMINDER_DAYS = env_int("ALERTS_REMINDER_DAYS", 14)

# Sessions: a working day for staff, and they end with the browser.
# Requests of one worker process rendering at once (gr_portal.middleware.RenderLimitMiddleware;
# cached pages and /_healthz/ never wait). One per worker kept the health check at a median of
# 13-20 ms under saturating searches, against 58-100 ms without a limit, at the same searches/s
# (bench/load.py --health, docs/benchmarks.md). 0: no limit.
RENDER_CONCURRENCY = env_int("RENDER_CONCURRENCY", 0 if DEBUG else 1)
RENDER_QUEUE_SECONDS = env_int("RENDER_QUEUE_SECONDS", 20)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The warning before a signed-in session ends (gr_portal.accounts.sessions, WCAG 2.2.1).
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 5 * 60)

# Security. Behind HTTPS in production; each can be relaxed through the environment when a proxy
# terminates TLS in a way Django cannot see.
SESSION_COOKIE_NAME = "grportal_sessionid"
CSRF_COOKIE_NAME = "grportal_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "gr_portal.views.csrf_failure"
# Content-Security-Policy (django-csp): only the portal's own files, scripts and styles with a
# per-request nonce where a template needs one inline (none does today), never 'unsafe-inline';
# no framing, no plugins, forms posting to the portal only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the portal never uses, switched off for it and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check is answered over plain HTTP for load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^_healthz/$"]

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# The host name in the open data feed's tag: URIs (RFC 4151); empty: the request's host.
OPEN_DATA_TAG_AUTHORITY = env_str("OPEN_DATA_TAG_AUTHORITY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; failures and lockouts come at WARNING.
    "filters": {"database_unavailable": {"()": "gr_portal.middleware.DatabaseUnavailableFilter"}},
    "loggers": {
        # A request that failed because the database was gone: one line, not a traceback.
        "django.request": {"filters": ["database_unavailable"]},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every render at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- The open-data API at /api/v1/ (gr_portal.core.api, and each app's api package) ---------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gr_portal.core.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_RATE_LIMIT", "600/minute")},
    "COERCE_DECIMAL_TO_STRING": False,
}
API_CONTACT = {
    "name": env_str("API_CONTACT_NAME", "Programmabureau GR Portal"),
    "email": env_str("API_CONTACT_EMAIL", "opendata@grportal.example.nl"),
    "url": env_str("API_CONTACT_URL", "https://grportal.example.nl/open-data/"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GR Portal open-data API",
    "DESCRIPTION": (
        "Eén regionaal besluit gevolgd door alle raden: vergaderingen, agendapunten, besluiten, "
        "stemmingen, stemmen en uitslagen per fractie in de woorden van VNG's ODS Open "
        "Raadsinformatie (2.0.0-beta.4), en als uitbreiding wat ODS niet kent: gemeenten, "
        "gemeenschappelijke regelingen, trajecten, regionale besluiten met hun tekstversies en "
        "de stap van elk orgaan, mijlpalen en brieven. Alleen wat gepubliceerd is; alleen "
        "lezen; geen sleutel nodig. Elke lijst kent `gewijzigdSinds` voor synchronisatie."
    ),
    "VERSION": "1.0.0",
    "CONTACT": API_CONTACT,
    "LICENSE": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "SERVERS": [{"url": "/api/v1", "description": "Deze portal"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {"UitkomstEnum": "decisions.api.serializers.OUTCOME_CODES"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gr_portal.core.api.schema.add_shared_parts",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# CORS: every origin may read the API, without credentials (no cookies cross over).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["API-Version", "ETag", "Last-Modified", "Retry-After"]
