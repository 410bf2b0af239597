"""The editors' side, mounted at ``/news/`` (signed in, ``Action.PUBLISH``)."""

from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("categories/", views.categories, name="categories"),
    path("conferences/", views.conferences, name="conferences"),
    path("conferences/<int:pk>/draft/", views.from_conference, name="from_conference"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/step/<str:kind>/", views.step, name="step"),
    path("<int:pk>/images/", views.image_upload, name="image_upload"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/revisions/", views.revisions, name="revisions"),
    path("<int:pk>/revisions/<int:number>/restore/", views.restore, name="restore"),
]
