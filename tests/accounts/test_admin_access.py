"""Who gets into the CMS, and how: allauth login, second factor, trainer rights."""

from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

from audiences.models import AudiencePage
from tests.factories import DEFAULT_PASSWORD, enrol_totp, make_staff, make_user


def totp_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return f"{hotp_value(secret, counter):06d}"


def test_trainer_logs_in_with_password_and_code_then_edits_a_page(client, staff_groups):
    trainer = make_user(groups=[staff_groups["CAC trainers"]])
    secret = enrol_totp(trainer)

    response = client.post(
        "/accounts/login/", {"login": trainer.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    youth = AudiencePage.objects.get(slug="youth")
    edit_url = f"/admin/pages/{youth.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "title": "Training for teens",
            "slug": "youth",
            "audience": youth.audience_id,
            "door_label": youth.door_label,
            "intro": '{"blocks":[{"key":"a","text":"Hello","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    youth.refresh_from_db()
    assert youth.title == "Training for teens"


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, staff_groups):
    trainer = make_user(groups=[staff_groups["CAC trainers"]])
    client.force_login(trainer)
    for url in ("/admin/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/"
    html = client.get("/accounts/2fa/").content.decode()
    assert "two-factor" in html.lower()


def test_staff_mfa_can_be_switched_off_for_local_development(
    client, staff_groups, settings
):
    settings.REQUIRE_STAFF_MFA = False
    client.force_login(make_user(groups=[staff_groups["CAC trainers"]]))
    assert client.get("/admin/").status_code == 200


def test_learners_need_no_second_factor(client, home):
    client.force_login(make_user())
    assert client.get("/my-training/").status_code == 200


def test_trainer_cannot_manage_users_or_groups(client, staff_groups):
    make_staff(client=client, group=staff_groups["CAC trainers"])
    for url in (
        "/admin/users/",
        "/admin/users/new/",
        "/admin/groups/",
        "/admin/groups/new/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert not response["Location"].startswith(url)


def test_learner_gets_no_admin_access(client, home):
    learner = make_user()
    client.post(
        "/accounts/login/", {"login": learner.email, "password": DEFAULT_PASSWORD}
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/" not in response["Location"].split("?")[0]
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 302


def test_admin_logins_go_through_allauth(client, home):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Django's own admin, a second way in, is not served at all.
    assert client.get("/django-admin/login/").status_code == 404
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_staff_get_recovery_codes_with_their_authenticator(client, staff_groups):
    trainer = make_staff(client=client, group=staff_groups["CAC trainers"])
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(trainer)
    assert Authenticator.objects.filter(
        user=trainer, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    # Seeing the codes asks for the password again (allauth reauthentication).
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200
    codes = RecoveryCodes(
        Authenticator.objects.get(user=trainer, type="recovery_codes")
    ).get_unused_codes()
    assert len(codes) >= 8 and codes[0] in response.content.decode()
