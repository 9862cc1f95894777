"""Small builders for test data: `make_*(**overrides)` with sensible defaults."""

from allauth.account.models import EmailAddress

from accounts.models import User

DEFAULT_PASSWORD = "a-long-test-password"


def make_user(*, verified: bool = True, groups=(), **kwargs) -> User:
    kwargs.setdefault("email", f"learner{User.objects.count() + 1}@example.org")
    kwargs.setdefault("username", kwargs["email"].split("@")[0])
    kwargs.setdefault("name", "Alex Learner")
    password = kwargs.pop("password", DEFAULT_PASSWORD)
    user = User.objects.create_user(password=password, **kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=verified, primary=True
    )
    for group in groups:
        user.groups.add(group)
    return user


def rich_text(text: str) -> dict:
    return {"type": "rich_text", "value": f"<p>{text}</p>"}


def make_module(*, parent, lessons: int = 3, **kwargs):
    """A published module with `lessons` published lessons under an audience page."""
    from training.models import LessonPage, TrainingModulePage

    number = TrainingModulePage.objects.count() + 1
    kwargs.setdefault("title", f"Module {number}")
    kwargs.setdefault("slug", f"module-{number}")
    kwargs.setdefault("summary", "What this module teaches.")
    kwargs.setdefault("estimated_minutes", 20)
    module = parent.add_child(instance=TrainingModulePage(**kwargs))
    module.save_revision().publish()
    for index in range(1, lessons + 1):
        lesson = module.add_child(
            instance=LessonPage(
                title=f"Lesson {index}",
                slug=f"lesson-{index}",
                body=[rich_text(f"Lesson {index} text.")],
            )
        )
        lesson.save_revision().publish()
    return module


def audience_page(slug: str, language: str = "en"):
    from audiences.models import AudiencePage

    return AudiencePage.objects.get(slug=slug, locale__language_code=language)


def enrol_totp(user) -> str:
    """Give the user an authenticator app (as staff must have); returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def make_staff(*, client, group, **kwargs) -> User:
    """A staff member with a second factor, signed in on `client`.

    Signing in through allauth's two-step login is covered in tests/accounts;
    other admin tests start from a signed-in session.
    """
    user = make_user(groups=[group], **kwargs)
    enrol_totp(user)
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    return user
