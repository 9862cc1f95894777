from audiences.models import AudiencePage
from tests.factories import DEFAULT_PASSWORD, make_user


def login(client, user):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


def test_trainer_logs_in_and_edits_a_page(client, staff_groups):
    trainer = make_user(
        email="trainer@example.org", groups=[staff_groups["CAC trainers"]]
    )
    login(client, trainer)
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


def test_trainer_cannot_manage_users(client, staff_groups):
    trainer = make_user(groups=[staff_groups["CAC trainers"]])
    login(client, trainer)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)


def test_learner_gets_no_admin_access(client, home):
    learner = make_user()
    login(client, learner)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/" not in response["Location"].split("?")[0]
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 302


def test_admin_logins_go_through_allauth(client, home):
    for url in ("/admin/login/", "/django-admin/login/"):
        response = client.get(url + "?next=/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
