"""Following by e-mail, mounted at /volgen/."""

from django.urls import path

from milestones.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("verstuurd/", views.sent, name="sent"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("beheren/<str:token>/", views.manage, name="manage"),
    path("mijn-abonnementen/", views.mine, name="mine"),
]
