"""Fuzz certificate verification: any code or form input gets a clean answer,
never a 500, and looking things up changes nothing."""

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from training.models import Certificate

CLEAN_STATUSES = {200, 302, 400, 404, 429}

codes = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567- ", min_size=20, max_size=60),
    st.just("A" * 5000),
    st.sampled_from(["%00", "../../etc/passwd", "<script>", "' OR 1=1 --", "🙂" * 10]),
)


class CertificateVerifyFuzzTests(TestCase):
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(code=codes, form=st.dictionaries(st.text(max_size=10), codes, max_size=3))
    def test_random_lookups(self, code, form):
        before = list(Certificate.objects.values())
        client = Client()
        path_code = code.replace("/", "").replace("?", "").replace("#", "") or "x"
        responses = [
            client.get(f"/certificates/verify/{path_code}/"),
            client.get("/certificates/verify/", form),
            client.get("/certificates/verify/", {"code": code}),
        ]
        for response in responses:
            self.assertIn(response.status_code, CLEAN_STATUSES)
        self.assertEqual(list(Certificate.objects.values()), before)
