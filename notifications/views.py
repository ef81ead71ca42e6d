"""Twilio webhooks: delivery-status callbacks and inbound texts (STOP / START / HELP).

Both are POST-only, exempt from CSRF (Twilio cannot send our token) and instead require a
valid X-Twilio-Signature; a bad or missing signature gets 403 and changes nothing.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from pages.models import SiteSettings

from . import services
from .inbound import InboundAction, inbound_action

TWIML = "application/xml"


def _has_nul(params) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in params.lists()
    )


def twilio_signature_required(view):
    """Reject any request whose X-Twilio-Signature does not match URL + POST parameters."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        signature = request.headers.get("X-Twilio-Signature", "")
        token = settings.TWILIO_AUTH_TOKEN
        # Twilio signs the public URL it called; behind a proxy that is SITE_URL, not the
        # internal host the request arrived on.
        url = settings.SITE_URL + request.get_full_path()
        if not (
            token and signature and RequestValidator(token).validate(url, request.POST, signature)
        ):
            return HttpResponseForbidden("invalid signature")
        if _has_nul(request.GET) or _has_nul(request.POST):
            # Twilio never sends a NUL byte and PostgreSQL cannot store one: refuse the
            # request (400) rather than fail on the first query (500).
            return HttpResponseBadRequest("invalid parameter")
        return view(request, *args, **kwargs)

    return wrapper


@csrf_exempt
@require_POST
@twilio_signature_required
def twilio_status(request):
    message_id = request.GET.get("message", "")
    services.message_status_record(
        provider_message_id=request.POST.get("MessageSid", ""),
        provider_status=request.POST.get("MessageStatus", ""),
        error_code=request.POST.get("ErrorCode", ""),
        message_id=int(message_id) if message_id.isascii() and message_id.isdigit() else None,
    )
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
@twilio_signature_required
def twilio_inbound(request):
    """Honour opt-out keywords; answer HELP. The text of other messages is not stored."""
    phone = request.POST.get("From", "")
    action = inbound_action(
        request.POST.get("Body", ""), opt_out_type=request.POST.get("OptOutType", "")
    )
    site = SiteSettings.load()
    reply = MessagingResponse()
    if action.kind == InboundAction.OPT_OUT:
        services.sms_opt_out(phone=phone, keyword=action.keyword)
    elif action.kind == InboundAction.OPT_IN:
        services.sms_opt_in(phone=phone)
    elif action.kind == InboundAction.HELP:
        reply.message(
            f"{site.short_name}: for help call {site.phone}. Reply STOP to stop texts. "
            "In an emergency call 911."
        )
    else:
        reply.message(
            f"{site.short_name}: this number does not read replies. Please call {site.phone}. "
            "In an emergency call 911."
        )
    return HttpResponse(str(reply), content_type=TWIML)
