import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared builders

from store.store_support import db_url, new_db, store  # noqa: E402, F401
