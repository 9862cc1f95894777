"""Who may read insights: CAC trainers and reviewers (insights.view_insights).

Learners and organisation managers never reach the admin; a staff member
without the permission gets Wagtail's "permission denied".
"""

from wagtail.permission_policies import ModelPermissionPolicy

from insights.models import Insights

insights_permission = ModelPermissionPolicy(Insights)


def can_view_insights(user) -> bool:
    return insights_permission.user_has_permission(user, "view")
