from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("", views.start, name="start"),
    path("details/", views.details, name="details"),
    path("review/", views.review, name="review"),
    path("confirm/", views.confirm, name="confirm"),
    path("done/", views.done, name="done"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("manage/<str:token>/reschedule/", views.reschedule_days, name="reschedule_days"),
    path(
        "manage/<str:token>/reschedule/confirm/",
        views.reschedule_confirm,
        name="reschedule_confirm",
    ),
    path(
        "manage/<str:token>/reschedule/<str:day>/",
        views.reschedule_times,
        name="reschedule_times",
    ),
    path("manage/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("<slug:type_slug>/", views.days, name="days"),
    path("<slug:type_slug>/<str:day>/", views.times, name="times"),
]
