"""When, in the open-data API (extensions to ODS, which has neither): the mijlpalen of the
published processes, and the raadsbrieven as they were exported and published, with their
SHA-256 so that anyone can check a copy. See gr_portal.core.api."""
