"""Template tags for certificates on learner pages."""

from django import template

from training.certificates import ClaimState, claim_state

register = template.Library()


@register.simple_tag(takes_context=True)
def module_certificate_state(context, module, progress=None) -> ClaimState:
    """The learner's certificate for `module` and whether they may claim one now."""
    learner = getattr(context.get("request"), "learner", None)
    if learner is None or not getattr(module, "issues_certificate", False):
        return ClaimState()
    return claim_state(learner=learner, module=module, progress=progress)
