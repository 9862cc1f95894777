"""Trainer insights: the admin dashboard and the reports a CAC gives its funders
(reach, knowledge gain, question quality, learner feedback).

Reads only: it depends on training, quizzes and organisations, and nothing
depends on it. Figures are computed in the database; about youth they are only
ever aggregates, and a cell over fewer than 5 learners is not shown.
"""
