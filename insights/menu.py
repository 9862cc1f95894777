"""The admin's Insights menu: shown only to those who may read insights."""

from wagtail.admin.menu import MenuItem

from insights.access import can_view_insights


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_insights(request.user)
