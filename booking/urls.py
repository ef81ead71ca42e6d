from django.urls import path

from .views import flow, manage, waitlist

app_name = "booking"

urlpatterns = [
    path("", flow.start, name="start"),
    path("details/", flow.details, name="details"),
    path("review/", flow.review, name="review"),
    path("confirm/", flow.confirm, name="confirm"),
    path("done/", flow.done, name="done"),
    path("manage/<str:token>/", manage.manage, name="manage"),
    path("manage/<str:token>/cancel/", manage.manage_cancel, name="manage_cancel"),
    path("manage/<str:token>/reschedule/", manage.reschedule_days, name="reschedule_days"),
    path(
        "manage/<str:token>/reschedule/confirm/",
        manage.reschedule_confirm,
        name="reschedule_confirm",
    ),
    path(
        "manage/<str:token>/reschedule/<str:day>/",
        manage.reschedule_times,
        name="reschedule_times",
    ),
    path("manage/<str:token>/calendar.ics", manage.calendar, name="calendar"),
    path("waitlist/joined/", waitlist.joined, name="waitlist_joined"),
    path("waitlist/<slug:type_slug>/", waitlist.join, name="waitlist_join"),
    path("offer/<str:token>/", waitlist.offer, name="waitlist_offer"),
    path("offer/<str:token>/pass/", waitlist.offer_decline, name="waitlist_offer_decline"),
    path("<slug:type_slug>/", flow.days, name="days"),
    path("<slug:type_slug>/<str:day>/", flow.times, name="times"),
]
