"""The survey's forms: parse and check what the learner sent (training/feedback.py
records it). Every question is optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.models.feedback import COMMENT_MAX_LENGTH

SCALE_ERROR = _("Choose a number from 1 to 5.")


def scale_field(label, *, low, high) -> forms.TypedChoiceField:
    """1 to 5, the ends named; radios in a fieldset whose legend is the question."""
    return forms.TypedChoiceField(
        label=label,
        choices=[
            (1, low),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, high),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": SCALE_ERROR},
    )


def confidence_field(label):
    return scale_field(
        label, low=_("1: not at all confident"), high=_("5: very confident")
    )


class FeedbackBeforeForm(forms.Form):
    confidence_before = confidence_field(
        _(
            "How confident are you that you could recognise the signs of CSEC and "
            "know what to do?"
        )
    )


class FeedbackAfterForm(forms.Form):
    usefulness = scale_field(
        _("How useful was this module?"),
        low=_("1: not useful"),
        high=_("5: very useful"),
    )
    confidence_after = confidence_field(
        _(
            "How confident are you now that you could recognise the signs of CSEC "
            "and know what to do?"
        )
    )
    comment = forms.CharField(
        label=_("Anything you would like to tell us?"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        # Trainers read comments without a name; young people are among the
        # learners, and a comment is no place to ask for help.
        help_text=_(
            "Don't write your name or anything that could identify you or someone "
            "else. If you need help now, the hotlines are at the top of every page."
        ),
        error_messages={
            "max_length": _(
                "Keep your comment to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            )
        },
    )
