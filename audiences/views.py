import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from wagtail.models import Page

from audiences.models import StandardPage
from audiences.page_tree import exclude_unpublished_branches
from training.canonical import active_locale_id
from training.models import LessonPage, TrainingModulePage

# Long queries are cut, not parsed: the search backend's work grows with length.
MAX_QUERY_LENGTH = 200
SEARCHABLE_TYPES = (TrainingModulePage, LessonPage, StandardPage)
# Words only: quotes, brackets and operators are search-engine syntax (an odd
# quote is an SQLite FTS5 error), and NUL is refused by PostgreSQL.
NOT_A_WORD = re.compile(r"[^\w\s'-]|\x00")


def clean_query(raw: str) -> str:
    return " ".join(NOT_A_WORD.sub(" ", raw[:MAX_QUERY_LENGTH]).split())


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        # Only the visitor's language: /es/search/ finds Spanish pages.
        pages = (
            Page.objects.live()
            .public()
            .type(*SEARCHABLE_TYPES)
            .filter(locale_id=active_locale_id())
        )
        results = exclude_unpublished_branches(pages).specific().search(query)
    try:
        page = Paginator(results, 10).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
    except DatabaseError:
        # Whatever the backend could not parse: say so, never a 500.
        context = {"query": query, "results": [], "unsearchable": True}
        return render(request, "audiences/search.html", context, status=400)
    return render(request, "audiences/search.html", {"query": query, "results": page})
