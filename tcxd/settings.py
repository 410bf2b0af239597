"""TCXD settings: one module, read from the environment (``TCXD_*``).

Every variable is listed in ``.env.example``. SQLite under ``var/`` is the default database;
PostgreSQL is selected with ``TCXD_DATABASE_URL``.
"""

from __future__ import annotations

import os
import secrets
import sys
import warnings
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default or [])


TESTING = "pytest" in sys.modules
VAR_DIR = Path(os.environ.get("TCXD_VAR_DIR", BASE_DIR / "var"))
DEBUG = env_bool("TCXD_DEBUG")

SECRET_KEY = os.environ.get("TCXD_SECRET_KEY", "")
if not SECRET_KEY:
    if TESTING:
        SECRET_KEY = "tcxd-tests-only-not-secret"
    elif DEBUG:
        SECRET_KEY = secrets.token_urlsafe(50)
        warnings.warn("TCXD_SECRET_KEY is not set: using a random key (DEBUG only)", stacklevel=1)
    else:
        raise ImproperlyConfigured("TCXD_SECRET_KEY must be set when TCXD_DEBUG is off.")

ALLOWED_HOSTS = env_list("TCXD_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if DEBUG or TESTING:
        ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    else:
        raise ImproperlyConfigured("TCXD_ALLOWED_HOSTS must be set when TCXD_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("TCXD_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "django_htmx",
    "template_partials",
    "ninja",
    "axes",
    "tcxd.core",
    "tcxd.accounts",
    "tcxd.audit",
    "tcxd.rules",
    "tcxd.organizations",
    "tcxd.members",
    "tcxd.indicators",
    "tcxd.admissions",
    "tcxd.staffing",
    "tcxd.meetings",
    "tcxd.reviews",
    "tcxd.directives",
    "tcxd.votes",
    "tcxd.news",
    "tcxd.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tcxd.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tcxd.urls"
WSGI_APPLICATION = "tcxd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tcxd.core.context_processors.site",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("TCXD_DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        if config["ENGINE"].endswith("sqlite3"):
            config["OPTIONS"] = _sqlite_options()
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "tcxd.sqlite3",
        "OPTIONS": _sqlite_options(),
        "TEST": {"NAME": os.environ.get("TCXD_SQLITE_TEST_NAME") or None},
    }


def _sqlite_options() -> dict:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing with "database is locked" mid-way.
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
        ),
    }


DATABASES = {"default": _database()}

# Each server process keeps its own cache in memory. The indicators keep ~50 entries per
# dashboard viewed (docs/indicators.md): Django's default of 300 entries would evict the
# city's figures after a few communes' pages. A deployment with several processes that
# wants one cache for all (and one wrong-code counter per vote) sets a shared backend here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: after AXES_FAILURE_LIMIT failed sign-ins for one user name, the account is
# locked for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("TCXD_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("TCXD_LOGIN_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "tcxd.accounts.views.locked"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The lock is on the account (user name), not on the address: rotating addresses must not
# give an attacker more tries at one account.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

SESSION_COOKIE_AGE = int(os.environ.get("TCXD_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TCXD_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tcxd.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: checked for size and type before they are parsed (members/importers.py).
TCXD_IMPORT_MAX_BYTES = int(os.environ.get("TCXD_IMPORT_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TCXD_SITE_NAME = os.environ.get("TCXD_SITE_NAME", "TCXD")
# The address of the site as users reach it ("https://tcxd.example.gov.vn"), for links in
# e-mails (the daily task digest); empty: the links are paths only.
TCXD_SITE_URL = os.environ.get("TCXD_SITE_URL", "").rstrip("/")

# Mail: printed on the console unless an SMTP server is given (the demo prints its mail).
EMAIL_HOST = os.environ.get("TCXD_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("TCXD_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("TCXD_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("TCXD_EMAIL_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("TCXD_EMAIL_USE_SSL")  # port 465; else STARTTLS unless turned off
    EMAIL_USE_TLS = env_bool("TCXD_EMAIL_USE_TLS", not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("TCXD_EMAIL_FROM", "TCXD <tcxd@localhost>")
TCXD_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TCXD_LOG_LEVEL", "WARNING")},
}
