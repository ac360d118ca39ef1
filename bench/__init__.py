"""Benchmarks: synthetic national-scale data (synthetic.py) and page timings (pages.py).

Run `python bench/pages.py --help`; the figures and how to read them are in docs/benchmarks.md.
"""
