"""Data files: the category lexicon, icons, stylesheets and the bundled sample agreements."""
