"""Line up articles across two agreements, and blocks inside aligned articles.

Peers of :mod:`cbadiff.diff`; they exchange :mod:`cbadiff.model` and :mod:`parsers.model` types
only and never read files.
"""
