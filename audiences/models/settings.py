"""Site settings trainers edit: the hotlines and the quick-exit target."""

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

phone_validator = RegexValidator(
    r"^[0-9A-Za-z +().,-]{3,40}$",
    "Use digits, spaces, dashes, brackets or a leading +, e.g. 1-800-792-5200.",
)


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Hotlines and the quick-exit target, shown on every public page."""

    dcf_hotline = models.CharField(
        "DCF Child-at-Risk Hotline",
        max_length=40,
        default="1-800-792-5200",
        validators=[phone_validator],
    )
    trafficking_hotline = models.CharField(
        "National Human Trafficking Hotline",
        max_length=40,
        default="888-373-7888",
        validators=[phone_validator],
    )
    trafficking_text_number = models.CharField(
        "Trafficking Hotline text number",
        max_length=20,
        default="233733",
        validators=[phone_validator],
    )
    trafficking_text_keyword = models.CharField(
        "Word to text", max_length=20, default="HELP"
    )
    crisis_line = models.CharField(
        "Suicide & Crisis Lifeline",
        max_length=20,
        default="988",
        validators=[phone_validator],
    )
    cac_name = models.CharField(
        "CAC name",
        max_length=120,
        default="Children's Advocacy Center of Bristol County",
    )
    cac_phone = models.CharField(
        "CAC phone",
        max_length=40,
        default="508-674-6111",
        validators=[phone_validator],
    )
    cac_phone_extension = models.CharField(
        "CAC extension", max_length=10, blank=True, default="113"
    )
    quick_exit_url = models.URLField(
        "Quick-exit destination",
        default="https://www.weather.gov/",
        help_text="A neutral site the quick-exit button opens instead of this one.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("dcf_hotline"),
                FieldPanel("trafficking_hotline"),
                FieldPanel("trafficking_text_number"),
                FieldPanel("trafficking_text_keyword"),
                FieldPanel("crisis_line"),
            ],
            heading="Hotlines",
        ),
        MultiFieldPanel(
            [
                FieldPanel("cac_name"),
                FieldPanel("cac_phone"),
                FieldPanel("cac_phone_extension"),
            ],
            heading="CAC contact",
        ),
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = "Safety settings"

    # Every public page shows these numbers: keep them out of the per-request
    # queries. Saving clears this process's copy (all of them with a shared
    # cache); other processes with a local cache catch up within the timeout.
    CACHE_SECONDS = 60

    @staticmethod
    def cache_key(site_id) -> str:
        return f"safety-settings:{site_id}"

    @classmethod
    def cached_for_request(cls, request) -> "SafetySettings":
        site = Site.find_for_request(request)
        key = cls.cache_key(site.pk if site else None)
        found = cache.get(key)
        if found is None:
            found = cls.for_site(site) if site else cls()
            cache.set(key, found, cls.CACHE_SECONDS)
        return found

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
