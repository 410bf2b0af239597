"""The editors' pages under ``/news/``: the list, writing and editing, the workflow
steps, images and attachments, revisions with diff and restore, categories, and drafts
from review conferences. Each view parses, calls one service, and responds."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, get_for, scope
from tcxd.core.errors import DomainError

from . import conference as conference_module
from . import selectors, services
from .choices import Status
from .forms import (
    ArticleForm,
    AttachmentForm,
    CategoryForm,
    ConferenceDraftForm,
    ImageForm,
    StepForm,
)
from .html import html_to_text
from .models import Article, ArticleImage, Category

STEP_SERVICES: dict[str, tuple[Any, Any]] = {
    "submit": (services.article_submit, gettext_lazy("Sent for approval.")),
    "return": (services.article_return, gettext_lazy("Returned to the writer with your comment.")),
    "approve": (services.article_approve, gettext_lazy("Approved: it may now be published.")),
    "publish": (services.article_publish, gettext_lazy("Published.")),
    "unpublish": (
        services.article_unpublish,
        gettext_lazy("Unpublished: readers no longer see it."),
    ),
}


def _editor(request: HttpRequest) -> None:
    if not can_anywhere(request.user, Action.PUBLISH):
        raise Http404


def _article(request: HttpRequest, pk: int) -> Article:
    return get_for(
        request.user,
        Article.objects.select_related("category", "lead_image", "organization"),
        pk,
        Action.PUBLISH,
    )


def _errors_to_form(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)


def _notes(request: HttpRequest, notes: list[str]) -> None:
    for note in notes:
        messages.warning(request, note)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _editor(request)
    status = request.GET.get("status", "")
    if status not in Status.values and status != "scheduled":
        status = ""
    q = request.GET.get("q", "")[:100]
    articles = list(selectors.articles_for(request.user, status, q)[:200])
    counts = selectors.counts_by_status(request.user)
    filters = [("", _("All"), sum(counts.values()))] + [
        (value, label, counts.get(value, 0)) for value, label in Status.choices
    ]
    context = {
        "nav": "news",
        "articles": articles,
        "status": status,
        "q": q,
        "filters": filters,
        "can_approve": can_anywhere(request.user, Action.APPROVE),
    }
    return render(request, "newsroom/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = ArticleForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.article_create(
                actor=request.user,
                category=data["category"],
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                body=data["body"],
                byline=data["byline"],
                lead_caption=data["lead_caption"],
                publish_at=data["publish_at"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Draft saved."))
            _notes(request, saved.notes)
            return redirect(saved.article.get_edit_url())
    status = 400 if error or form.errors else 200
    context = {"nav": "news", "form": form, "error": error, "article": None}
    return render(request, "newsroom/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    if request.method == "POST":
        form = ArticleForm(request.POST)
    else:
        form = ArticleForm(initial=ArticleForm.initial_of(article))
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lead: ArticleImage | bool | None = False
        if "lead_image" in request.POST:
            lead_id = request.POST.get("lead_image", "")
            lead = article.images.filter(pk=lead_id).first() if lead_id.isdigit() else None
        try:
            saved = services.article_update(
                actor=request.user,
                article=article,
                expected_version=data["version"],
                category=data["category"],
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                body=data["body"],
                byline=data["byline"],
                lead_caption=data["lead_caption"],
                publish_at=data["publish_at"],
                lead_image=lead,
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            _notes(request, saved.notes)
            return redirect(saved.article.get_edit_url())
    status = 400 if error or form.errors else 200
    context = {
        "nav": "news",
        "form": form,
        "error": error,
        "article": article,
        "images": list(article.images.all()),
    }
    return render(request, "newsroom/form.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    user = request.user
    path = article.organization_path
    may_publish = can(user, Action.PUBLISH, path)
    may_approve = can(user, Action.APPROVE, path)
    s = article.status
    actions = []
    if may_publish and s == Status.DRAFT:
        actions.append(("submit", _("Send for approval"), False))
    if may_approve and s == Status.SUBMITTED:
        actions.append(("approve", _("Approve"), False))
    if may_approve and s in (Status.SUBMITTED, Status.APPROVED):
        actions.append(("return", _("Return with comments"), True))
    if may_publish and s == Status.APPROVED:
        label = _("Schedule") if article.publish_at and not article.is_public else _("Publish")
        actions.append(("publish", label, False))
    if may_publish and s == Status.PUBLISHED:
        actions.append(("unpublish", _("Unpublish"), True))
    context = {
        "nav": "news",
        "article": article,
        "body": article.body,
        "steps": selectors.steps_of(article),
        "images": list(article.images.all()),
        "attachments": list(article.attachments.all()),
        "actions": actions,
        "step_form": StepForm(initial={"version": article.version}),
        "image_form": ImageForm(),
        "attachment_form": AttachmentForm(),
        "revision_count": article.revisions.count(),
    }
    return render(request, "newsroom/detail.html", context)


@login_required
@require_POST
def step(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    article = _article(request, pk)
    if kind not in STEP_SERVICES:
        raise Http404
    service, done = STEP_SERVICES[kind]
    form = StepForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    kwargs: dict[str, Any] = {"expected_version": data.get("version")}
    if kind != "publish":
        kwargs["comment"] = data.get("comment", "")
    try:
        service(actor=request.user, article=article, **kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if kind == "publish" and article.is_scheduled:
            messages.success(
                request,
                _("Scheduled: it appears on the site at %(at)s.")
                % {"at": _local(article.published_at)},
            )
        else:
            messages.success(request, str(done))
    return redirect(article.get_edit_url())


def _local(value: Any) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an image to upload."))
        return redirect(article.get_edit_url())
    try:
        image = services.image_upload(
            actor=request.user,
            article=article,
            upload=form.cleaned_data["file"],
            alt=form.cleaned_data["alt"],
            as_lead=form.cleaned_data["as_lead"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Image uploaded (%(w)s × %(h)s). Insert it in the body from the editor.")
            % {"w": image.width, "h": image.height},
        )
    return redirect(article.get_edit_url())


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect(article.get_edit_url())
    try:
        services.attachment_upload(
            actor=request.user,
            article=article,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("File attached."))
    return redirect(article.get_edit_url())


def _lines(revision: Any) -> list[str]:
    return [
        revision.title,
        "",
        *revision.summary.splitlines(),
        "",
        *html_to_text(revision.body).splitlines(),
    ]


@login_required
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    items = list(article.revisions.select_related("created_by"))
    by_number = {r.number: r for r in items}
    newest = items[0].number if items else 0

    def pick(name: str, default: int) -> int:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and int(value) in by_number else default

    b = pick("b", newest)
    a = pick("a", max(1, b - 1))
    diff = []
    if a in by_number and b in by_number:
        for line in difflib.ndiff(_lines(by_number[a]), _lines(by_number[b])):
            tag = line[:1]
            if tag == "?":
                continue
            diff.append({"kind": {"+": "add", "-": "del"}.get(tag, "same"), "text": line[2:]})
    context = {
        "nav": "news",
        "article": article,
        "revisions": items,
        "a": a,
        "b": b,
        "diff": diff,
        "changed": any(d["kind"] != "same" for d in diff),
    }
    return render(request, "newsroom/revisions.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = _article(request, pk)
    revision = article.revisions.filter(number=number).first()
    if revision is None:
        raise Http404
    version = request.POST.get("version", "")
    try:
        services.revision_restore(
            actor=request.user,
            article=article,
            revision=revision,
            expected_version=int(version) if version.isdigit() else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("newsroom:revisions", pk=article.pk)
    messages.success(request, _("Revision %(n)s restored.") % {"n": number})
    return redirect(article.get_edit_url())


@login_required
@require_http_methods(["GET", "POST"])
def categories(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = CategoryForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Category “%(name)s” added.") % {"name": category.name})
            return redirect("newsroom:categories")
    from django.db.models import Count

    context = {
        "nav": "news",
        "form": form,
        "error": error,
        "categories": Category.objects.annotate(n=Count("articles")),
    }
    status = 400 if error or form.errors else 200
    return render(request, "newsroom/categories.html", context, status=status)


@login_required
def conferences(request: HttpRequest) -> HttpResponse:
    _editor(request)
    from tcxd.reviews.models import Conference, Review

    items = list(
        Conference.objects.filter(review__in=scope(Review.objects.all(), request.user, Action.VIEW))
        .select_related("review", "review__organization")
        .order_by("-held_on")[:50]
    )
    made = {
        a.source_conference_id: a
        for a in Article.objects.filter(source_conference__in=items).only(
            "id", "title", "source_conference_id"
        )
    }
    rows = [(c, made.get(c.pk)) for c in items]
    context = {"nav": "news", "rows": rows, "form": ConferenceDraftForm()}
    return render(request, "newsroom/conferences.html", context)


@login_required
@require_POST
def from_conference(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    from tcxd.reviews.models import Conference, Review

    reviews = scope(Review.objects.all(), request.user, Action.VIEW)
    conference = (
        Conference.objects.select_related("review", "review__organization")
        .filter(pk=pk, review__in=reviews)
        .first()
    )
    if conference is None:
        raise Http404
    form = ConferenceDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the category of the article."))
        return redirect("newsroom:conferences")
    try:
        article = conference_module.draft_from_conference(
            actor=request.user, conference=conference, category=form.cleaned_data["category"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("newsroom:conferences")
    messages.success(
        request, _("A draft was made from the conference's facts: finish and send it.")
    )
    return redirect("newsroom:edit", pk=article.pk)
