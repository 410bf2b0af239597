from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("cells/<int:pk>/", views.cell, name="cell"),
    path("cells/<int:pk>/new/", views.meeting_new, name="new"),
    path("cells/<int:pk>/postpone/", views.postpone, name="postpone"),
    path("cells/<int:pk>/absentees/", views.absentees, name="absentees"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/score/", views.meeting_score, name="score"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/resolution.docx", views.resolution_docx, name="resolution_docx"),
    path("templates/", views.templates, name="templates"),
    path(
        "templates/<str:kind>/<int:version>.docx", views.template_download, name="template_download"
    ),
]
