"""Forms of the confidence vote pages: they parse; the services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tcxd.accounts.models import User
from tcxd.members.forms import DateField
from tcxd.organizations.models import CommitteeSeat, Organization
from tcxd.reviews.forms import openers_for

from .choices import CROSSED_OUT, NO_LEVEL, SEVERAL_LEVELS
from .selectors import seat_post


def _textarea(rows: int = 5, placeholder: str = "") -> forms.Textarea:
    attrs: dict[str, Any] = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.Textarea(attrs=attrs)


def _lines(text: str) -> list[list[str]]:
    """Non-empty lines split on ";" or a tab (a list pasted from a spreadsheet)."""
    rows = []
    for line in (text or "").splitlines():
        if line.strip():
            rows.append([part.strip() for part in re.split(r"[;\t]", line)])
    return rows


class VoteForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organizing body"), queryset=Organization.objects.none()
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("E.g. “Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030”."),
    )
    held_on = DateField(label=_("Date of the vote"))
    place = forms.CharField(label=_("Place"), max_length=255)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the rule in force (Quy định 96-QĐ/TW)."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = openers_for(user)  # type: ignore[attr-defined]


def seat_label(seat: CommitteeSeat) -> str:
    return f"{seat.person.full_name} — {seat_post(seat)}"


def _usernames(text: str) -> list[str]:
    return [u for u in re.split(r"[\s,;]+", text or "") if u]


class PrepareForm(forms.Form):
    """The people voted on, the voters convened, the counting board and the readers of the
    results, in one form."""

    seats = forms.MultipleChoiceField(
        label=_("From the committee at the date"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    candidates_text = forms.CharField(
        label=_("Other people voted on"),
        required=False,
        widget=_textarea(4, "Nguyễn Văn A; Giám đốc Sở Y tế; tai.khoan"),
        help_text=_(
            "One per line: full name; post (as printed on the ballot); optionally the "
            "account that may see its own result."
        ),
    )
    voters_from_committee = forms.BooleanField(
        label=_("Convene every member of the committee at the date"), required=False
    )
    voters_text = forms.CharField(
        label=_("Voters convened (list)"),
        required=False,
        widget=_textarea(6, "Trần Thị B; Ủy viên Ban Chấp hành"),
        help_text=_("One per line: full name; optionally the post. Paste from a spreadsheet."),
    )
    convened_count = forms.IntegerField(
        label=_("Or only the number convened"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("For a paper-only vote without a list of names."),
    )
    head = forms.CharField(
        label=_("Head of the counting board (account)"), max_length=150, required=False
    )
    members = forms.CharField(
        label=_("Members of the counting board (accounts)"),
        required=False,
        widget=_textarea(2),
        help_text=_("User names, separated by spaces or lines."),
    )
    viewers = forms.CharField(
        label=_("Who else may read the results (accounts)"),
        required=False,
        widget=_textarea(2),
        help_text=_(
            "Besides those who organize the vote; each person voted on sees their own result."
        ),
    )

    def __init__(self, *args: Any, seats: list[CommitteeSeat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seat_objects = {str(s.pk): s for s in seats}
        self.fields["seats"].choices = [(str(s.pk), seat_label(s)) for s in seats]  # type: ignore[attr-defined]

    def _user(self, username: str, field: str) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            self.add_error(field, _("There is no account “%(u)s”.") % {"u": username})
            raise forms.ValidationError("")
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            people: list[dict[str, Any]] = []
            for pk in data.get("seats", []):
                seat = self.seat_objects[pk]
                people.append(
                    {
                        "full_name": seat.person.full_name,
                        "post": seat_post(seat),
                        "person": seat.person,
                    }
                )
            for parts in _lines(data.get("candidates_text", "")):
                item: dict[str, Any] = {
                    "full_name": parts[0],
                    "post": parts[1] if len(parts) > 1 else "",
                }
                if len(parts) > 2 and parts[2]:
                    item["user"] = self._user(parts[2], "candidates_text")
                people.append(item)
            data["people"] = people
            voters: list[dict[str, Any]] = []
            if data.get("voters_from_committee"):
                voters += [
                    {
                        "full_name": s.person.full_name,
                        "post": seat_post(s),
                        "person": s.person,
                    }
                    for s in self.seat_objects.values()
                ]
            voters += [
                {"full_name": p[0], "post": p[1] if len(p) > 1 else ""}
                for p in _lines(data.get("voters_text", ""))
            ]
            data["voter_rows"] = voters
            board: list[tuple[Any, str, str]] = []
            if data.get("head"):
                head = self._user(data["head"].strip(), "head")
                board.append((head, str(head), "head"))
            for username in _usernames(data.get("members", "")):
                user = self._user(username, "members")
                if all(user.pk != b[0].pk for b in board):
                    board.append((user, str(user), "member"))
            data["board"] = board
            data["viewer_users"] = [
                self._user(u, "viewers") for u in _usernames(data.get("viewers", ""))
            ]
        except forms.ValidationError:
            pass
        return data


class OpenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    present_count = forms.IntegerField(
        label=_("Number present"), required=False, min_value=0, max_value=100000
    )
    paper_issued = forms.IntegerField(
        label=_("Paper ballots issued"),
        min_value=0,
        max_value=100000,
        initial=0,
        help_text=_(
            "Ballots handed out on paper; the others present vote with a code on the voting page."
        ),
    )

    def __init__(self, *args: Any, voters: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [  # type: ignore[attr-defined]
            (str(v.pk), f"{v.full_name}{' — ' + v.post if v.post else ''}") for v in voters
        ]


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=5000)


class BallotPrintForm(forms.Form):
    count = forms.IntegerField(label=_("Number of ballots"), min_value=1, max_value=2000)
    signature = forms.BooleanField(label=_("With a signature line"), required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voting code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "placeholder": "XXXXX-XXXXX",
            }
        ),
    )


class BallotForm(forms.Form):
    """The electronic ballot: the code again (hidden) and one level per person."""

    code = forms.CharField(max_length=20, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, candidates: list[Any], levels: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for c in candidates:
            self.fields[f"c{c.pk}"] = forms.ChoiceField(
                label=c.full_name,
                choices=levels,
                required=False,
                widget=forms.RadioSelect,
            )

    def rows(self) -> list[tuple[Any, Any]]:
        return [(c, self[f"c{c.pk}"]) for c in self.candidates]

    def marks(self) -> dict[str, str]:
        """A person left without a level is "none" (invalid for that person, as on paper)."""
        return {str(c.pk): self.cleaned_data.get(f"c{c.pk}") or NO_LEVEL for c in self.candidates}


INVALID_CHOICES = [
    (NO_LEVEL, _("No box ticked")),
    (SEVERAL_LEVELS, _("Several boxes")),
    (CROSSED_OUT, _("Name crossed out")),
]


class PaperForm(forms.Form):
    """One reading of one returned paper ballot."""

    sheet_no = forms.IntegerField(label=_("Sheet number"), min_value=1, max_value=100000)
    not_issued = forms.BooleanField(
        label=_("Not issued by the counting board (invalid for everyone)"), required=False
    )

    def __init__(
        self, *args: Any, candidates: list[Any], levels: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for c in candidates:
            self.fields[f"c{c.pk}"] = forms.ChoiceField(
                label=c.full_name,
                choices=[*levels, *INVALID_CHOICES],
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("not_issued"):
            for c in self.candidates:
                if not data.get(f"c{c.pk}"):
                    self.add_error(f"c{c.pk}", _("Choose what the ballot shows for this person."))
        return data

    def rows(self) -> list[tuple[Any, Any]]:
        return [(c, self[f"c{c.pk}"]) for c in self.candidates]

    def marks(self) -> dict[str, str]:
        if self.cleaned_data.get("not_issued"):
            return {}
        return {str(c.pk): self.cleaned_data[f"c{c.pk}"] for c in self.candidates}


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99999)
    symbol = forms.CharField(label=_("Symbol"), max_length=30)
    issued_on = DateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=60)
    issuer_upper = forms.CharField(label=_("Upper body"), max_length=120)
    issuer = forms.CharField(label=_("Issuing body"), max_length=120)
    sign_for = forms.CharField(label=_("Signing on behalf of"), max_length=80, required=False)
    signer_title = forms.CharField(label=_("Signer's position"), max_length=80)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120)
    recipients = forms.CharField(
        label=_("Recipients"),
        widget=_textarea(4),
        help_text=_("One per line; the last line is usually “Lưu VP”."),
    )

    def heading(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipients"] = [
            line.strip(" -,;") for line in data["recipients"].splitlines() if line.strip(" -,;")
        ]
        return data
