"""Staff pages outside the model admins: second-factor sign-in, enrolment, backup codes.

Mounted under the admin URL by ClinicAdminSite.get_urls; thin views over staff.two_factor.
"""

import django_otp
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from staff import two_factor
from staff.audit import audit_record
from staff.forms import ConfirmAuthenticatorForm, SecondFactorForm


def _next_url(request) -> str:
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _context(request, **extra):
    site = admin.site
    return {
        **site.each_context(request),
        REDIRECT_FIELD_NAME: _next_url(request),
        **extra,
    }


def two_factor_verify(request):
    """Ask for the second factor after the password; send new staff to enrolment."""
    user = request.user
    if getattr(user, "is_verified", lambda: False)():
        return HttpResponseRedirect(_next_url(request))
    if not two_factor.user_has_second_factor(user=user):
        return redirect(f"{reverse('admin:staff_two_factor_setup')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.second_factor_check(user=user, token=form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            audit_record(request=request, action="login", obj=user, detail="second factor")
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "token",
            "That code was not accepted. Check that your phone's clock is right; after "
            "several wrong codes, wait a few seconds before the next try.",
        )
    return TemplateResponse(
        request,
        "staff/two_factor_verify.html",
        _context(request, form=form, title="Second step: enter your code"),
    )


def two_factor_setup(request):
    """Enrol an authenticator app (QR code drawn on the server) and hand out backup codes.

    Only for someone without a confirmed device, or already verified in this session:
    a password alone never adds a device to an account that already has one.
    """
    user = request.user
    if two_factor.user_has_second_factor(user=user) and not user.is_verified():
        return redirect("admin:staff_two_factor")
    key = two_factor.totp_setup_key(session=request.session)
    form = ConfirmAuthenticatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.totp_device_confirm(
            user=user, key=key, token=form.cleaned_data["token"]
        )
        if device is not None:
            del request.session[two_factor.SETUP_SESSION_KEY]
            django_otp.login(request, device)
            codes = two_factor.backup_codes_generate(user=user)
            audit_record(request=request, action="add", obj=device, detail="authenticator added")
            return TemplateResponse(
                request,
                "staff/backup_codes.html",
                _context(request, codes=codes, title="Your backup codes", just_enrolled=True),
            )
        form.add_error("token", "That code did not match. Scan again, or type the key.")
    candidate = two_factor.totp_candidate(user=user, key=key)
    return TemplateResponse(
        request,
        "staff/two_factor_setup.html",
        _context(
            request,
            form=form,
            qr_svg=two_factor.totp_qr_svg(device=candidate),
            typed_key=two_factor.totp_key_for_typing(device=candidate),
            title="Set up your authenticator app",
        ),
    )


def backup_codes(request):
    """How many backup codes are left; a POST replaces them with a new set, shown once."""
    if request.method == "POST":
        codes = two_factor.backup_codes_generate(user=request.user)
        messages.success(request, "New backup codes made. The old ones no longer work.")
        return TemplateResponse(
            request,
            "staff/backup_codes.html",
            _context(request, codes=codes, title="Your backup codes"),
        )
    return TemplateResponse(
        request,
        "staff/backup_codes.html",
        _context(
            request,
            remaining=two_factor.backup_codes_remaining(user=request.user),
            title="Backup codes",
        ),
    )
