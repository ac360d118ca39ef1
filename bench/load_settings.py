"""Settings for bench/load.py: the production settings, with one bare view beside the pages."""

from gr_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
