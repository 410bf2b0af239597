"""Forms of the editors' pages: they parse; the services decide (sanitising included)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

DATETIME_FORMAT = "%d/%m/%Y %H:%M"


class ArticleForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    title = forms.CharField(label=_("Title"), max_length=255)
    slug = forms.CharField(
        label=_("Address"),
        max_length=120,
        required=False,
        help_text=_("Letters without diacritics and dashes; empty: made from the title."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "js-richtext"}),
        help_text=_(
            "Headings, bold, italics, lists, links and the article's images. Anything else "
            "(scripts, styles, other sites' images) is removed when saved."
        ),
    )
    byline = forms.CharField(label=_("Byline"), max_length=120, required=False)
    lead_caption = forms.CharField(
        label=_("Caption of the lead image"), max_length=255, required=False
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=[DATETIME_FORMAT],
        widget=forms.DateTimeInput(
            format=DATETIME_FORMAT, attrs={"placeholder": "dd/mm/yyyy HH:MM"}
        ),
        help_text=_("Empty: as soon as it is published. A later time: it appears by itself then."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_of(cls, article: Article) -> dict[str, Any]:
        return {
            "category": article.category_id,
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": article.body,
            "byline": article.byline,
            "lead_caption": article.lead_caption,
            "publish_at": article.publish_at,
            "version": article.version,
        }


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ImageForm(forms.Form):
    file = forms.FileField(label=_("Image"))
    alt = forms.CharField(
        label=_("What the image shows"),
        max_length=255,
        required=False,
        help_text=_("For readers who cannot see it; also the caption of a lead image."),
    )
    as_lead = forms.BooleanField(label=_("Use as the lead image"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=255, required=False)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.CharField(label=_("Address"), max_length=80, required=False)
    description = forms.CharField(label=_("Description"), max_length=255, required=False)


class ConferenceDraftForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
