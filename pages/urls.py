from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("team/", views.team, name="team"),
    path("team/photo/<int:member_id>-<slug:version>.jpg", views.team_photo, name="team_photo"),
    path("<slug:slug>/", views.page_detail, name="detail"),
]
