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
    # Administrators manage people in the Django admin, not on council pages.
    "accounts:people": Entry(
        url=lambda w, t: reverse("accounts:people", args=[w.org(t).pk]),
        allowed=roles(COUNCIL_READERS, OWN_ONLY, national_analyst=BOTH, administrator=()),
    ),
}
