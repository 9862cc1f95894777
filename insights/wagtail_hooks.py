"""Insights in the Wagtail admin: the reports' URLs, their menu, and the
figures on the admin's home page."""

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from insights.access import can_view_insights
from insights.reports import feedback, knowledge_gain, question_quality, reach

REPORTS = (reach, knowledge_gain, question_quality, feedback)


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [pattern for report in REPORTS for pattern in report.urlpatterns]


class InsightsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_view_insights(request.user)


@hooks.register("register_admin_menu_item")
def register_insights_menu():
    items = [item for report in REPORTS for item in report.menu_items()]
    return InsightsSubmenu(
        "Insights",
        Menu(items=items),
        icon_name="table",
        name="insights",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_insights_panels(request, panels):
    if not can_view_insights(request.user):
        return
    from insights.dashboard import InsightsPanel

    panels.insert(0, InsightsPanel(request=request))
