from store_support import PG_SKIP, PG_URL, db_url, new_db, store  # noqa: F401


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say it loudly when the PostgreSQL half of the store tests was skipped."""
    if not PG_URL:
        terminalreporter.write_sep("!", PG_SKIP, yellow=True, bold=True)
