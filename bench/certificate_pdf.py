"""Time certificate PDF rendering: median and p90 over 20 renders. Run by hand:

    DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python bench/certificate_pdf.py

Renders the real template with the real fetcher and default certificate settings.
Needs no database: the certificate and its settings are built in memory.
"""

import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from training.certificates.codes import code_generate  # noqa: E402
from training.certificates.pdf import (  # noqa: E402
    CertificateDocument,
    render_certificate_pdf,
)
from training.models import CertificateSettings  # noqa: E402

RUNS = 20


def main() -> None:
    code = code_generate()
    document = CertificateDocument(
        printed_name="Jordan Q. Public",
        module_title="Recognizing and reporting CSEC: a guide for mandated reporters",
        issued_on=date.today(),
        ce_hours=Decimal("1.5"),
        score=Decimal("92.5"),
        expires_on=date(date.today().year + 2, 1, 31),
        code="-".join(code[i : i + 4] for i in range(0, 32, 4)),
        verify_url=f"https://training.example.org/certificates/verify/{code}/",
    )
    options = CertificateSettings(
        signatory_name="Pat Director",
        signatory_title="Executive Director",
        ce_statement="Approved for 1.5 contact hours.",
    )

    started = time.perf_counter()
    pdf = render_certificate_pdf(document, site=None, options=options)
    cold = time.perf_counter() - started

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_certificate_pdf(document, site=None, options=options)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"certificate PDF, {RUNS} renders ({len(pdf):,} bytes each)")
    print(f"  first (cold):  {cold * 1000:7.1f} ms")
    print(f"  median:        {statistics.median(timings) * 1000:7.1f} ms")
    print(f"  p90:           {p90 * 1000:7.1f} ms")
    print(f"  min / max:     {timings[0] * 1000:.1f} / {timings[-1] * 1000:.1f} ms")
    verdict = "OK" if statistics.median(timings) < 0.5 else "SLOW"
    print(f"  target: median < 500 ms -> {verdict}")


if __name__ == "__main__":
    main()
