"""Uncached server time of every public page, now beside an earlier revision, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_compare \\
        .venv/bin/python bench/compare.py --rounds 2 --repeat 20

Checks the earlier revision (--baseline, by default the main of 2 December 2026 on which issue 11
measured "today's" time) out into a temporary git worktree and runs that revision's own
bench/pages.py there, then this tree's bench/pages.py with the public page cache off, both at 1x
on the same PostgreSQL with the same interpreter, taking turns --rounds times so that a change in
the machine's load falls on both. Prints per page the median of the rounds' medians before and
now, their ratio, and whether it is at most --target (issue 11: a third). Each run makes its own
test database beside DATABASE_URL's and drops it, as bench/pages.py does.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: main as it stood when issue 11 was filed (the last commit before its work).
BASELINE = "a0a2f1c"


def run_pages(folder: Path, database_url: str, repeat: int, extra: list[str]) -> dict[str, float]:
    """bench/pages.py of the tree in `folder` at 1x: page label → median ms."""
    command = [sys.executable, "bench/pages.py", "--scale", "1", "--repeat", str(repeat), *extra]
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, check=True
    ).stdout
    return parse_table(out)


def parse_table(out: str) -> dict[str, float]:
    """The rows of bench/pages.py's table, by the header's column names."""
    medians: dict[str, float] = {}
    header: list[str] | None = None
    for line in out.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] == "page":
            header = cells
            continue
        if header is None or set(cells[0]) <= {"-", ":"}:
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            medians[row["page"]] = float(row["median ms"])
        except (KeyError, ValueError):
            continue  # a skipped page
    return medians


def database_url_for(base: str, suffix: str) -> str:
    head, _, name = base.rpartition("/")
    return f"{head}/{name}_{suffix}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="the earlier revision")
    parser.add_argument("--rounds", type=int, default=2, help="turns of (earlier, now)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--target", type=float, default=1 / 3, help="ratio to reach")
    options = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (test databases are made beside it).")

    worktree = Path(tempfile.mkdtemp(prefix="grp-baseline-")) / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(worktree), options.baseline],
        cwd=ROOT,
        check=True,
    )
    before: dict[str, list[float]] = {}
    now: dict[str, list[float]] = {}
    try:
        for number in range(1, options.rounds + 1):
            print(f"Round {number}: {options.baseline}...", file=sys.stderr, flush=True)
            for label, ms in run_pages(
                worktree, database_url_for(url, "before"), options.repeat, []
            ).items():
                before.setdefault(label, []).append(ms)
            print(f"Round {number}: this tree...", file=sys.stderr, flush=True)
            for label, ms in run_pages(
                ROOT, database_url_for(url, "now"), options.repeat, ["--cache", "off"]
            ).items():
                now.setdefault(label, []).append(ms)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT)

    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"1x data, PostgreSQL, {os.cpu_count()} CPUs; medians of {options.rounds} rounds of "
        f"{options.repeat} requests; before: {options.baseline}, now: {revision} (and changes "
        "not committed), the public page cache off"
    )
    print()
    print("| page | before ms | now ms | now / before | at most 1/3 |")
    print("|---|---:|---:|---:|---|")
    met = 0
    pages = [label for label in before if label in now and label != "bare Django view"]
    for label in ["bare Django view", *pages]:
        if label not in before or label not in now:
            continue
        old, new = statistics.median(before[label]), statistics.median(now[label])
        ratio = new / old if old else float("nan")
        verdict = (
            "" if label == "bare Django view" else ("yes" if ratio <= options.target else "no")
        )
        met += verdict == "yes"
        print(f"| {label} | {old:.1f} | {new:.1f} | {ratio:.2f} | {verdict} |")
    print()
    print(f"{met} of {len(pages)} pages at most {options.target:.2f} of their earlier time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
