"""Pages of the directive register, the tasks and the work programme. Each view parses,
calls the services, and responds; every object is fetched through the scope (404 outside).

- the register: list with search and filters, registering a document (with the fields
  read from its pasted first page), a document's page (chain, links, tasks), edit, link;
- tasks: an organization's tasks (given to it and below / given by it) with the overdue
  ones of the organizations below on top, assigning a task, a task's page (assignments,
  sub-tasks rolled up), an assignment's page (report progress or done, split, accept or
  return, the history);
- the work programme: month and year views, add and edit an item, change its status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can, can_anywhere, get_for, scope
from tcxd.core.errors import DomainError
from tcxd.core.htmx import render_page
from tcxd.core.text import fold
from tcxd.organizations.models import Organization
from tcxd.organizations.selectors import ancestors_visible, root_organizations

from . import firstpage, selectors, services
from .choices import WORKING_STATUSES, AssignmentStatus, LinkKind, WorkItemStatus
from .forms import (
    AssignmentFilterForm,
    CheckForm,
    DocumentEditForm,
    DocumentFilterForm,
    LinkForm,
    ProgressForm,
    RegisterForm,
    StatusForm,
    TaskForm,
    WorkItemForm,
    find_by_symbol,
    writable_organizations,
)
from .models import Assignment, Document, Report, Task, WorkItem

NAV = "directives"
STEP = Organization.steplen
MAX_TREE_DEPTH = 6


def _errors_to_form(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _organization(request: HttpRequest) -> Organization | None:
    """The organization named by ``?org=`` (404 outside the scope), else the user's own
    (the highest one the user sees)."""
    pk = request.GET.get("org")
    if pk:
        return get_for(request.user, Organization.objects.select_related("kind"), pk, Action.VIEW)
    return root_organizations(request.user).order_by("path").first()


def _document(request: HttpRequest, pk: int) -> Document:
    # Documents of the registers above the user's are visible too (selectors.py).
    document = selectors.visible_documents(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def _file_response(field: Any, name: str) -> HttpResponseBase:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name)


# --- the register -----------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None)
    documents = (
        form.apply(selectors.visible_documents(request.user))
        if form.is_bound
        else (selectors.visible_documents(request.user))
    )
    page = Paginator(documents, 30, allow_empty_first_page=True).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav": NAV,
        "tab": "register",
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_register": writable_organizations(request.user).exists(),
    }
    return render_page(request, "directives/document_list.html", context, partial="results")


def _prefill(form: RegisterForm, user: Any) -> dict[str, Any]:
    """The register form's values read from the pasted first page, over what was typed."""
    from .models import DocumentType, Issuer

    typed = {name: form.data.get(name, "") for name in form.fields if name != "file"}
    page = firstpage.parse_first_page(typed.get("first_page", ""), selectors.vocabulary())
    values = dict(typed)
    doc_type = DocumentType.objects.filter(code=page.type_code).first() if page.type_code else None
    issuer = Issuer.objects.filter(code=page.issuer_code).first() if page.issuer_code else None
    if doc_type:
        values["doc_type"] = doc_type.pk
    if page.number:
        values["number"] = page.number
    if issuer:
        values["issuer"] = issuer.pk
    if page.issued_on:
        values["issued_on"] = page.issued_on.strftime("%d/%m/%Y")
    if page.issuing_body:
        values["issuing_body"] = page.issuing_body
    elif issuer and not values.get("issuing_body"):
        values["issuing_body"] = issuer.name
    if page.title:
        values["title"] = page.title
    if issuer and page.issued_on:
        values["term"] = issuer.term_of(page.issued_on)
    if page.suggested_link and not values.get("link_symbol"):
        kind, ref = page.suggested_link
        values["link_kind"] = kind
        values["link_symbol"] = ref.symbol
    values["_found"] = page.found
    values["_mentions"] = [(ref, find_by_symbol(user, ref.symbol)) for ref in page.mentions]
    return values


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    orgs = writable_organizations(request.user)
    if not orgs.exists():
        raise Http404
    initial = {"organization": orgs.first()}
    form = RegisterForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    error = None
    mentions: list[Any] = []
    status = 200
    if request.method == "POST" and "prefill" in request.POST:
        values = _prefill(form, request.user)
        found, mentions = values.pop("_found"), values.pop("_mentions")
        form = RegisterForm(user=request.user, initial=values)
        if found:
            messages.info(
                request, _("Filled in from the first page: check every field before saving.")
            )
        else:
            error = DomainError(
                "nothing_found",
                _("Nothing was recognised in the text pasted: fill in the fields by hand."),
            )
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    document = services.document_register(
                        actor=request.user,
                        organization=data["organization"],
                        data=form.data_for_service(),
                        file=data.get("file"),
                    )
                    if data.get("link_target") is not None:
                        services.document_link(
                            actor=request.user,
                            source=document,
                            target=data["link_target"],
                            kind=data["link_kind"],
                        )
            except DomainError as exc:
                error = exc
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("Registered %(symbol)s.") % {"symbol": document.symbol})
                return redirect(document.get_absolute_url())
        status = 400
    context = {"nav": NAV, "tab": "register", "form": form, "error": error, "mentions": mentions}
    return render_page(request, "directives/document_form.html", context, status=status)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    visible = selectors.visible_documents(request.user)
    today = timezone.localdate()
    links_in = list(
        document.links_in.filter(source__in=visible)
        .select_related("source__doc_type", "source__issuer")
        .order_by("source__issued_on")
    )
    links_out = list(
        document.links_out.filter(target__in=visible).select_related(
            "target__doc_type", "target__issuer"
        )
    )
    tasks = list(
        selectors.visible_tasks(request.user)
        .filter(document=document, parent__isnull=True)
        .select_related("assigned_by")
        .prefetch_related("assignments")
        .order_by("deadline", "id")
    )
    overdue = {
        a.task_id
        for a in selectors.overdue_assignments(
            selectors.visible_assignments(request.user).filter(task__in=tasks), today
        )
    }
    rows = [(t, selectors.task_progress(t), t.pk in overdue) for t in tasks]
    may_change = can(request.user, Action.CHANGE, document.organization_path)
    context = {
        "nav": NAV,
        "tab": "register",
        "document": document,
        "chain": selectors.chain_up(document),
        "links_in": links_in,
        "links_out": links_out,
        "tasks": rows,
        "may_change": may_change,
        "may_assign": can_anywhere(request.user, Action.CHANGE),
        "link_form": LinkForm(),
    }
    return render_page(request, "directives/document_detail.html", context)


@login_required
def document_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _document(request, pk)
    name = document.file.name.rsplit("/", 1)[-1] if document.file else ""
    return _file_response(document.file, name)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if not can(request.user, Action.CHANGE, document.organization_path):
        raise Http404
    initial = {
        "doc_type": document.doc_type_id,
        "number": document.number,
        "issuer": document.issuer_id,
        "issued_on": document.issued_on,
        "term": document.term,
        "issuing_body": document.issuing_body,
        "title": document.title,
        "status": document.status,
        "expired_on": document.expired_on,
        "version": document.version,
    }
    form = DocumentEditForm(request.POST or None, request.FILES or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        data = {
            **form.data_for_service(),
            "status": form.cleaned_data["status"],
            "expired_on": form.cleaned_data["expired_on"],
        }
        try:
            services.document_update(
                actor=request.user,
                document=document,
                expected_version=form.cleaned_data["version"],
                data=data,
                file=form.cleaned_data.get("file"),
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(document.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"nav": NAV, "tab": "register", "form": form, "error": error, "document": document}
    return render_page(request, "directives/document_edit.html", context, status=status)


@login_required
@require_POST
def document_link(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if not can(request.user, Action.CHANGE, document.organization_path):
        raise Http404
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose the relation and give the other document's number-symbol.")
        )
        return redirect(document.get_absolute_url())
    target = find_by_symbol(request.user, form.cleaned_data["symbol"])
    if target is None:
        messages.error(
            request,
            _("%(symbol)s is not in the register: register it first.")
            % {"symbol": form.cleaned_data["symbol"]},
        )
        return redirect(document.get_absolute_url())
    try:
        services.document_link(
            actor=request.user, source=document, target=target, kind=form.cleaned_data["kind"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Linked: %(source)s %(kind)s %(target)s.")
            % {
                "source": document.symbol,
                "kind": LinkKind(form.cleaned_data["kind"]).label,
                "target": target.symbol,
            },
        )
    return redirect(document.get_absolute_url())


# --- tasks ------------------------------------------------------------------------------


def _child_of(org: Organization, path: str) -> str:
    return path[: len(org.path) + STEP]


def overdue_below(user: Any, org: Organization, today: dt.date) -> dict[str, Any]:
    """The board's dashboard: the overdue lead assignments of the organizations below
    ``org`` that the user sees, counted by the organization directly below."""
    rows = selectors.overdue_assignments(
        selectors.visible_assignments(user)
        .filter(organization_path__startswith=org.path)
        .exclude(organization_path=org.path),
        today,
    )
    counts: dict[str, int] = defaultdict(int)
    for a in rows:
        counts[_child_of(org, a.organization_path)] += 1
    children = {
        o.path: o for o in Organization.objects.filter(path__in=list(counts)).select_related("kind")
    }
    by_child = sorted(
        ((children[p], n) for p, n in counts.items() if p in children),
        key=lambda item: (-item[1], item[0].path),
    )
    rows.sort(key=lambda a: (a.task.deadline, a.organization_path))
    return {"by_child": by_child, "total": len(rows), "rows": rows[:50]}


@login_required
def task_index(request: HttpRequest) -> HttpResponse:
    org = _organization(request)
    today = timezone.localdate()
    tab = request.GET.get("tab")
    if tab not in ("in", "out"):
        # An organization that gives tasks and was given none itself (the board) opens on
        # the tasks it gave; the others on the tasks given to them.
        tab = "in"
        if org is not None and Task.objects.filter(assigned_by=org).exists():
            given = selectors.visible_assignments(request.user).filter(organization=org)
            tab = "in" if given.exists() else "out"
    filters = AssignmentFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    context: dict[str, Any] = {
        "nav": NAV,
        "tab": "tasks",
        "org": org,
        "subtab": tab,
        "filters": filters,
        "status": status,
        "today": today,
    }
    if org is None:
        return render_page(request, "directives/task_index.html", context)
    context["ancestors"] = ancestors_visible(request.user, org)
    context["may_assign"] = can(request.user, Action.CHANGE, org.path) and (
        Organization.objects.filter(path__startswith=org.path, depth=org.depth + 1).exists()
    )
    context["dashboard"] = overdue_below(request.user, org, today)
    if tab == "in":
        assignments = selectors.visible_assignments(request.user).filter(
            organization_path__startswith=org.path
        )
        overdue = selectors.overdue_assignments(assignments, today, role=None)
        overdue.sort(key=lambda a: (a.task.deadline, a.organization_path))
        overdue_ids = [a.pk for a in overdue]
        rest = assignments.exclude(pk__in=overdue_ids).order_by(
            "task__deadline", "organization_path"
        )
        if status == "overdue":
            rest = rest.none()
        elif status:
            overdue = [a for a in overdue if a.status == status]
            rest = rest.filter(status=status)
        page = Paginator(rest, 50, allow_empty_first_page=True).get_page(request.GET.get("page"))
        context.update({"overdue": overdue, "page": page})
    else:
        tasks = (
            selectors.visible_tasks(request.user)
            .filter(assigned_by=org)
            .select_related("document__doc_type", "document__issuer")
            .prefetch_related("assignments__organization")
        )
        late_counts: dict[int, int] = defaultdict(int)
        for a in selectors.overdue_assignments(
            Assignment.objects.filter(task__assigned_by=org), today, role=None
        ):
            late_counts[a.task_id] += 1
        late = set(late_counts)
        if status == "overdue":
            tasks = tasks.filter(pk__in=late)
        elif status:
            tasks = tasks.filter(assignments__status=status).distinct()
        ordered = sorted(tasks, key=lambda t: (t.pk not in late, t.deadline, t.pk))
        task_page = Paginator(ordered, 30, allow_empty_first_page=True).get_page(
            request.GET.get("page")
        )
        context.update(
            {
                "page": task_page,
                "task_rows": [
                    (t, selectors.task_progress(t), late_counts.get(t.pk, 0)) for t in task_page
                ],
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render_page(request, "directives/task_index.html", context)


def _assigner(request: HttpRequest, parent: Assignment | None) -> Organization | None:
    if parent is not None:
        return parent.organization
    pk = request.GET.get("by") or request.POST.get("by")
    if pk:
        org = get_for(request.user, Organization, pk, Action.CHANGE)
        return org
    return writable_organizations(request.user).first()


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest) -> HttpResponse:
    parent = None
    if request.GET.get("parent"):
        parent = get_for(
            request.user,
            Assignment.objects.select_related("task", "organization", "task__document"),
            request.GET["parent"],
            Action.CHANGE,
        )
    document = None
    if request.GET.get("document"):
        document = _document(request, _int(request.GET["document"]) or 0)
    document = document or (parent.task.document if parent else None)
    assigned_by = _assigner(request, parent)
    if assigned_by is None or not can(request.user, Action.CHANGE, assigned_by.path):
        raise Http404
    initial: dict[str, Any] = {}
    if parent is not None:
        initial["title"] = parent.task.title
        initial["expected_product"] = parent.task.expected_product
    form = TaskForm(
        request.POST or None, user=request.user, assigned_by=assigned_by, initial=initial
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_assign(
                actor=request.user,
                assigned_by=assigned_by,
                title=data["title"],
                deadline=data["deadline"],
                leads=list(data["leads"]),
                coordinating=list(data["coordinating"]),
                document=document,
                parent=parent,
                expected_product=data["expected_product"],
                recurrence=data["recurrence"],
                recurring_until=data["recurring_until"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
            if "organizations" in exc.fields:
                form.add_error("leads", " ".join(exc.fields["organizations"]))
        else:
            messages.success(
                request,
                _("Assigned to %(n)s organizations.") % {"n": task.assignments.count()},
            )
            return redirect(task.get_absolute_url())
    context = {
        "nav": NAV,
        "tab": "tasks",
        "form": form,
        "error": error,
        "assigned_by": assigned_by,
        "assigners": writable_organizations(request.user) if parent is None else [],
        "document": document,
        "parent": parent,
        "lead_choices": form.choices_for("leads"),
        "coordinating_choices": form.choices_for("coordinating"),
    }
    status = 400 if request.method == "POST" else 200
    return render_page(request, "directives/task_form.html", context, status=status)


@login_required
def assignee_pick(request: HttpRequest) -> HttpResponse:
    """Organizations below the assigner matching the typed words (htmx), as checkboxes."""
    assigned_by = _assigner(request, None)
    if assigned_by is None:
        raise Http404
    field = (
        request.GET.get("field")
        if request.GET.get("field") in ("leads", "coordinating")
        else "leads"
    )
    text = fold(request.GET.get(f"{field}_q", ""))
    items: list[Organization] = []
    if len(text) >= 2:
        qs = scope(
            Organization.objects.filter(
                path__startswith=assigned_by.path,
                depth__gt=assigned_by.depth + 1,
                dissolved_on__isnull=True,
            ),
            request.user,
            Action.VIEW,
        )
        for word in text.split():
            qs = qs.filter(Q(name_fold__contains=word) | Q(code__iexact=word))
        items = list(qs.order_by("path")[:30])
    context = {"items": [(o, False) for o in items], "field": field, "searched": bool(text)}
    return render_page(request, "directives/assignee_list.html", context)


def _subtree(
    user: Any, assignments: list[Assignment], today: dt.date, depth: int = 0
) -> list[dict[str, Any]]:
    """Each assignment with its sub-tasks and their visible assignments, to any depth."""
    nodes = []
    for a in assignments:
        subtasks = []
        if depth < MAX_TREE_DEPTH:
            for sub in a.subtasks.prefetch_related("assignments").order_by("deadline", "id"):
                visible = list(
                    selectors.visible_assignments(user)
                    .filter(task=sub)
                    .order_by("organization_path")
                )
                subtasks.append(
                    {
                        "task": sub,
                        "progress": selectors.task_progress(sub),
                        "assignments": _subtree(user, visible, today, depth + 1),
                    }
                )
        nodes.append({"a": a, "overdue": selectors.is_overdue(a, today), "subtasks": subtasks})
    return nodes


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_for(
        request.user,
        Task.objects.select_related(
            "assigned_by",
            "document__doc_type",
            "document__issuer",
            "parent__organization",
            "parent__task",
        ),
        pk,
        Action.VIEW,
    )
    today = timezone.localdate()
    assignments = list(
        selectors.visible_assignments(request.user)
        .filter(task=task)
        .order_by("role", "organization_path")
    )
    parent_visible = (
        task.parent is not None
        and selectors.visible_assignments(request.user).filter(pk=task.parent.pk).exists()
    )
    document_visible = (
        task.document_id is not None
        and selectors.visible_documents(request.user).filter(pk=task.document_id).exists()
    )
    context = {
        "nav": NAV,
        "tab": "tasks",
        "task": task,
        "progress": selectors.task_progress(task),
        "nodes": _subtree(request.user, assignments, today),
        "parent_visible": parent_visible,
        "document_visible": document_visible,
        "due_dates": list(selectors.due_dates(task)) if task.recurrence else [],
        "today": today,
    }
    return render_page(request, "directives/task_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_for(
        request.user,
        Assignment.objects.select_related(
            "task",
            "organization",
            "task__assigned_by",
            "task__document__doc_type",
            "task__document__issuer",
        ),
        pk,
        Action.VIEW,
    )
    today = timezone.localdate()
    may_report = assignment.status in WORKING_STATUSES and can(
        request.user, Action.CHANGE, assignment.organization_path
    )
    may_check = assignment.status == AssignmentStatus.DONE and can(
        request.user, Action.REVIEW, assignment.task.assigned_by_path
    )
    report_form = ProgressForm(
        initial={"version": assignment.version, "progress": assignment.progress}
    )
    check_form = CheckForm(initial={"version": assignment.version})
    error = None
    if request.method == "POST":
        do = request.POST.get("do")
        if do in ("progress", "done"):
            if not may_report:
                raise Http404
            report_form = ProgressForm(request.POST, request.FILES)
            if report_form.is_valid():
                data = report_form.cleaned_data
                try:
                    if do == "done":
                        services.mark_done(
                            actor=request.user,
                            assignment=assignment,
                            expected_version=data["version"],
                            text=data["text"],
                            file=data.get("file"),
                        )
                    else:
                        services.progress_report(
                            actor=request.user,
                            assignment=assignment,
                            expected_version=data["version"],
                            progress=data["progress"],
                            text=data["text"],
                            file=data.get("file"),
                        )
                except DomainError as exc:
                    error = exc
                    _errors_to_form(report_form, exc)
                else:
                    messages.success(
                        request,
                        _("Reported done: waiting for the assigner to accept it.")
                        if do == "done"
                        else _("Progress reported."),
                    )
                    return redirect(assignment.get_absolute_url())
        elif do in ("accept", "return"):
            if not may_check:
                raise Http404
            check_form = CheckForm(request.POST)
            if check_form.is_valid():
                try:
                    services.review_done(
                        actor=request.user,
                        assignment=assignment,
                        expected_version=check_form.cleaned_data["version"],
                        accept=do == "accept",
                        text=check_form.cleaned_data["text"],
                    )
                except DomainError as exc:
                    error = exc
                    _errors_to_form(check_form, exc)
                else:
                    messages.success(
                        request, pgettext("task", "Accepted.") if do == "accept" else _("Returned.")
                    )
                    return redirect(assignment.get_absolute_url())
        else:
            raise Http404
    split = list(
        assignment.subtasks.prefetch_related("assignments__organization").order_by("deadline")
    )
    has_children = Organization.objects.filter(
        path__startswith=assignment.organization_path, depth=assignment.organization.depth + 1
    ).exists()
    missed = selectors.missed_reports(assignment, today)
    context = {
        "nav": NAV,
        "tab": "tasks",
        "a": assignment,
        "task": assignment.task,
        "document_visible": assignment.task.document_id is not None
        and selectors.visible_documents(request.user)
        .filter(pk=assignment.task.document_id)
        .exists(),
        "task_visible": True,
        "reports": list(assignment.reports.select_related("recorded_by")),
        "subtasks": [(t, selectors.task_progress(t)) for t in split],
        "is_split": bool(split),
        "may_report": may_report,
        "may_split": may_report and has_children,
        "may_check": may_check,
        "report_form": report_form,
        "check_form": check_form,
        "error": error,
        "missed": missed,
        "overdue": bool(missed),
        "today": today,
    }
    return render_page(
        request,
        "directives/assignment_detail.html",
        context,
        status=400 if error or request.method == "POST" else 200,
    )


@login_required
def report_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    visible = selectors.visible_assignments(request.user)
    report = Report.objects.filter(pk=pk, assignment__in=visible).first()
    if report is None:
        raise Http404
    name = report.file.name.rsplit("/", 1)[-1] if report.file else ""
    return _file_response(report.file, name)


# --- work programme ---------------------------------------------------------------------


def _month(request: HttpRequest, today: dt.date) -> tuple[int, int]:
    year = _int(request.GET.get("year")) or today.year
    month = _int(request.GET.get("month")) or (today.month if year == today.year else 1)
    year = min(max(year, 2000), 2100)
    month = min(max(month, 1), 12)
    return year, month


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    org = _organization(request)
    today = timezone.localdate()
    year, month = _month(request, today)
    view = "year" if request.GET.get("view") == "year" else "month"
    context: dict[str, Any] = {
        "nav": NAV,
        "tab": "programme",
        "org": org,
        "year": year,
        "month": month,
        "view": view,
        "statuses": WorkItemStatus.choices,
        "month_numbers": range(1, 13),
    }
    if org is None:
        return render_page(request, "directives/programme.html", context)
    items = list(
        WorkItem.objects.filter(organization=org, year=year).select_related(
            "document__doc_type", "document__issuer", "task"
        )
    )
    quarter = (month - 1) // 3 + 1
    if view == "month":
        context["month_items"] = [i for i in items if i.month == month]
        context["quarter_items"] = [i for i in items if i.quarter == quarter]
        context["quarter"] = quarter
        prev = (year, month - 1) if month > 1 else (year - 1, 12)
        nxt = (year, month + 1) if month < 12 else (year + 1, 1)
        context["prev"], context["next"] = prev, nxt
    else:
        quarters = []
        for q in range(1, 5):
            months = [(m, [i for i in items if i.month == m]) for m in range(3 * q - 2, 3 * q + 1)]
            quarters.append((q, [i for i in items if i.quarter == q], months))
        context["quarters"] = quarters
        counts: dict[str, int] = defaultdict(int)
        for i in items:
            counts[i.status] += 1
        context["counts"] = [
            (label, counts.get(value, 0)) for value, label in WorkItemStatus.choices
        ]
    context["may_edit"] = can(request.user, Action.CHANGE, org.path)
    context["programmes"] = writable_organizations(request.user)
    context["status_forms"] = True
    return render_page(request, "directives/programme.html", context)


def _programme_url(item: WorkItem) -> str:
    month = item.month or ((item.quarter or 1) - 1) * 3 + 1
    return (
        reverse("directives:programme")
        + f"?org={item.organization_id}&year={item.year}&month={month}"
    )


def _work_data(form: WorkItemForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "year": data["year"],
        "month": data["month"],
        "quarter": data["quarter"],
        "title": data["title"],
        "owner": data["owner"],
        "status": data["status"],
        "document": data.get("document"),
        "task": data.get("task"),
        "note": data["note"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def work_item_new(request: HttpRequest) -> HttpResponse:
    org = _organization(request)
    if org is None or not can(request.user, Action.CHANGE, org.path):
        raise Http404
    today = timezone.localdate()
    year, month = _month(request, today)
    form = WorkItemForm(
        request.POST or None,
        user=request.user,
        organization=org,
        initial={"year": year, "month": month, "status": WorkItemStatus.PLANNED},
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            item = services.work_item_save(
                actor=request.user, organization=org, data=_work_data(form)
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Added to the work programme."))
            return redirect(_programme_url(item))
    context = {
        "nav": NAV,
        "tab": "programme",
        "form": form,
        "error": error,
        "org": org,
        "item": None,
    }
    status = 400 if request.method == "POST" else 200
    return render_page(request, "directives/work_item_form.html", context, status=status)


def _work_item(request: HttpRequest, pk: int) -> WorkItem:
    item = get_for(
        request.user,
        WorkItem.objects.select_related("organization", "document__doc_type", "document__issuer"),
        pk,
        Action.VIEW,
    )
    if not can(request.user, Action.CHANGE, item.organization_path):
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def work_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _work_item(request, pk)
    initial = {
        "year": item.year,
        "month": item.month,
        "quarter": item.quarter,
        "title": item.title,
        "owner": item.owner,
        "status": item.status,
        "document_symbol": item.document.symbol if item.document else "",
        "task": item.task_id,
        "note": item.note,
        "version": item.version,
    }
    form = WorkItemForm(
        request.POST or None, user=request.user, organization=item.organization, initial=initial
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.work_item_save(
                actor=request.user,
                organization=item.organization,
                data=_work_data(form),
                item=item,
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            error = exc
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_programme_url(item))
    context = {
        "nav": NAV,
        "tab": "programme",
        "form": form,
        "error": error,
        "org": item.organization,
        "item": item,
    }
    status = 400 if request.method == "POST" else 200
    return render_page(request, "directives/work_item_form.html", context, status=status)


@login_required
@require_POST
def work_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _work_item(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(_programme_url(item))
    data = {
        "year": item.year,
        "month": item.month,
        "quarter": item.quarter,
        "title": item.title,
        "owner": item.owner,
        "status": form.cleaned_data["status"],
        "document": item.document,
        "task": item.task,
        "note": item.note,
    }
    try:
        services.work_item_save(
            actor=request.user,
            organization=item.organization,
            data=data,
            item=item,
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": item.title[:60], "status": WorkItemStatus(item.status).label.lower()},
        )
    return redirect(_programme_url(item))
