"""Print the PostgreSQL URL the test suite should use, or nothing if none answers.

``TCXD_TEST_DATABASE_URL`` wins; otherwise a local server on 127.0.0.1:5432 (user
postgres, the usual Debian trust setup) is tried. With ``TCXD_REQUIRE_POSTGRES=1`` (CI),
finding none is an error.
"""

from __future__ import annotations

import os
import sys

DEFAULT = "postgres://postgres@127.0.0.1:5432/tcxd"


def reachable(url: str) -> bool:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return True
    except psycopg.Error:
        return False


def main() -> int:
    url = os.environ.get("TCXD_TEST_DATABASE_URL") or DEFAULT
    if reachable(url):
        print(url)
        return 0
    if os.environ.get("TCXD_REQUIRE_POSTGRES") == "1":
        print(f"PostgreSQL is required but does not answer at {url}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
