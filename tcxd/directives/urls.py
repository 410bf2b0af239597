from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_new, name="document_new"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/link/", views.document_link, name="document_link"),
    path("<int:pk>/file/", views.document_file, name="document_file"),
    path("tasks/", views.task_index, name="tasks"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/assignees/", views.assignee_pick, name="assignee_pick"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
    path("programme/", views.programme, name="programme"),
    path("programme/new/", views.work_item_new, name="work_item_new"),
    path("programme/<int:pk>/edit/", views.work_item_edit, name="work_item_edit"),
    path("programme/<int:pk>/status/", views.work_item_status, name="work_item_status"),
]
