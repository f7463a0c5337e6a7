"""``python -m question_bank``: the same as the ``question-bank`` command."""

import sys

from question_bank.cli import main

sys.exit(main())
