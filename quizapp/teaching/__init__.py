"""Teaching: a teacher's classes, question sets, assignments and results.

- ``views``: the teacher's pages under ``/teach`` (blueprint ``teacher``).
- ``classes``: classes, join codes, and the documents a class is given.
- ``question_sets``: a teacher's ordered selections of one source's questions.
- ``assignments``: a set given to a class, answered in attempts.
- ``results``: grades, item analysis, the class's retention chart, the grades CSV.
- ``curation``: the curators' edits of questions and retiring them, and a teacher's own
  version of a question for their sets.
- ``forms``: the forms of those pages.
"""
