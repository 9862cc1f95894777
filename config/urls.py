from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from accounts.confirm import ConfirmEmailReturningView
from accounts.views import RateLimitedLoginView
from audiences import serving as page_serving
from audiences import views as search_views
from translations.views import switch_language

# The database unreachable (PostgreSQL restarting) answers the site's 503 page.
handler500 = "config.db_unavailable.server_error"

urlpatterns = [
    path(
        "admin/login/", RedirectView.as_view(url="/accounts/login/", query_string=True)
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The language switcher posts here: a cookie (and the account) remembers it.
    path("i18n/setlang/", switch_language, name="set_language"),
]

# Every page and learner view in English at the URL it always had, and in Spanish
# and Portuguese under /es/ and /pt/ (certificates printed before stay valid).
urlpatterns += i18n_patterns(
    path("accounts/login/", RateLimitedLoginView.as_view(), name="account_login"),
    path(
        "accounts/confirm-email/<str:key>/",
        ConfirmEmailReturningView.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/my-data/", account_views.my_data, name="my_data"),
    path("accounts/delete/", account_views.delete_account, name="delete_account"),
    path("accounts/", include("allauth.urls")),
    path("search/", search_views.search, name="search"),
    path("quizzes/", include("quizzes.urls")),
    path("", include("organisations.urls")),
    path("", include("training.urls")),
    # Pages: Wagtail's serve view with its lookups cached (audiences/serving.py).
    re_path(r"^((?:[\w\-]+/)*)$", page_serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    # First, or the page catch-all above would answer /media/ paths.
    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
