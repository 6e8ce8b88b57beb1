"""Forms of the curation admin: the claim review form (with its stale-form guard) and actions."""

from __future__ import annotations

from django import forms
from django.contrib.admin import site as admin_site
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from claims.curation import TransitionError, changes_since, transition_path
from claims.models import Claim, Measure, Speaker, SpeakerLink


class ClaimReviewForm(forms.ModelForm):
    """The admin's claim form: refuses a save made from a form opened before someone else's."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
            "prefix",
            "suffix",
            "status",
            "extraction_method",
            "confidence",
            "note",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            status = self.fields.get("status")
            if status is not None:
                # Offer only where the workflow allows this claim to go.
                current = self.instance.status
                status.choices = [
                    (value, label)
                    for value, label in status.choices
                    if value == current or _reachable(current, value)
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
                f"The quote must be the article's text from {start} to {end}: "
                f"that text is “{article.body[start:end][:200]}”.",
            )
        return cleaned

    def _check_not_stale(self, claim: Claim, loaded: int | None) -> None:
        if loaded is None:
            raise ValidationError("This form has no version: reload the claim and edit again.")
        # Locked until the admin's transaction ends, so no save slips in between check and write.
        current = (
            Claim.objects.select_for_update().filter(pk=claim.pk).values_list("version", flat=True)
        ).first()
        if current is None or current == loaded:
            return
        change = changes_since(claim, loaded)
        rows = format_html_join(
            "", "<li><b>{}</b>: {} → {}</li>", ((f, old, new) for f, old, new in change.fields)
        )
        raise ValidationError(
            format_html(
                "Not saved: {} changed this claim at {} (version {} → {}) after you opened it. "
                "Their change:<ul>{}</ul>Nothing you typed was written. Reload the claim to "
                "see it as it is now, then make your change again.",
                change.user or "someone",
                change.when.strftime("%Y-%m-%d %H:%M:%S UTC") if change.when else "an unknown time",
                loaded,
                current,
                rows or format_html("<li>{}</li>", "(no field visible here changed)"),
            ),
            code="stale",
        )


def _reachable(current: str, target: str) -> bool:
    try:
        transition_path(current, target)
    except TransitionError:
        return False
    return True


class MeasureFromClaimsForm(forms.Form):
    name = forms.CharField(max_length=300, help_text="The question the figures answer.")
    unit = forms.CharField(max_length=50, required=False, help_text="people, aircraft, km …")
    period = forms.CharField(max_length=100, required=False, help_text="e.g. May 2020")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Measure.objects.filter(name=name).exists():
            raise ValidationError("A measure of this name exists: use “assign measure” instead.")
        return name


class AssignMeasureForm(forms.Form):
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.all(),
        widget=AutocompleteSelect(Claim._meta.get_field("measure"), admin_site),
    )


class MergeSpeakersForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        widget=forms.RadioSelect,
        help_text="The others are merged into this one: their claims and aliases move to it.",
    )

    def __init__(self, *args, speakers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = speakers


class LinkSpeakersForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Which outlets use which name, and why they are kept apart.",
    )


class SpeakerLinkForm(forms.ModelForm):
    """A link entered by hand: the pair is stored lower id first, whichever way it was typed."""

    class Meta:
        model = SpeakerLink
        fields = ["a", "b", "relation", "note"]

    def clean(self) -> dict:
        cleaned = super().clean()
        a, b = cleaned.get("a"), cleaned.get("b")
        if a and b:
            if a.pk == b.pk:
                raise ValidationError("A speaker cannot be linked to itself.")
            if a.pk > b.pk:
                cleaned["a"], cleaned["b"] = b, a
        return cleaned
