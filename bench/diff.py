"""Time of the word diff (gr_portal.core.textdiff) on long texts, beside difflib unbounded.

    .venv/bin/python bench/diff.py --words 2000 10000 20000

For each length it compares a GR-like text (paragraphs of Dutch function words and numbered
terms) with an edited copy (one word in a hundred changed) and with a different text of the
same kind, and prints the median time of the portal's diff and, up to --unbounded-max words, of
difflib's SequenceMatcher over the same tokens as the portal used it before (autojunk off, the
whole text at once): the audit's F1. No database, no Django setup.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gr_portal.core.textdiff import tokenize, word_diff

COMMON = ["de", "het", "een", "van", "en", "in", "raad", "college", "regeling", "artikel"]


def gr_text(words: int, seed: int) -> str:
    rng = random.Random(seed)
    out = []
    for index in range(words):
        out.append(rng.choice(COMMON) if rng.random() < 0.6 else f"term{rng.randint(0, 4000)}")
        if index % 80 == 79:
            out.append("\n\n")
    return " ".join(out)


def edited(text: str, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for index in range(0, len(words), 100):
        words[rng.randrange(index, min(index + 100, len(words)))] = "gewijzigd"
    return " ".join(words)


def unbounded(old: str, new: str) -> None:
    matcher = difflib.SequenceMatcher(None, tokenize(old), tokenize(new), autojunk=False)
    matcher.get_opcodes()


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 10000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--unbounded-max", type=int, default=5000, help="words; it is slow")
    options = parser.parse_args(argv)
    print("| words | pair | portal diff ms | difflib whole text ms |")
    print("|---:|---|---:|---:|")
    for words in options.words:
        old = gr_text(words, 1)
        for label, new in (("edited copy", edited(old, 2)), ("different text", gr_text(words, 3))):
            ours = median_ms(lambda old=old, new=new: word_diff(old, new), options.repeat)
            if words <= options.unbounded_max:
                theirs = f"{median_ms(lambda old=old, new=new: unbounded(old, new), 1):,.0f}"
            else:
                theirs = "not run"
            print(f"| {words:,} | {label} | {ours:,.0f} | {theirs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
