"""The indicators this app declares for apps that do not depend on it: membership
(``members``) and villages (``organizations``). Other apps declare theirs in their own
``indicators.py``."""

from . import membership, villages  # noqa: F401  (importing registers them)
