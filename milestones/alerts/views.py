"""The pages of following by e-mail: subscribe, the message sent, confirm, unsubscribe and
manage. A link's token is the only key: no account is needed, and a link names one address."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gr_portal.core.throttling import Limit, client_ip
from milestones.alerts import services, targets, tokens
from milestones.alerts.forms import SubscribeForm
from milestones.models import Subscription

DAY = 86400


def per_address() -> Limit:
    return Limit("alerts-address", settings.ALERTS_SUBSCRIBE_PER_ADDRESS, 3600)


def per_email() -> Limit:
    return Limit("alerts-email", settings.ALERTS_SUBSCRIBE_PER_EMAIL, DAY)


def _target(request) -> targets.Target:
    params = request.POST if request.method == "POST" else request.GET
    for word in targets.FIELDS:
        if word in params:
            found = targets.find(word, params[word])
            if found is not None:
                return found
    raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Follow one target: the address, how often, in which language. Limited per client
    address and per e-mail address, so that nobody fills a third party's inbox."""
    target = _target(request)
    initial = {"email": getattr(request.user, "email", "") or "", "language": request.LANGUAGE_CODE}
    form = SubscribeForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not per_address().hit(client_ip(request)):
            form.add_error(
                None,
                _("Te veel aanmeldingen vanaf dit adres. Probeer het over een uur opnieuw."),
            )
            status = 429
        else:
            email = services.normalised(form.cleaned_data["email"])
            # Over the limit for this address: the same answer, but no message.
            if per_email().hit(email):
                user = request.user if request.user.is_authenticated else None
                services.subscribe(
                    email,
                    target,
                    frequency=form.cleaned_data["frequency"],
                    language=form.cleaned_data["language"],
                    user=user,
                )
            return redirect(reverse("alerts:sent") + f"?{target.word}={target.slug}")
    return render(
        request,
        "milestones/alerts/subscribe.html",
        {"form": form, "target": target},
        status=status,
    )


@never_cache
def sent(request):
    return render(
        request,
        "milestones/alerts/sent.html",
        {"target": _target(request), "hours": settings.ALERTS_CONFIRM_HOURS},
    )


def _invalid(request, *, expired: bool = False):
    return render(request, "milestones/alerts/invalid.html", {"expired": expired}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """A GET shows the button (a mail scanner that opens links confirms nothing); the POST
    confirms."""
    read = tokens.read_confirm(token)
    if read is None:
        return _invalid(request, expired=True)
    subscription = Subscription.objects.filter(pk=read[0], email=read[1]).first()
    if subscription is None:
        return _invalid(request, expired=True)
    if request.method == "POST":
        subscription = services.confirm(*read)
        if subscription is None:
            return _invalid(request, expired=True)
    return render(
        request,
        "milestones/alerts/confirm.html",
        {
            "subscription": subscription,
            "target": targets.of(subscription),
            "manage_token": tokens.manage_token(subscription.email),
        },
    )


# RFC 8058: a mail client's one-click POST carries no CSRF token; the link's is the key.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    read = tokens.read_unsubscribe(token)
    if read is None:
        return _invalid(request)
    subscription = Subscription.objects.filter(pk=read[0], email=read[1]).first()
    if request.method == "POST":
        target = targets.of(subscription) if subscription is not None else None
        services.unsubscribe(*read)
        return render(request, "milestones/alerts/unsubscribed.html", {"target": target})
    if subscription is None:
        return render(request, "milestones/alerts/unsubscribed.html", {"target": None})
    return render(
        request,
        "milestones/alerts/unsubscribe.html",
        {"subscription": subscription, "target": targets.of(subscription), "token": token},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    """Every subscription of the link's address: how often, and unsubscribe one."""
    email = tokens.read_manage(token)
    if email is None:
        return _invalid(request, expired=True)
    return _manage(request, email, Subscription.objects.filter(email=email))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def mine(request):
    """A signed-in user's subscriptions: those made with the account's address (or while
    signed in), managed here without a link."""
    user = request.user
    email = services.normalised(user.email or "")
    owned = Q(user=user) | Q(email=email) if email else Q(user=user)
    return _manage(request, email or user.get_username(), Subscription.objects.filter(owned))


def _manage(request, email: str, subscriptions):
    subscriptions = subscriptions.select_related("process", "regeling", "municipality", "decision")
    if request.method == "POST":
        chosen = subscriptions.filter(pk=request.POST.get("subscription")).first()
        if chosen is not None:
            if "unsubscribe" in request.POST:
                services.unsubscribe(chosen.pk, chosen.email)
            elif request.POST.get("frequency") in Subscription.Frequency.values:
                services.set_frequency(chosen.pk, chosen.email, request.POST["frequency"])
        return redirect(request.path)
    rows = [(subscription, targets.of(subscription)) for subscription in subscriptions]
    return render(
        request,
        "milestones/alerts/manage.html",
        {"email": email, "rows": rows, "frequencies": Subscription.Frequency.choices},
    )
