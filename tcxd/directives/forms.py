"""Forms of the register, task and work programme pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope, scope_prefixes
from tcxd.core.text import fold
from tcxd.members.forms import DateField
from tcxd.organizations.models import Organization

from . import selectors
from .choices import AssignmentStatus, DocumentStatus, LinkKind, Recurrence, WorkItemStatus
from .models import Document, DocumentType, Issuer, Task
from .references import parse_symbol


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def writable_organizations(user: Any) -> QuerySet[Organization]:
    """Organizations the user may act for (register documents, assign tasks, keep a
    programme): the organizations where a role with ``Action.CHANGE`` is held, the roots
    for an administrator, committees only (not cells)."""
    prefixes = scope_prefixes(user, Action.CHANGE)
    qs = Organization.objects.filter(dissolved_on__isnull=True).select_related("kind")
    if prefixes is None:
        return qs.filter(Q(depth=1) | Q(depth=2)).order_by("path")
    return qs.filter(path__in=prefixes).order_by("path")


def find_by_symbol(user: Any, text: str) -> Document | None:
    """The visible register document with this number-symbol ("29-KH/TU"), the newest
    when several terms have one."""
    parsed = parse_symbol(text, selectors.vocabulary())
    if parsed is None:
        return None
    number, code, issuer = parsed
    return (
        selectors.visible_documents(user)
        .filter(number=number, doc_type__code=code, issuer__code=issuer)
        .order_by("-issued_on")
        .first()
    )


# --- the register -----------------------------------------------------------------------


class NoColonForm(forms.Form):
    """Filters read "Trạng thái", not "Trạng thái:"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DocumentFilterForm(NoColonForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Number-symbol (29-KH/TU) or words of the summary"),
            }
        ),
    )
    doc_type = forms.ModelChoiceField(
        label=_("Type"), queryset=DocumentType.objects.all(), required=False, empty_label=_("All")
    )
    issuer = forms.ModelChoiceField(
        label=_("Issuer code"), queryset=Issuer.objects.all(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DocumentStatus.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1930, max_value=2100)

    def apply(self, documents: QuerySet[Document]) -> QuerySet[Document]:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("doc_type"):
            documents = documents.filter(doc_type=data["doc_type"])
        if data.get("issuer"):
            documents = documents.filter(issuer=data["issuer"])
        if data.get("status"):
            documents = documents.filter(status=data["status"])
        if data.get("year"):
            documents = documents.filter(issued_on__year=data["year"])
        text = (data.get("q") or "").strip()
        if not text:
            return documents
        parsed = parse_symbol(text, selectors.vocabulary())
        if parsed is not None:
            number, code, issuer = parsed
            return documents.filter(number=number, doc_type__code=code, issuer__code=issuer)
        # Words of the summary or the body, accents ignored. The register of one committee
        # holds hundreds to a few thousand documents: folded here, not in a stored column.
        words = fold(text).split()
        rows = documents.values_list("pk", "title", "issuing_body", "number")
        keep = [
            pk
            for pk, title, body, number in rows
            if all(w in f"{fold(title)} {fold(body)} {number}" for w in words)
        ]
        return documents.filter(pk__in=keep)


class DocumentForm(forms.Form):
    doc_type = forms.ModelChoiceField(label=_("Type"), queryset=DocumentType.objects.all())
    number = forms.CharField(label=_("Number"), max_length=12)
    issuer = forms.ModelChoiceField(label=_("Issuer code"), queryset=Issuer.objects.all())
    issued_on = DateField(label=_("Date"))
    term = forms.CharField(
        label=_("Term"),
        max_length=20,
        required=False,
        help_text=_(
            "Documents are numbered from 01 in each term. Empty: from the issuer and the date."
        ),
    )
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)
    title = forms.CharField(label=_("Summary (trích yếu)"), widget=_textarea(3))
    file = forms.FileField(label=_("File"), required=False)

    def data_for_service(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data.get(k)
            for k in ("doc_type", "number", "issuer", "issued_on", "term", "issuing_body", "title")
        }


class RegisterForm(DocumentForm):
    first_page = forms.CharField(
        label=_("Paste the first page of the document"),
        required=False,
        widget=_textarea(8),
        help_text=_(
            "Copy the first page from the PDF or Word file and press “Fill in from the "
            "first page”: the fields below are filled in; check them before saving."
        ),
    )
    organization = forms.ModelChoiceField(
        label=_("Register of"), queryset=Organization.objects.none()
    )
    link_kind = forms.ChoiceField(
        label=_("This document"),
        required=False,
        choices=[("", "—"), *LinkKind.choices],
    )
    link_symbol = forms.CharField(
        label=_("The other document"),
        required=False,
        max_length=40,
        help_text=_("Its number-symbol in the register, e.g. 21-KL/TW."),
    )
    field_order = ["first_page", "organization", "doc_type", "number", "issuer", "issued_on"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = writable_organizations(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, symbol = data.get("link_kind"), (data.get("link_symbol") or "").strip()
        data["link_target"] = None
        if kind and not symbol:
            self.add_error("link_symbol", _("Give the number-symbol of the other document."))
        elif symbol:
            target = find_by_symbol(self.user, symbol)
            if target is None:
                self.add_error(
                    "link_symbol",
                    _("%(symbol)s is not in the register: register it first.") % {"symbol": symbol},
                )
            elif not kind:
                self.add_error("link_kind", _("Say how the documents relate."))
            data["link_target"] = target
        return data


class DocumentEditForm(DocumentForm):
    status = forms.ChoiceField(label=_("Status"), choices=DocumentStatus.choices)
    expired_on = DateField(label=_("No longer in force from"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class LinkForm(NoColonForm):
    kind = forms.ChoiceField(label=_("This document"), choices=LinkKind.choices)
    symbol = forms.CharField(label=_("The other document"), max_length=40)


# --- tasks ------------------------------------------------------------------------------


class OrganizationsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), widget=_textarea(3))
    expected_product = forms.CharField(
        label=_("Expected product"),
        required=False,
        max_length=255,
        help_text=_("E.g. “Báo cáo kết quả”, “Nghị quyết của cấp ủy”."),
    )
    deadline = DateField(
        label=pgettext_lazy("task", "Deadline"),
        help_text=_("For recurring reports: the first one."),
    )
    recurrence = forms.ChoiceField(label=_("Reports"), required=False, choices=Recurrence.choices)
    recurring_until = DateField(label=_("Last report on"), required=False)
    leads = OrganizationsField(label=_("Lead organizations"), queryset=Organization.objects.none())
    coordinating = OrganizationsField(
        label=_("Co-ordinating organizations"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, assigned_by: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        below = scope(
            Organization.objects.filter(
                path__startswith=assigned_by.path, depth__gt=assigned_by.depth
            ),
            user,
            Action.VIEW,
        ).select_related("kind")
        # Any organization below the assigner may be chosen (the service refuses the ones
        # outside it, with its reason): the page offers the children and a search.
        any_org = Organization.objects.select_related("kind")
        self.fields["leads"].queryset = any_org  # type: ignore[attr-defined]
        self.fields["coordinating"].queryset = any_org  # type: ignore[attr-defined]
        self.below = below
        self.assigned_by = assigned_by

    def choices_for(self, name: str) -> list[tuple[Organization, bool]]:
        """The checkboxes to show for ``name``: the children of the assigner that are not
        dissolved, plus whatever was chosen deeper down through the search."""
        today = timezone.localdate()
        chosen = {str(v) for v in (self[name].value() or [])}
        children = list(
            self.below.filter(depth=self.assigned_by.depth + 1)
            .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))
            .order_by("path")
        )
        extra = [
            o
            for o in Organization.objects.filter(pk__in=[c for c in chosen if c.isdigit()])
            .exclude(pk__in=[c.pk for c in children])
            .order_by("path")
        ]
        return [(o, str(o.pk) in chosen) for o in [*children, *extra]]


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100
    )
    text = forms.CharField(label=_("Report"), required=False, widget=_textarea(4))
    file = forms.FileField(label=_("Attached file"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Comments (the reason, when returning)"), required=False, widget=_textarea(3)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignmentFilterForm(NoColonForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("overdue", _("Overdue")), *AssignmentStatus.choices],
    )


# --- work programme ---------------------------------------------------------------------


class WorkItemForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(m, _("Month %(m)s") % {"m": m}) for m in range(1, 13)]],
    )
    quarter = forms.TypedChoiceField(
        label=_("or quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(q, _("Quarter %(q)s") % {"q": q}) for q in range(1, 5)]],
    )
    title = forms.CharField(label=_("Content"), widget=_textarea(3))
    owner = forms.CharField(
        label=_("In charge"),
        max_length=255,
        help_text=_("A department or a person, e.g. “Phòng Tổ chức cơ sở đảng”."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=WorkItemStatus.choices)
    document_symbol = forms.CharField(
        label=_("Document served"),
        required=False,
        max_length=40,
        help_text=_("Its number-symbol in the register, e.g. 29-KH/TU."),
    )
    task = forms.ModelChoiceField(
        label=_("Task served"), queryset=Task.objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["task"].queryset = (  # type: ignore[attr-defined]
            selectors.visible_tasks(user)
            .filter(Q(assigned_by=organization) | Q(assignments__organization=organization))
            .order_by("-assigned_on", "-id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        symbol = (data.get("document_symbol") or "").strip()
        data["document"] = None
        if symbol:
            data["document"] = find_by_symbol(self.user, symbol)
            if data["document"] is None:
                self.add_error(
                    "document_symbol",
                    _("%(symbol)s is not in the register.") % {"symbol": symbol},
                )
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkItemStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
