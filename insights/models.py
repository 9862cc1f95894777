"""Insights read other apps' records. Of their own they keep only what the
anonymous purge would otherwise lose (counts and scores that name no one), and
an unmanaged model that carries the permission to read them."""

from django.db import models


class Insights(models.Model):
    class Meta:
        managed = False
        default_permissions = ("view",)
        verbose_name = "trainer insights"
        verbose_name_plural = "trainer insights"

    def __str__(self) -> str:
        return "trainer insights"


class AnonymousActivity(models.Model):
    """Anonymous sessions' module starts and completions, counted by day.

    An anonymous session's records are deleted 30 days after its last step;
    the purge first adds them here, as counts that name no one, so a year's
    reach still counts the young people who learned without an account.
    Starts have no language (opening a lesson records none): their rows hold "".
    """

    day = models.DateField()
    module = models.ForeignKey(
        "training.TrainingModulePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(max_length=10, blank=True)
    starts = models.PositiveIntegerField(default=0)
    completions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "module", "language"], name="one_activity_count_per_day"
            )
        ]
        verbose_name_plural = "anonymous activity"

    def __str__(self) -> str:
        return f"{self.day}: {self.starts} starts, {self.completions} completions"


class ArchivedGain(models.Model):
    """One purged anonymous session's first pre-test and first final quiz score
    for a module: kept, without the session, for the knowledge-gain report."""

    module = models.ForeignKey(
        "training.TrainingModulePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_submitted_at = models.DateTimeField(db_index=True)
    pre_score = models.DecimalField(max_digits=4, decimal_places=1)
    post_score = models.DecimalField(max_digits=4, decimal_places=1)

    def __str__(self) -> str:
        return f"{self.pre_score} -> {self.post_score}"


class ArchivedTopicGain(models.Model):
    """Answers right out of answered, per topic, on both sides of an ArchivedGain."""

    gain = models.ForeignKey(
        ArchivedGain, on_delete=models.CASCADE, related_name="topics"
    )
    topic = models.CharField(max_length=40)
    pre_right = models.PositiveSmallIntegerField()
    pre_total = models.PositiveSmallIntegerField()
    post_right = models.PositiveSmallIntegerField()
    post_total = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return self.topic
