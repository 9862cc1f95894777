"""The rules every question must meet, shared by the admin form and the GIFT import."""

from quizzes.choices import QuestionKind


def question_rule_errors(
    *, kind: str, case_text: str, correct_flags: list[bool]
) -> list[str]:
    """Plain-language problems with one question; empty when it is valid."""
    errors = []
    correct = sum(correct_flags)
    if len(correct_flags) < 2:
        errors.append("Give at least two choices.")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
        errors.append(
            "A single-choice or true/false question needs exactly one correct choice "
            f"(this one has {correct})."
        )
    if kind in (QuestionKind.MULTIPLE, QuestionKind.SCENARIO) and correct < 1:
        errors.append("Mark at least one choice correct.")
    if kind == QuestionKind.TRUE_FALSE and len(correct_flags) != 2:
        errors.append("A true/false question has exactly two choices.")
    if kind == QuestionKind.SCENARIO and not (case_text or "").strip():
        errors.append("A scenario question needs its case text.")
    return errors
