"""Give every attempt submitted before question outcomes existed its outcome rows.

Grading is re-done from the frozen questions and saved answers (all-or-nothing,
as quizzes/grading.py grades), inlined so this migration never changes when the
grading code does. first_try: the earliest submitted attempt of each learner
(account or anonymous key) at each quiz and purpose.
"""

from django.db import migrations

BATCH = 2000


def _owner(attempt):
    return (
        ("user", attempt.user_id) if attempt.user_id else ("key", attempt.anonymous_key)
    )


def backfill(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    QuestionOutcome = apps.get_model("quizzes", "QuestionOutcome")
    ChoicePick = apps.get_model("quizzes", "ChoicePick")
    done = set(
        QuestionOutcome.objects.filter(attempt__isnull=False).values_list(
            "attempt_id", flat=True
        )
    )
    seen = set()
    outcomes, picks = [], []

    def flush():
        created = QuestionOutcome.objects.bulk_create(outcomes)
        ChoicePick.objects.bulk_create(
            ChoicePick(outcome=outcome, choice_id=choice_id)
            for outcome, choice_ids in zip(created, picks, strict=True)
            for choice_id in choice_ids
        )
        outcomes.clear()
        picks.clear()

    attempts = Attempt.objects.filter(
        submitted_at__isnull=False, score__isnull=False
    ).order_by("submitted_at", "pk")
    for attempt in attempts.iterator(chunk_size=BATCH):
        learner = (_owner(attempt), attempt.quiz_id, attempt.purpose)
        first_try = learner not in seen
        seen.add(learner)
        if attempt.pk in done:
            continue
        for question in attempt.questions:
            selected = set(attempt.answers.get(str(question["id"]), []))
            key = {c["id"] for c in question["choices"] if c["correct"]}
            outcomes.append(
                QuestionOutcome(
                    attempt_id=attempt.pk,
                    quiz_id=attempt.quiz_id,
                    purpose=attempt.purpose,
                    question_id=question["id"],
                    topic=question.get("topic", ""),
                    correct=bool(selected) and selected == key,
                    attempt_score=attempt.score,
                    first_try=first_try,
                    submitted_at=attempt.submitted_at,
                )
            )
            picks.append(sorted(selected))
        if len(outcomes) >= BATCH:
            flush()
    if outcomes:
        flush()


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0006_question_outcomes"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
