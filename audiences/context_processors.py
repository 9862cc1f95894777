from django.utils.functional import SimpleLazyObject

from audiences.models import SafetySettings


def safety(request):
    """`safety`: the hotlines for this site, read from the cache on most requests."""
    return {
        "safety": SimpleLazyObject(lambda: SafetySettings.cached_for_request(request))
    }
