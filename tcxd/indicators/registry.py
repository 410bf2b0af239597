"""The indicator registry: every figure a dashboard or a review shows, by code.

Each app declares its indicators in ``tcxd/<app>/indicators.py`` with :func:`register`;
``IndicatorsConfig.ready()`` imports those modules in the order of ``INSTALLED_APPS``
(the membership and village indicators are declared by this app, in ``membership.py`` and
``villages.py``, since their data belongs to apps that do not depend on this one).

An indicator is computed for the subtree rooted at an organization over a :class:`Period`
(``compute``), or for each organization directly below in one query (``by_child``).
Indicators that share a query read it through :func:`shared`: inside ``with batch():`` the
result of a shared query is kept for the rest of the block, so a dashboard that shows 40
indicators runs a handful of statements, not 80. :func:`kept` also keeps it *between*
requests, in Django's cache, under a data stamp that changes whenever the figures can
change (:func:`app_stamp`: the apps' recorded writes and their tables' last ids).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
from collections.abc import Callable, Hashable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tcxd.organizations.models import Organization

    from .periods import Period


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("percent")
    RATIO = "ratio", _("ratio")
    DAYS = "days", _("days")


Value = int | Decimal | None  # None = not computable (e.g. a share of zero)


@dataclasses.dataclass(frozen=True)
class Indicator:
    code: str
    label: Any  # gettext_lazy: English msgid, Vietnamese in the catalogue
    unit: Unit
    app: str
    group: Any  # gettext_lazy: section title on the dashboard
    compute: Callable[[Organization, Period], Value]
    by_child: Callable[[Organization, Period], dict[int, Value]]
    higher_is_better: bool | None = True
    help: Any = ""

    def __str__(self) -> str:
        return str(self.label)


_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add an indicator; registering the same code twice with another definition is a bug."""
    existing = _REGISTRY.get(indicator.code)
    if existing is not None and existing != indicator:
        raise ValueError(f"indicator {indicator.code!r} is already registered")
    _REGISTRY[indicator.code] = indicator
    return indicator


def unregister(code: str) -> None:
    """Remove an indicator (tests that register their own)."""
    _REGISTRY.pop(code, None)


def get(code: str) -> Indicator:
    return _REGISTRY[code]


def all_indicators() -> list[Indicator]:
    """In registration order: app order, then declaration order."""
    return list(_REGISTRY.values())


# --- shared queries --------------------------------------------------------------------

_batch: contextvars.ContextVar[dict[Hashable, Any] | None] = contextvars.ContextVar(
    "indicator_batch", default=None
)

T = TypeVar("T")


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Keep the results of shared queries until the block ends (one page, one report).

    Nested blocks share the outer cache. Outside a block every call runs its query.
    """
    if _batch.get() is not None:
        yield
        return
    token = _batch.set({})
    try:
        yield
    finally:
        _batch.reset(token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from earlier in the same :func:`batch`."""
    cache = _batch.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[no-any-return]


def has_shared(key: Hashable) -> bool:
    cache = _batch.get()
    return cache is not None and key in cache


# --- kept between requests while the data is unchanged --------------------------------

CACHE_SECONDS = 900


def cross_request(
    key: tuple[Any, ...],
    compute: Callable[[], Any] | None,
    stamp: Callable[[], tuple[Any, ...]],
) -> Any:
    """``compute()`` kept in the cache (between requests) under ``key`` and ``stamp()``, the
    data stamp of everything the value depends on; with ``compute`` None, only a lookup.
    Off in tests (unless ``TCXD_INDICATOR_CACHE``): a rolled-back test database gives the
    next test the same ids for different data."""
    if getattr(settings, "TESTING", False) and not getattr(settings, "TCXD_INDICATOR_CACHE", False):
        return compute() if compute is not None else None
    digest = hashlib.sha1(repr(("tcxd.indicators", *key, *stamp())).encode()).hexdigest()
    name = f"tcxd.indicators.{digest}"
    value = cache.get(name)
    if value is None and compute is not None:
        value = compute()
        cache.set(name, value, CACHE_SECONDS)
    return value


def kept(key: tuple[Any, ...], compute: Callable[[], T], *apps: str) -> T:
    """``compute()`` shared in the batch (:func:`shared`) and kept between requests while
    the data of ``apps`` (app labels) is unchanged and the day is the same
    (:func:`app_stamp`). A recorded meeting empties the meeting figures only."""
    return shared(key, lambda: cross_request(key, compute, lambda: app_stamp(*apps)))


# Every indicator may depend on the tree (founding, dissolution, villages) and the rules.
STAMPED_ALWAYS = ("organizations", "rules")


def app_stamp(*apps: str) -> tuple[Any, ...]:
    """A value that changes whenever data of ``apps`` (and of organizations and rules) can
    have changed:

    - today's date (overdue tasks and slots, running periods);
    - for each write action of those apps in the audit log (``audit.choices``: every
      action but the reads), the last entry's id: the services record every change, also
      edits and deletions, which a table's last id would not show;
    - each of the apps' tables' last id (rows added without the services: bulk loads;
      membership events, which rebuild the member's periods with new ids), except the
      tables a read fills (``derived_on_read``: the monthly tallies, the stage history).
    """
    stamps = _all_stamps()
    return (timezone.localdate(), *(stamps[label] for label in sorted({*apps, *STAMPED_ALWAYS})))


def _all_stamps() -> dict[str, tuple[Any, ...]]:
    """Every app's part of the stamp, read once per batch in one statement of index seeks
    (the audit log's index ``(action, id)``, the tables' primary keys)."""

    def query() -> dict[str, tuple[Any, ...]]:
        from django.apps import apps as registry

        from tcxd.audit.choices import write_actions
        from tcxd.audit.models import AuditEntry

        quote = connection.ops.quote_name
        audit = quote(AuditEntry._meta.db_table)
        parts: list[str] = []
        params: list[str] = []
        owners: list[str] = []
        labels = sorted(c.label for c in registry.get_app_configs() if c.name.startswith("tcxd."))
        for label in labels:
            for action in write_actions((label,)):
                parts.append(f"(SELECT MAX(id) FROM {audit} WHERE action = %s)")
                params.append(action)
                owners.append(label)
            for model in registry.get_app_config(label).get_models():
                pk = model._meta.pk
                if getattr(model, "derived_on_read", False) or not isinstance(
                    pk, models.AutoField | models.BigAutoField
                ):
                    continue
                parts.append(f"(SELECT MAX({quote(pk.column)}) FROM {quote(model._meta.db_table)})")
                owners.append(label)
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            row = cursor.fetchone()
        found: dict[str, list[Any]] = {label: [] for label in labels}
        for owner, value in zip(owners, row, strict=True):
            found[owner].append(value)
        return {label: tuple(values) for label, values in found.items()}

    return shared(("stamps",), query)


# --- value helpers ---------------------------------------------------------------------

HUNDREDTH = Decimal("0.01")


def share(part: int | None, whole: int | None) -> Value:
    """``part`` as a percentage of ``whole``, to two decimals; None when whole is 0."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def ratio(part: Value, whole: Value) -> Decimal | None:
    if part is None or whole is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
