from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from audiences.models import StandardPage
from training.models import LessonPage, TrainingModulePage

# Long queries are cut, not parsed: the search backend's work grows with length.
MAX_QUERY_LENGTH = 200
SEARCHABLE_TYPES = (TrainingModulePage, LessonPage, StandardPage)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .type(*SEARCHABLE_TYPES)
            .specific()
            .search(query)
        )
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "audiences/search.html", {"query": query, "results": page})
