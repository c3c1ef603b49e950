from assurance.sso import rules

DOMAINS = frozenset({"council.gov.uk"})


def test_email_domain():
    assert rules.email_domain("Ann@Council.GOV.uk") == "council.gov.uk"
    assert rules.email_domain("no-at-sign") == ""
    assert rules.email_domain("@council.gov.uk") == ""


def test_domains_written_any_way():
    assert rules.parse_domains("a.gov.uk, @B.gov.uk\nc.gov.uk;") == {
        "a.gov.uk",
        "b.gov.uk",
        "c.gov.uk",
    }
    assert rules.parse_domains(["A.gov.uk."]) == {"a.gov.uk"}
    assert rules.parse_domains("  ") == frozenset()


def test_only_a_verified_address_on_the_providers_domain_is_enough():
    ok = {"sub": "1", "email": "ann@council.gov.uk", "email_verified": True}
    assert rules.claims_refusal(ok, DOMAINS) is None
    assert rules.claims_refusal({**ok, "email_verified": "true"}, DOMAINS) is None
    assert rules.claims_refusal({**ok, "email_verified": False}, DOMAINS) == rules.UNVERIFIED
    assert rules.claims_refusal({**ok, "email_verified": "yes"}, DOMAINS) == rules.UNVERIFIED
    assert rules.claims_refusal({"sub": "1", "email": ok["email"]}, DOMAINS) == rules.UNVERIFIED
    assert rules.claims_refusal({**ok, "email": ""}, DOMAINS) == rules.NO_EMAIL
    assert rules.claims_refusal({**ok, "email": "ann@other.gov.uk"}, DOMAINS) == (
        rules.WRONG_DOMAIN
    )
    # A subdomain is another domain: the provider vouches only for what it was given.
    assert rules.claims_refusal({**ok, "email": "ann@x.council.gov.uk"}, DOMAINS) == (
        rules.WRONG_DOMAIN
    )


def test_amr_is_a_list_of_strings():
    assert rules.amr_of({"amr": ["pwd", "mfa"]}) == ["pwd", "mfa"]
    assert rules.amr_of({"amr": "mfa"}) == ["mfa"]
    assert rules.amr_of({}) == []
    assert rules.amr_of({"amr": [{"x": 1}, "otp"]}) == ["otp"]


def test_forms_that_end_at_a_provider_may_go_to_its_origins(settings):
    from django.http import HttpResponse

    from assurance.sso.csp import allow_form_action, origin_of

    settings.SSO_EXTRA_FORM_ACTION = ["https://federation.example.org"]
    response = HttpResponse()
    allow_form_action(response, [origin_of("https://login.example.org/tenant/v2.0"), ""])
    assert response._csp_update == {
        "form-action": ["https://federation.example.org", "https://login.example.org"]
    }
    assert origin_of("not a url") == ""
