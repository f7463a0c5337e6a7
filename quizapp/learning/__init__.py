"""Learning: what a learner does every day, and how it is scheduled and scored.

- ``views``: the learner's pages (blueprint ``learner``): dashboard, daily quiz, result
  and rating, the document view, statistics, joining a class, answering an assignment.
- ``answering``: the one answer function the quiz page, the assignment page and the API
  call: the rule, grading, the attempt's rules, recording once.
- ``scheduling``: FSRS cards and today's queue; recording an answer's review.
- ``study``: the sources a learner studies, and their choices about them.
- ``optimizing``: the learner's own FSRS parameters, fitted on their reviews in a queue
  worker, adopted when they predict the held-out latest reviews better.
- ``scoring``: date-aware grading of an answer and its FSRS rating.
- ``hints``: what a typed answer must give, with an example of each era.
- ``stats``: the numbers behind the progress pages; ``charts``: their SVG charts.
- ``forms``: the answer, rating and join-code forms.
"""
