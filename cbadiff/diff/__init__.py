"""Word-level diffs of aligned blocks, and the changes a reader reviews.

Peers of :mod:`cbadiff.align`: they take blocks alignment has paired and never diff whole
documents (diff-match-patch over a 300-page pair takes minutes and floods the reader with
renumbering noise).
"""
