"""`chronicle serve`: the web app on a local port. Parse, build the app, run uvicorn.

`register(cli)` adds the command to the main group. SIGTERM and Ctrl-C stop the server at
once: the running queries are cancelled first (serve/limits.py), so uvicorn's wait for
open requests is short.
"""

from __future__ import annotations

import ipaddress
import sys
from types import FrameType
from typing import Any

import click

from chronicle.cli.store import db_option
from chronicle.errors import ChronicleError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address serves the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar="CHRONICLE_TOKEN", metavar="TOKEN",
              help="Enable POST /api/documents for requests sending 'Authorization: Bearer "
                   "TOKEN' (env CHRONICLE_TOKEN). Without it the server is read-only.")
@click.option("--max-body", type=click.IntRange(min=1), default=5, show_default=True,
              metavar="MB", help="Refuse request bodies larger than this many megabytes.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              metavar="SECONDS", help="Store time one request may take; a longer one is "
                                      "stopped and answered 503.")
@click.option("--cache", "cache_mb", type=click.IntRange(min=0), default=64,
              show_default=True, metavar="MB",
              help="Keep answers (while the store stays the same) up to this many megabytes; "
                   "0 keeps none.")
def serve(db: str, host: str, port: int, token: str | None, **limits: Any) -> None:
    """Serve the store at DB as web pages and a JSON API (schema at /openapi.json)."""
    from chronicle.serve import LOOPBACK_HOSTS, create_app
    from chronicle.serve.limits import Limits

    local = is_loopback(host)
    try:
        app = create_app(db, token=token, max_body=limits["max_body"] * 1024 * 1024,
                         allowed_hosts=(*LOOPBACK_HOSTS, host) if local else None,
                         limits=Limits(query_seconds=limits["timeout"],
                                       cache_mb=limits["cache_mb"]))
    except ChronicleError as exc:
        click.echo(f"chronicle: {exc}", err=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    mode = "writes need the token" if token else "read-only"
    click.echo(f"chronicle: serving {db} at http://{shown}:{port}/ ({mode}); Ctrl-C stops",
               err=True)
    if not local and not token:
        click.echo("chronicle: listening beyond this machine: anyone who can reach the port "
                   "can read the store", err=True)
    run(app, host, port)


def run(app: Any, host: str, port: int) -> None:
    """uvicorn, told to cancel the app's queries as soon as a stop signal arrives."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            app.state.traffic.close("the server is stopping")
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, timeout_graceful_shutdown=5)
    Server(config).run()


def register(group: click.Group) -> None:
    """Add `serve` to the `chronicle` group."""
    group.add_command(serve)
