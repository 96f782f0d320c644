"""One module per ``cbadiff`` subcommand; each exposes ``add_parser(subparsers)``."""
