from django.urls import reverse

from tests.access.matrix import EVERYONE, no_target

SIGNED_IN_REDIRECTED = dict.fromkeys(EVERYONE, 302)

ENTRIES = {
    # Open to anyone; a signed-in person is sent on to the home page.
    "sso:start": no_target(
        lambda: reverse("sso:start"), (), public=True, overrides=SIGNED_IN_REDIRECTED
    ),
    # Open to anyone, answered only for a sign-in this browser started: otherwise 400.
    "sso:callback": no_target(lambda: reverse("sso:callback"), (), public=True, ok=400),
}


def _service_entries():
    from tests.access.services import no_target_service

    from .. import services as s
    from ..models import IdentityProvider

    def provider():
        return IdentityProvider(
            name="Matrix council",
            issuer="https://login.example.org/tenant/v2.0",
            client_id="client",
            email_domains="matrix-council.example",
        )

    def saved():
        record = provider()
        record.save()
        return record

    admin = ("administrator",)
    return {
        "sso.identity_provider_save": no_target_service(
            lambda w, a: s.identity_provider_save(actor=a, provider=provider()), admin
        ),
        "sso.identity_provider_delete": no_target_service(
            lambda w, a: s.identity_provider_delete(actor=a, provider=saved()), admin
        ),
    }


SERVICES = _service_entries()
