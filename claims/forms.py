"""Forms of the curation admin: the claim review form (with its stale-form guard) and actions."""

from __future__ import annotations

from django import forms
from django.contrib.admin import site as admin_site
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.curation import (
    StaleEdit,
    TransitionError,
    can_move,
    check_not_stale,
    transition_path,
    unit_conflict_message,
    units_conflict,
)
from claims.models import Claim, Measure, Speaker, SpeakerLink

ALLOW_UNIT_MISMATCH = gettext_lazy("Assign although the units differ")
ALLOW_UNIT_MISMATCH_HELP = gettext_lazy(
    "Only when the figure's unit was misread; the override is recorded in the claim's history."
)


class ClaimReviewForm(forms.ModelForm):
    """The admin's claim form: refuses a save made from a form opened before someone else's."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    allow_unit_mismatch = forms.BooleanField(
        label=ALLOW_UNIT_MISMATCH, help_text=ALLOW_UNIT_MISMATCH_HELP, required=False
    )

    # Form fields that are not the claim's own: never a reason to write a new version.
    NOT_CLAIM_FIELDS = frozenset({"loaded_version", "allow_unit_mismatch"})

    class Meta:
        model = Claim
        fields = [
            "article",
            "speaker",
            "speaker_text",
            "measure",
            "value",
            "lower",
            "upper",
            "qualifier",
            "unit",
            "counted",
            "quote",
            "start",
            "end",
            "status",
            "extraction_method",
            "confidence",
            "note",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Evidence is kept byte for byte: Django strips text fields by default, which would
        # rewrite a quote (or a name) with its spaces and line breaks on any save, even a no-op.
        for form_field in self.fields.values():
            if isinstance(form_field, forms.CharField):
                form_field.strip = False
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            status = self.fields.get("status")
            if status is not None:
                # Offer only where the workflow allows this claim to go.
                current = self.instance.status
                status.choices = [
                    (value, label)
                    for value, label in status.choices
                    if value == current or can_move(current, value)
                ]

    def clean(self) -> dict:
        cleaned = super().clean()
        claim = self.instance
        if claim.pk:
            self._check_not_stale(claim, cleaned.get("loaded_version"))
            status = cleaned.get("status")
            if status and "status" in self.changed_data:
                try:
                    transition_path(self.initial.get("status", claim.status), status)
                except TransitionError as error:
                    self.add_error("status", str(error))
        article, start, end = cleaned.get("article"), cleaned.get("start"), cleaned.get("end")
        quote = cleaned.get("quote")
        spanned = {"article", "start", "end", "quote"} & set(self.changed_data)
        complete = article and start is not None and end is not None and quote
        if complete and spanned and (start >= end or article.body[start:end] != quote):
            self.add_error(
                "quote",
                _(
                    "The quote must be the article's text from %(start)s to %(end)s: "
                    "that text is “%(text)s”."
                )
                % {"start": start, "end": end, "text": article.body[start:end][:200]},
            )
        measure, unit = cleaned.get("measure"), cleaned.get("unit") or ""
        unit_touched = {"measure", "unit"} & set(self.changed_data)
        allowed = cleaned.get("allow_unit_mismatch")
        if measure and unit_touched and not allowed and units_conflict(unit, measure.unit):
            probe = Claim(quote=quote or claim.quote, unit=unit)
            self.add_error("measure", unit_conflict_message([probe], measure))
        return cleaned

    @property
    def claim_changes(self) -> set[str]:
        """The claim's own fields this form changes (empty: a save writes nothing)."""
        return set(self.changed_data) - self.NOT_CLAIM_FIELDS

    def _check_not_stale(self, claim: Claim, loaded: int | None) -> None:
        if loaded is None:
            raise ValidationError(_("This form has no version: reload the claim and edit again."))
        try:
            check_not_stale(claim, loaded)
        except StaleEdit as stale:
            change = stale.change
            rows = format_html_join(
                "", "<li><b>{}</b>: {} → {}</li>", ((f, old, new) for f, old, new in change.fields)
            )
            when = (
                change.when.strftime("%Y-%m-%d %H:%M:%S UTC")
                if change.when
                else _("an unknown time")
            )
            raise ValidationError(
                format_html(
                    _(
                        "Not saved: {} changed this claim at {} (version {} → {}) after you "
                        "opened it. Their change:<ul>{}</ul>Nothing you typed was written. Reload "
                        "the claim to see it as it is now, then make your change again."
                    ),
                    change.user or _("someone"),
                    when,
                    stale.loaded,
                    stale.current,
                    rows or format_html("<li>{}</li>", _("(no field visible here changed)")),
                ),
                code="stale",
            ) from stale


class MeasureFromClaimsForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=300,
        help_text=gettext_lazy("The question the figures answer."),
    )
    unit = forms.CharField(
        label=gettext_lazy("unit"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("people, aircraft, km …"),
    )
    period = forms.CharField(
        label=gettext_lazy("period"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("e.g. May 2020"),
    )
    description = forms.CharField(
        label=gettext_lazy("description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    allow_unit_mismatch = forms.BooleanField(
        label=ALLOW_UNIT_MISMATCH, help_text=ALLOW_UNIT_MISMATCH_HELP, required=False
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Measure.objects.filter(name=name).exists():
            raise ValidationError(_("A measure of this name exists: use “assign measure” instead."))
        return name


class AssignMeasureForm(forms.Form):
    measure = forms.ModelChoiceField(
        label=gettext_lazy("measure"),
        queryset=Measure.objects.all(),
        widget=AutocompleteSelect(Claim._meta.get_field("measure"), admin_site),
    )
    allow_unit_mismatch = forms.BooleanField(
        label=ALLOW_UNIT_MISMATCH, help_text=ALLOW_UNIT_MISMATCH_HELP, required=False
    )


class MergeSpeakersForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        label=gettext_lazy("keep"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "The others are merged into this one: their claims and aliases move to it."
        ),
    )

    def __init__(self, *args, speakers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = speakers


class LinkSpeakersForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("note"),
        required=False,
        help_text=gettext_lazy("Which outlets use which name, and why they are kept apart."),
    )


class SpeakerLinkForm(forms.ModelForm):
    """A link entered by hand: the pair is stored lower id first, whichever way it was typed."""

    class Meta:
        model = SpeakerLink
        fields = ["first_speaker", "second_speaker", "relation", "note"]

    def clean(self) -> dict:
        cleaned = super().clean()
        a, b = cleaned.get("first_speaker"), cleaned.get("second_speaker")
        if a and b:
            if a.pk == b.pk:
                raise ValidationError(_("A speaker cannot be linked to itself."))
            if a.pk > b.pk:
                cleaned["first_speaker"], cleaned["second_speaker"] = b, a
        return cleaned
