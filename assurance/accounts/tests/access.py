from django.urls import reverse

from tests.access.matrix import BOTH, COUNCIL_READERS, EVERYONE, OWN_ONLY, Entry, no_target, roles

SIGNED_IN_REDIRECTED = dict.fromkeys(EVERYONE, 302)

ENTRIES = {
    "accounts:login": no_target(
        lambda: reverse("accounts:login"), (), public=True, overrides=SIGNED_IN_REDIRECTED
    ),
    "accounts:logout": no_target(
        lambda: reverse("accounts:logout"), EVERYONE, method="post", ok=302
    ),
    "accounts:profile": no_target(lambda: reverse("accounts:profile"), EVERYONE),
    "accounts:audit": no_target(lambda: reverse("accounts:audit"), ["administrator"]),
    "accounts:audit_export": no_target(lambda: reverse("accounts:audit_export"), ["administrator"]),
    "accounts:devices": no_target(lambda: reverse("accounts:devices"), EVERYONE),
    "accounts:sign_out_everywhere": no_target(
        lambda: reverse("accounts:sign_out_everywhere"), EVERYONE, method="post", ok=302
    ),
    "accounts:api_tokens": no_target(lambda: reverse("accounts:api_tokens"), EVERYONE),
    # Only the user's own tokens exist for them: any other is not found.
    "accounts:api_token_revoke": no_target(
        lambda: reverse("accounts:api_token_revoke", args=[999_999]),
        EVERYONE,
        method="post",
        ok=404,
    ),
    "accounts:confirm_password": no_target(lambda: reverse("accounts:confirm_password"), EVERYONE),
    "accounts:password_change": no_target(lambda: reverse("accounts:password_change"), EVERYONE),
    "accounts:password_change_done": no_target(
        lambda: reverse("accounts:password_change_done"), EVERYONE
    ),
    "accounts:password_reset": no_target(
        lambda: reverse("accounts:password_reset"), (), public=True
    ),
    "accounts:password_reset_done": no_target(
        lambda: reverse("accounts:password_reset_done"), (), public=True
    ),
    "accounts:password_reset_confirm": no_target(
        lambda: reverse("accounts:password_reset_confirm", args=["MQ", "not-a-token"]),
        (),
        public=True,
    ),
    "accounts:password_reset_complete": no_target(
        lambda: reverse("accounts:password_reset_complete"), (), public=True
    ),
    # Only the invited person's own pending invitation exists for them: any other is not found.
    "accounts:invitation_accept": no_target(
        lambda: reverse("accounts:invitation_accept", args=[999_999]),
        EVERYONE,
        method="post",
        ok=404,
    ),
    # Two-factor authentication: each person's own, so every signed-in role alike.
    # The matrix signs in with force_login, which passes the second factor for
    # roles that need it (two_factor_support.py): the check page sends them on.
    "accounts:two_factor": no_target(lambda: reverse("accounts:two_factor"), EVERYONE),
    "accounts:two_factor_setup": no_target(lambda: reverse("accounts:two_factor_setup"), EVERYONE),
    "accounts:two_factor_verify": no_target(
        lambda: reverse("accounts:two_factor_verify"), EVERYONE, ok=302
    ),
    "accounts:two_factor_recovery_codes": no_target(
        lambda: reverse("accounts:two_factor_recovery_codes"), EVERYONE
    ),
    "accounts:two_factor_recovery_codes_new": no_target(
        lambda: reverse("accounts:two_factor_recovery_codes_new"),
        EVERYONE,
        method="post",
        ok=302,
    ),
    "accounts:two_factor_turn_off": no_target(
        lambda: reverse("accounts:two_factor_turn_off"), EVERYONE
    ),
    "accounts:security_keys": no_target(lambda: reverse("accounts:security_keys"), EVERYONE),
    # Only one's own keys exist for one: any other is not found.
    "accounts:security_key_remove": no_target(
        lambda: reverse("accounts:security_key_remove", args=[999_999]),
        EVERYONE,
        method="post",
        ok=404,
    ),
    "accounts:webauthn_registration_begin": no_target(
        lambda: reverse("accounts:webauthn_registration_begin"), EVERYONE, method="post"
    ),
    # Completing a ceremony that was never begun is refused as a bad request.
    "accounts:webauthn_registration_complete": no_target(
        lambda: reverse("accounts:webauthn_registration_complete"),
        EVERYONE,
        method="post",
        ok=400,
    ),
    "accounts:webauthn_authentication_begin": no_target(
        lambda: reverse("accounts:webauthn_authentication_begin"), EVERYONE, method="post"
    ),
    "accounts:webauthn_authentication_complete": no_target(
        lambda: reverse("accounts:webauthn_authentication_complete"),
        EVERYONE,
        method="post",
        ok=400,
    ),
    "accounts:webauthn_i18n": no_target(lambda: reverse("accounts:webauthn_i18n"), EVERYONE),
    # Administrators manage people in the Django admin, not on council pages.
    "accounts:people": Entry(
        url=lambda w, t: reverse("accounts:people", args=[w.org(t).pk]),
        allowed=roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH, administrator=()),
    ),
}


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from tests.access.services import Service, no_target_service

    from .. import services as s
    from ..models import AssessorAssignment, Invitation, Membership
    from .factories import UserFactory
    from .two_factor_support import give_security_key

    def own_key(actor):
        give_security_key(actor, "Spare key")  # never the last: refusals are ValidationErrors
        return give_security_key(actor)

    def a_viewer(w, t):
        return Membership.objects.create(
            user=UserFactory(), organisation=w.org(t), role="council_viewer"
        )

    lead = roles(("council_lead",), OWN_ONLY)
    admin = ("administrator",)

    def membership(w):
        return Membership(user=UserFactory(), organisation=w.own, role="council_viewer")

    def assignment(w):
        return AssessorAssignment(assessor=UserFactory(), organisation=w.other)

    def saved(record):
        record.save()
        return record

    def invitation(w, t, actor):
        # own: the actor's own invitation; other: one addressed to someone else.
        email = actor.email.lower() if t == "own" else "someone.else@example.org"
        return Invitation.objects.create(
            organisation=w.other,
            email=email,
            full_name="Invited",
            role="council_viewer",
            invited_by=w.users["council_lead"],
        )

    def token(w, t, actor):
        # own: the actor's own token; other: someone else's.
        owner = actor if t == "own" else UserFactory()
        row, _ = s.api_token_create(
            actor=w.users["council_lead"], name="x", scope="read", lifetime_days=30
        )
        row.user = owner
        row.save()
        return row

    return {
        "accounts.api_token_create": no_target_service(
            lambda w, a: s.api_token_create(actor=a, name="Portal", scope="read", lifetime_days=30),
            EVERYONE,
        ),
        "accounts.api_token_revoke": Service(
            lambda w, t, a: s.api_token_revoke(actor=a, token=token(w, t, a)),
            roles(EVERYONE, OWN_ONLY),
        ),
        "accounts.membership_save": no_target_service(
            lambda w, a: s.membership_save(actor=a, membership=membership(w)), admin
        ),
        "accounts.membership_delete": no_target_service(
            lambda w, a: s.membership_delete(actor=a, membership=saved(membership(w))), admin
        ),
        "accounts.assignment_save": no_target_service(
            lambda w, a: s.assignment_save(actor=a, assignment=assignment(w)), admin
        ),
        "accounts.assignment_delete": no_target_service(
            lambda w, a: s.assignment_delete(actor=a, assignment=saved(assignment(w))), admin
        ),
        "accounts.colleague_invite": Service(
            lambda w, t, a: s.colleague_invite(
                actor=a,
                organisation=w.org(t),
                email="new.colleague@example.org",
                full_name="New Colleague",
                role="council_viewer",
            ),
            lead,
        ),
        "accounts.membership_remove": Service(
            lambda w, t, a: s.membership_remove(actor=a, membership=a_viewer(w, t)), lead
        ),
        # Only the invited person accepts an invitation, whatever role they hold.
        "accounts.invitation_accept": Service(
            lambda w, t, a: s.invitation_accept(actor=a, invitation=invitation(w, t, a)),
            roles(EVERYONE, OWN_ONLY),
        ),
        # Two-factor authentication: a person changes only their own (refusals for
        # a role that needs it are ValidationErrors, not permission).
        "accounts.two_factor_app_confirm": no_target_service(
            lambda w, a: s.two_factor_app_confirm(actor=a, key="00" * 20, code="000000"),
            EVERYONE,
        ),
        "accounts.recovery_codes_replace": no_target_service(
            lambda w, a: s.recovery_codes_replace(actor=a), EVERYONE
        ),
        "accounts.two_factor_turn_off": no_target_service(
            lambda w, a: s.two_factor_turn_off(actor=a), EVERYONE
        ),
        "accounts.security_key_remove": no_target_service(
            lambda w, a: s.security_key_remove(actor=a, key=own_key(a)), EVERYONE
        ),
        "accounts.two_factor_reset": no_target_service(
            lambda w, a: s.two_factor_reset(actor=a, user=UserFactory()), admin
        ),
        # The owner's own account only (a completed password reset proves them).
        "accounts.sign_in_lockout_lift": no_target_service(
            lambda w, a: s.sign_in_lockout_lift(actor=a), EVERYONE
        ),
    }


SERVICES = _service_entries()
