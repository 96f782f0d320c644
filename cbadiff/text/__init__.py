"""Text normalisation and tokenising shared by alignment, diffing and numbers (no project imports
besides the standard library)."""
