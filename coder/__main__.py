"""Run the command line: `python -m coder`."""

from coder.cli import main

main()
