from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard_index, name="index"),
    path("<int:pk>/", views.dashboard_view, name="dashboard"),
    path("<int:pk>/export/", views.dashboard_export, name="export"),
    path("<int:pk>/targets/", views.target_list, name="targets"),
    path("<int:pk>/targets/<int:target_pk>/delete/", views.target_delete, name="target_delete"),
]
