from django.urls import path

from . import views

app_name = "admissions"
urlpatterns = [
    path("", views.board, name="board"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("new/", views.case_open, name="case_open"),
    path("readmission/<int:member_pk>/", views.readmission_open, name="readmission_open"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/steps/<str:kind>/", views.step_create, name="step_create"),
]
