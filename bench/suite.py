"""The test suite's own speed: the whole suite of an earlier commit beside today's, in one run.

    .venv/bin/python bench/suite.py                 # baseline ca69fd1 (1 December 2026)
    .venv/bin/python bench/suite.py --baseline abc123 --database sqlite

Checks the baseline commit out into a temporary git worktree, gives it this tree's built front
end (static/vendor/) and compiled catalogues, and runs the whole suite there with this tree's
virtualenv; then runs the whole suite here; one after the other, on the same machine, with the
same database kind (the embedded SQLite default, or PostgreSQL with --database postgres). Prints
the wall time of each, the tests each ran, and the ratio. Browser tests are included, as in
`make test`. Each suite runs in a fresh process, so neither warms the other's caches.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = ROOT / ".venv" / "bin" / "pytest"
BASELINE = "ca69fd1"  # main before the restructuring (reviews of 1 December 2026)
SUMMARY = re.compile(r"(\d+) passed")


def run_suite(where: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [str(PYTEST), "-q", "-p", "no:cacheprovider"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:] + result.stderr[-2000:])
        raise SystemExit(f"the suite in {where} failed (exit {result.returncode}): {last}")
    return elapsed, last


def prepare_baseline(commit: str, into: Path) -> Path:
    tree = into / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # Build output is not in git: the front end and the compiled catalogues come from here.
    vendor = ROOT / "static" / "vendor"
    if vendor.is_dir():
        shutil.copytree(vendor, tree / "static" / "vendor")
    for compiled in (ROOT / "locale").rglob("*.mo"):
        target = tree / compiled.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(compiled, target)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with")
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="sqlite (the default, as `make test`) or postgres (127.0.0.1:5432, as CI)",
    )
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if args.database == "postgres":
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/grp_bench_suite"
    with tempfile.TemporaryDirectory(prefix="grp-suite-") as scratch:
        baseline = prepare_baseline(args.baseline, Path(scratch))
        try:
            # PYTHONPATH first: the worktree's own packages, not this tree's editable install.
            before, before_line = run_suite(baseline, {**env, "PYTHONPATH": str(baseline)})
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False
            )
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        after, after_line = run_suite(ROOT, {**env, "PYTHONPATH": str(ROOT)})
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"
    )
    print(f"database: {args.database}; load average at end: {os.getloadavg()}")
    print(f"{'suite':<24} {'wall s':>8}  result")
    print(f"{'baseline ' + args.baseline:<24} {before:8.1f}  {before_line}")
    print(f"{'now ' + head + ' (+ working tree)':<24} {after:8.1f}  {after_line}")
    print(f"ratio now/baseline: {after / before:.2f} (target: under 0.50)")


if __name__ == "__main__":
    main()
