"""The public site, mounted at ``/tin-tuc/`` (no sign-in)."""

from django.urls import path, re_path

from . import feeds, public_views

app_name = "news"
urlpatterns = [
    path("", public_views.home, name="home"),
    path("tim-kiem/", public_views.search, name="search"),
    path("rss/", feeds.LatestFeed(), name="rss"),
    path("atom/", feeds.LatestAtomFeed(), name="atom"),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
    re_path(
        r"^anh/(?P<pk>[0-9]+)/(?P<variant>full|thumb)\.(?P<ext>jpg|png)$",
        public_views.image,
        name="image",
    ),
    path("tep/<int:pk>/<str:name>", public_views.attachment, name="attachment"),
    path("<slug:category>/", public_views.category, name="category"),
    path("<slug:category>/rss/", feeds.CategoryFeed(), name="category_rss"),
    path("<slug:category>/atom/", feeds.CategoryAtomFeed(), name="category_atom"),
    path("<slug:category>/<slug:slug>/", public_views.article, name="article"),
]
