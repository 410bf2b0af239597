from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("agencies/<int:pk>/change/", views.change_new, name="change_new"),
    path("agencies/<int:pk>/headcount/", views.headcount_new, name="headcount_new"),
    path("agencies/<int:pk>/positions/new/", views.position_new, name="position_new"),
    path("positions/<int:pk>/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/appoint/", views.appointment_new, name="appointment_new"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="roadmap"),
    path("roadmaps/<int:pk>/targets/", views.roadmap_targets, name="roadmap_targets"),
    path("roadmaps/<int:pk>/roadmap.xlsx", views.roadmap_xlsx, name="roadmap_xlsx"),
    path("gaps/", views.gap_list, name="gaps"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("courses/", views.course_list, name="courses"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
]
