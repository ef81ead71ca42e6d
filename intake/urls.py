from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.inquiry_step, name="start"),
    path("step/<int:number>/", views.inquiry_step, name="step"),
    path("sent/", views.inquiry_done, name="done"),
    path("s/<str:token>/", views.screening, name="screening"),
]
