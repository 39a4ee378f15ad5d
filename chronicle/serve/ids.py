"""Document ids in URL paths, whatever their characters: `../x`, `a/b`, `?`, `#`, `%`, `.`.

Ids are kept as ingested (often file paths), so the document page is
`/documents/<id>` with the id's `/` kept as the path's own separators: readable links, and
the links of the first release still work. Browsers, though, rewrite paths before sending
them: a segment `.` or `..` (or its escapes `%2e`, `.%2E`, ...) is resolved away, so
`/documents/a/../b` would ask for `/documents/b` and `/documents/..` for `/`. Proxies may
also merge `//` or drop a trailing `/`.

So each `/`-separated segment of the id is written as follows:
- a segment made of dots only, or empty, gets three more dots (`..` is written `.....`,
  an empty one `...`), which no browser or proxy touches; a path segment of three dots or
  more is read back with three fewer;
- every other segment is percent-encoded whole (`?` `#` `%` spaces, `\\`, unicode), its
  dots left as they are: a segment with anything beside dots is never a dot segment.

The server reads the path as sent (ASGI `raw_path`), so an encoded `%2F` stays inside
its segment and `..` sent by a client that does not normalise (curl --path-as-is) is
read as the two dots it is. Ids with a segment of dots only, sent raw by other clients,
must use this encoding; every other id may also be sent percent-encoded whole.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from starlette.requests import Request

STUFFING = "..."  # added to segments of dots only


def encode(doc_id: str) -> str:
    """The id as path segments (no leading slash) that every browser sends unchanged."""
    return "/".join(_encode_segment(segment) for segment in doc_id.split("/"))


def _encode_segment(segment: str) -> str:
    if segment.strip(".") == "":
        return segment + STUFFING
    return quote(segment, safe="")


def decode(path: str) -> str:
    """The id of a path tail made by `encode` (percent escapes still in it)."""
    return "/".join(_decode_segment(unquote(segment, errors="strict"))
                    for segment in path.split("/"))


def _decode_segment(segment: str) -> str:
    if len(segment) >= len(STUFFING) and segment.strip(".") == "":
        return segment[len(STUFFING):]
    return segment


def requested_id(request: Request, prefix: str, routed: str) -> str:
    """The document id the client asked for on a `{prefix}{id:path}` route.

    `routed` is what the router decoded (where `%2F` and `/` look alike); the raw path,
    when the server gives it, tells them apart.
    """
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes | bytearray):
        try:
            text = bytes(raw).split(b"?", 1)[0].decode("utf-8")
            at = text.find(prefix)
            if at >= 0:
                return decode(text[at + len(prefix):])
        except UnicodeDecodeError:
            pass  # not UTF-8 (escaped or not): take the router's reading
    return "/".join(_decode_segment(segment) for segment in routed.split("/"))
