"""``python -m segmenter``: the same command as the ``segmenter`` console script."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
