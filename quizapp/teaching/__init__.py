"""Teaching: a teacher's classes, question sets, assignments and results.

- ``views``: the teacher's pages under ``/teach`` (blueprint ``teacher``).
- ``classes``: classes and join codes.
- ``question_sets``: a teacher's ordered selections of one source's questions.
- ``assignments``: a set given to a class, answered in attempts.
- ``results``: grades, item analysis, the class's retention chart, the grades CSV.
- ``curation``: a teacher's edits of generated questions, and retiring them.
- ``forms``: the forms of those pages.
"""
