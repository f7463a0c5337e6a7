"""Learning: what a learner does every day, and how it is scheduled and scored.

- ``views``: the learner's pages (blueprint ``learner``): dashboard, daily quiz, result
  and rating, the document view, statistics, joining a class, answering an assignment.
- ``scheduling``: FSRS cards and today's queue; recording an answer.
- ``scoring``: date-aware grading of an answer and its FSRS rating.
- ``hints``: what a typed answer must give, with an example of each era.
- ``stats``: the numbers behind the progress pages; ``charts``: their SVG charts.
- ``forms``: the answer, rating and join-code forms.
"""
