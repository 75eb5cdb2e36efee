"""`make bench`: Chronicle against a floor of one hand-written PostgreSQL query per page, at scale, on loopback.

See `python -m bench --help` and docs/benchmarks.md.
"""
