from django.urls import path

from . import views

app_name = "votes"
urlpatterns = [
    path("", views.vote_index, name="index"),
    path("new/", views.vote_create, name="create"),
    path("<int:pk>/", views.vote_detail, name="vote"),
    path("<int:pk>/prepare/", views.vote_prepare, name="prepare"),
    path("<int:pk>/open/", views.vote_open, name="open"),
    path("<int:pk>/ballots.pdf", views.ballots_print, name="ballots_pdf"),
    path("<int:pk>/codes/", views.codes_issue, name="codes"),
    path("<int:pk>/vote/", views.ballot, name="ballot"),
    path("<int:pk>/vote/done/", views.ballot_done, name="ballot_done"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/paper/<int:sheet>/reconcile/", views.paper_reconcile, name="reconcile"),
    path("<int:pk>/close/", views.vote_close, name="close"),
    path("<int:pk>/tally/", views.vote_tally, name="tally"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path("<int:pk>/report/", views.report, name="report"),
]
