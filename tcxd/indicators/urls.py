from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard_index, name="index"),
    path("<int:pk>/", views.dashboard_view, name="dashboard"),
    path("<int:pk>/export/", views.dashboard_export, name="export"),
]
