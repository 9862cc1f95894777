"""Admin views for the site's pages: the training requests' submissions listing."""

from wagtail.contrib.forms.views import SubmissionsListView

from config.spreadsheets import FormulaSafeExportMixin


class FormulaSafeSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """Training requests as Wagtail lists them, exported safe to open in Excel."""
