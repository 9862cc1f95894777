from django.utils.functional import SimpleLazyObject

from audiences.models import SafetySettings
from audiences.navigation import site_links


def safety(request):
    """`safety`: the hotlines for this site, read from the cache on most requests.

    `links`: the site's named pages by role (about, get_help, privacy,
    request_training, home and each audience), also cached.
    """
    return {
        "safety": SimpleLazyObject(lambda: SafetySettings.cached_for_request(request)),
        "links": SimpleLazyObject(lambda: site_links(request)),
    }
