"""Create forms that save once, however often they are submitted.

A form that creates something inherits ``OnceOnlyFormMixin`` (after the
GOV.UK mixin): it carries a hidden one-time token. The view wraps its call to
the service in ``submitted_once``:

    with submitted_once(request, form) as once:
        if once.repeat_url:
            return once.repeat()
        thing = services.thing_create(actor=request.user, **form.cleaned_data)
        return once.done(redirect("app:thing", pk=thing.pk))

The token is claimed in the same transaction as the write, so a second
submission of the same form (even one arriving while the first is still being
saved: the unique index makes it wait) creates nothing and is sent where the
first one went. A submission the service refuses releases its token, so the
person can correct the form and send it again."""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .models import SubmissionToken

FIELD = "submission_token"
KEEP_FOR = timedelta(days=1)


class OnceOnlyFormMixin:
    """Adds the hidden token; ``form.submission_token`` holds the submitted one
    and ``cleaned_data`` never does, so views can pass it to a service whole."""

    submission_token = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64, initial=secrets.token_hex(16)
        )

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.submission_token = self.cleaned_data.pop(FIELD, "") or ""


class _Once:
    def __init__(self, request, record: SubmissionToken | None, repeat_url: str | None):
        self.request, self.record, self.repeat_url = request, record, repeat_url
        self.finished = False

    def repeat(self) -> HttpResponse:
        messages.info(self.request, "That form had already been sent: it was saved once.")
        return redirect(self.repeat_url)

    def done(self, response: HttpResponse) -> HttpResponse:
        self.finished = True
        if self.record is not None and isinstance(response, HttpResponseRedirect):
            self.record.result_url = response.url[:500]
            self.record.save(update_fields=["result_url"])
        return response


def _back(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else "/"


@contextmanager
def submitted_once(request, form):
    token = getattr(form, "submission_token", "")
    if not token:  # a client that sends no token gets no protection, and no refusal
        yield _Once(request, None, None)
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = SubmissionToken.objects.create(token=token, user=request.user)
        except IntegrityError:
            first = SubmissionToken.objects.filter(token=token, user=request.user).first()
            yield _Once(request, None, (first.result_url if first else "") or _back(request))
            return
        once = _Once(request, record, None)
        yield once
        if not once.finished:
            record.delete()  # refused: the same form may be sent again
        SubmissionToken.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
