from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_index, name="index"),
    path("open/", views.review_open, name="open"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/report/", views.report_new, name="report_new"),
    path("<int:pk>/conference/", views.conference_new, name="conference_new"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/accept/", views.submission_accept, name="submission_accept"),
    path("reports/<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("reports/<int:pk>/annex.xlsx", views.report_xlsx, name="report_xlsx"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:version>.docx", views.template_download, name="template_download"),
]
