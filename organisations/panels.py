"""The learner's side of assignments: on My training, what each organisation
assigned, who assigned it, when it is due and where the learner stands."""

from organisations.selectors.assignments import user_assignments
from training.canonical import in_active_language
from training.dashboard_panels import register_my_training_panel


@register_my_training_panel
def assigned_training(request) -> dict | None:
    rows = user_assignments(user=request.user)
    if not rows:
        return None
    modules = in_active_language([row.assignment.module for row in rows])
    return {
        "template": "organisations/dashboard/my_training_panel.html",
        "context": {"assigned": list(zip(rows, modules, strict=True))},
    }
