"""question_bank: turn a document's dated facts into a bank of quiz questions.

A pure library (no web framework): read a document, find its dates and dated facts,
generate questions, and read, write and validate the bank YAML contract.
"""

__version__ = "0.1.0"
