from django.contrib import admin
from django.urls import include, path

from tcxd.api import api
from tcxd.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("tcxd.accounts.urls")),
    path("organizations/", include("tcxd.organizations.urls")),
    path("members/", include("tcxd.members.urls")),
    path("indicators/", include("tcxd.indicators.urls")),
    path("admissions/", include("tcxd.admissions.urls")),
    path("reviews/", include("tcxd.reviews.urls")),
    path("directives/", include("tcxd.directives.urls")),
    path("staffing/", include("tcxd.staffing.urls")),
    path("meetings/", include("tcxd.meetings.urls")),
    path("votes/", include("tcxd.votes.urls")),
    path("news/", include("tcxd.news.urls")),
    path("tin-tuc/", include("tcxd.news.public_urls")),
    path("audit/", include("tcxd.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
