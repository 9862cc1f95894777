from django.core.management.base import BaseCommand, CommandError

from training.certificates.stored import certificate_pdf_refresh
from training.models import Certificate

BATCH = 200  # certificates read at a time: rows are updated as the loop goes


class Command(BaseCommand):
    help = (
        "Render and store the PDF of every certificate whose stored PDF is missing "
        "or no longer prints what the certificate, its settings and the template "
        "would (run after changing the template or a translation). Downloads do "
        "this on demand too; this is to have them all ready."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Render every certificate again, current or not.",
        )

    def handle(self, *args, **options):
        rendered = current = failed = 0
        ids = list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = Certificate.objects.select_related("module").filter(
                pk__in=ids[start : start + BATCH]
            )
            for certificate in batch.order_by("pk"):
                try:
                    changed = certificate_pdf_refresh(certificate, force=options["all"])
                except Exception as error:
                    failed += 1
                    self.stderr.write(f"Certificate {certificate.pk}: {error!r}")
                    continue
                rendered += changed
                current += not changed
        self.stdout.write(
            f"Checked {len(ids)} certificates: {rendered} rendered, "
            f"{current} already current, {failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} certificates could not be rendered.")
