from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_index, name="index"),
    path("pick/", views.organization_pick, name="pick"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/children/", views.organization_children, name="children"),
]
