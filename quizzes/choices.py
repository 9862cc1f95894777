"""Fixed choice lists for quizzes."""

from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "true_false", "True / false"
    SCENARIO = "scenario", "Scenario (a case, then single or multiple choice)"


class Topic(models.TextChoices):
    # Values are the GIFT $CATEGORY names, so imports map without a table.
    DEFINITIONS = "definitions", "Definitions"
    RISK_FACTORS = "risk factors", "Risk factors"
    INDICATORS = "indicators", "Indicators"
    FIRST_RESPONDER = "first-responder duties", "First-responder duties"
    MANDATED_REPORTING = "mandated reporting", "Mandated reporting"


class ReviewPolicy(models.TextChoices):
    AFTER_EACH = "after_each", "After each submission"
    AFTER_PASSING = "after_passing", "Only after passing"
    NEVER = "never", "Never"


class AttemptPurpose(models.TextChoices):
    FINAL = "final", "Final assessment"
    PRETEST = "pretest", "Pre-test"
