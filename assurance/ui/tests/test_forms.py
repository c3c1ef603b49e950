"""run_service: the one idiom for a form's write."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from assurance.ui.forms import GovukForm, run_service


class NoteForm(GovukForm):
    note = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_valid_form_runs_the_service_flashes_and_redirects():
    request, form = _request(), NoteForm({"note": "Hello"})
    done = run_service(
        request,
        form,
        lambda data: data["note"].upper(),
        success=lambda result: f"Saved {result}.",
        then=lambda result: f"/done/{result}/",
    )
    assert done.status_code == 302 and done.url == "/done/HELLO/"
    assert [str(m) for m in get_messages(request)] == ["Saved HELLO."]


def test_a_refusal_goes_on_the_form_and_nothing_is_flashed():
    request, form = _request(), NoteForm({"note": "Hello"})

    def refuse(data):
        raise ValidationError({"note": "Not that."})

    assert run_service(request, form, refuse, success="Saved.", then="/") is None
    assert form.errors == {"note": ["Not that."]}
    assert not list(get_messages(request))


def test_an_invalid_form_never_calls_the_service():
    def fail(data):
        raise AssertionError("called")

    assert run_service(_request(), NoteForm({}), fail, success="x", then="/") is None


def test_conflicts_reach_the_caller():
    class Conflict(ValidationError):
        pass

    def conflict(data):
        raise Conflict("Someone else saved.")

    with pytest.raises(Conflict):
        run_service(
            _request(), NoteForm({"note": "x"}), conflict, success="", then="/", reraise=(Conflict,)
        )
