"""The simulated people of the load test: anonymous youth, providers, a trainer.

Run by bench/load/stack.py as `locust --headless -f bench/load/locustfile.py`,
never imported by pytest (Locust patches the standard library with gevent).
Reads the plan bench/load/site_plan.py made (LOAD_PLAN, a JSON file) and
appends one JSON line per thing the site said it kept to LOAD_RECORDS, which
site_plan.lost_records checks in the database afterwards.

Every request goes to the host Locust is given (127.0.0.1) and never follows a
redirect by itself: each step says what it expects, so a 302 where a 200 was
due is a failure in the report, and a 5xx is also recorded as a lost step.
"""

import http.cookiejar
import io
import itertools
import json
import os
import random
import re
import time
import zipfile
from pathlib import Path

from locust import HttpUser, between, constant, task

# The production site's cookies are Secure, and this client speaks plain http
# to 127.0.0.1 (no TLS proxy in the stack): send them anyway, as the proxy's
# browser would. requests copies every cookie jar with the default policy, so
# the policy class itself is changed, in this load client's process only.
http.cookiejar.DefaultCookiePolicy.return_ok_secure = lambda *args: True

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
RECORDS = os.environ["LOAD_RECORDS"]
PAUSE = [float(seconds) for seconds in os.environ.get("LOAD_PAUSE", "1,3").split(",")]
# Some youth get the quiz wrong on purpose: a failed attempt must be kept too.
YOUTH_RIGHT_SHARE = 0.7
PROVIDER_RIGHT_SHARE = 0.9
ZIP_POLLS = 300

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="question-(\d+)" value="(\d+)"')
DOWNLOAD = re.compile(r'href="[^"]*/certificates/([A-Za-z0-9-]+)/download/"')
JOB_DOWNLOAD = re.compile(r'href="([^"]*/reports/jobs/\d+/download/)"')

_visitor_numbers = itertools.count(1)
_accounts = iter(PLAN["accounts"])


def record(event: str, **fields) -> None:
    # One write per line: gevent switches greenlets only on I/O waits, so a
    # line is never interleaved with another.
    with open(RECORDS, "a") as records:
        records.write(json.dumps({"event": event, **fields}) + "\n")


def form_token(html: str) -> str:
    found = CSRF_TOKEN.search(html)
    return found.group(1) if found else ""


def quiz_answers(html: str, answer_key: dict, *, right: bool) -> dict:
    """{question id: [choice ids]} for the questions on the page: all right or
    all wrong (a question with no wrong choice is answered right)."""
    choices = {}
    for question_id, choice_id in CHOICE.findall(html):
        choices.setdefault(question_id, []).append(int(choice_id))
    answers = {}
    for question_id, offered in choices.items():
        correct = sorted(answer_key.get(question_id, []))
        wrong = [choice for choice in offered if choice not in correct]
        answers[question_id] = correct if right or not wrong else wrong[:1]
    return answers


def new_address() -> str:
    """A visitor's own address, as the site's proxy forwards it (the stack
    trusts one proxy): per-address limits then count people, not the client."""
    number = next(_visitor_numbers)
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


class Visitor(HttpUser):
    abstract = True
    wait_time = between(*PAUSE)
    address = "10.255.255.254"

    def new_visit(self) -> None:
        self.client.cookies.clear()
        self.address = new_address()

    def step(self, name, path, *, method="GET", data=None, expect=200, headers=()):
        """One request, marked failed in the report unless it answers `expect`."""
        headers = {
            "Referer": self.host + path,
            "X-Forwarded-For": self.address,
            **dict(headers),
        }
        with self.client.request(
            method,
            path,
            name=name,
            data=data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code >= 500:
                record("server_error", step=name, status=response.status_code)
            if response.status_code == expect:
                response.success()
            else:
                response.failure(f"{response.status_code} instead of {expect}")
        return response

    def post_form(self, name, path, token, *, expect=302, **fields):
        data = {"csrfmiddlewaretoken": token, **fields}
        return self.step(name, path, method="POST", data=data, expect=expect)

    def finish_lessons(self, who: str, module: dict) -> bool:
        for lesson in module["lessons"]:
            page = self.step("lesson", lesson)
            self.wait()
            finished = self.post_form(
                "lesson: mark finished", lesson, form_token(page.text)
            )
            if finished.status_code != 302:
                return False
            record("lesson_finished", who=who, lesson=lesson)
        return True

    def take_final_quiz(self, who: str, module: dict, *, right: bool) -> bool | None:
        """Start, save half, submit all: True if passed, None if it broke off."""
        page = self.step("module", module["url"])
        start = self.post_form(
            "quiz: start",
            f"/quizzes/start/{module['id']}/final/",
            form_token(page.text),
        )
        attempt_url = start.headers.get("Location", "")
        if "/attempts/" not in attempt_url:
            return None
        public_id = attempt_url.rstrip("/").rsplit("/", 1)[1]
        form = self.step("quiz: questions", attempt_url)
        token = form_token(form.text)
        answers = quiz_answers(form.text, module["answer_key"], right=right)
        half = dict(list(answers.items())[: max(len(answers) // 2, 1)])
        if not self.save_answers(who, attempt_url, public_id, token, half):
            return None
        self.wait()
        fields = {f"question-{qid}": choices for qid, choices in answers.items()}
        record("sending", who=who, attempt=public_id, answers=answers, submit=True)
        submitted = self.post_form(
            "quiz: submit", attempt_url, token, action="submit", **fields
        )
        if submitted.status_code != 302:
            return None
        record("submitted", who=who, attempt=public_id, answers=answers, passed=right)
        self.step("quiz: result", submitted.headers["Location"])
        return right

    def save_answers(self, who, attempt_url, public_id, token, answers) -> bool:
        """The page's autosave: JSON back, the learner stays on the page."""
        fields = {f"question-{qid}": choices for qid, choices in answers.items()}
        record("sending", who=who, attempt=public_id, answers=answers, submit=False)
        saved = self.step(
            "quiz: autosave",
            attempt_url,
            method="POST",
            data={"csrfmiddlewaretoken": token, "action": "save", **fields},
            headers={"Accept": "application/json"},
        )
        if saved.status_code != 200 or not saved.json().get("saved"):
            return False
        record("saved", who=who, attempt=public_id, answers=answers)
        return True


class AnonymousYouth(Visitor):
    """A young person with no account: reads the module, takes the quiz."""

    weight = 3

    @task
    def learn_a_module(self):
        self.new_visit()  # each journey is a new visitor
        who = f"youth-{self.address}"
        module = PLAN["youth"]
        self.step("home", "/")
        self.step("audience", module["url"].rstrip("/").rsplit("/", 1)[0] + "/")
        self.step("module", module["url"])
        self.wait()
        if self.finish_lessons(who, module):
            right = random.random() < YOUTH_RIGHT_SHARE
            self.take_final_quiz(who, module, right=right)


class Provider(Visitor):
    """A mandated reporter: signs in, learns, passes, claims the certificate."""

    weight = 2

    @task
    def earn_a_certificate(self):
        account = next(_accounts, None)
        if account is None:
            return  # every prepared account has had its turn
        self.new_visit()
        who = account["email"]
        login = self.step("sign in: form", "/accounts/login/")
        signed_in = self.post_form(
            "sign in",
            "/accounts/login/",
            form_token(login.text),
            login=who,
            password=account["password"],
        )
        if signed_in.status_code != 302:
            return
        module = PLAN["providers"]
        self.step("audience", module["url"].rstrip("/").rsplit("/", 1)[0] + "/")
        self.step("module", module["url"])
        if not self.finish_lessons(who, module):
            return
        right = random.random() < PROVIDER_RIGHT_SHARE
        if self.take_final_quiz(who, module, right=right):
            self.claim_certificate(who, module)

    def claim_certificate(self, who: str, module: dict) -> None:
        claim_url = f"/certificates/claim/{module['id']}/"
        form = self.step("certificate: claim form", claim_url)
        claimed = self.post_form(
            "certificate: claim",
            claim_url,
            form_token(form.text),
            printed_name=who.split("@")[0],
        )
        if claimed.status_code != 302:
            return
        page = self.step("certificate: claimed", claim_url)
        code = DOWNLOAD.search(page.text)
        if code is None:
            return
        record("certificate", who=who, code=code.group(1))
        pdf = self.step("certificate: PDF", f"/certificates/{code.group(1)}/download/")
        if not pdf.content.startswith(b"%PDF"):
            record("server_error", step="certificate: PDF", status="not a PDF")


class Trainer(Visitor):
    """A CAC trainer exporting every certificate as a ZIP, again and again."""

    fixed_count = 1
    wait_time = constant(PAUSE[1])

    def on_start(self):
        self.client.cookies.set("sessionid", PLAN["trainer_session"])

    @task
    def export_certificates(self):
        zip_url = "/admin/reports/certificates/zip/"
        confirm = self.step("admin: ZIP confirm", zip_url)
        clicked = time.monotonic()
        started = self.post_form("admin: ZIP start", zip_url, form_token(confirm.text))
        job_url = started.headers.get("Location", "")
        if "/reports/jobs/" not in job_url:
            return
        for _ in range(ZIP_POLLS):
            page = self.step("admin: job progress", job_url)
            download = JOB_DOWNLOAD.search(page.text)
            if download or "failed" in page.text.lower():
                break
            self.wait()
        if download is None:
            return
        archive = self.step("admin: ZIP download", download.group(1))
        entries = len(zipfile.ZipFile(io.BytesIO(archive.content)).namelist())
        job = int(job_url.rstrip("/").rsplit("/", 1)[1])
        waited = round(time.monotonic() - clicked, 1)
        record("zip", job=job, entries=entries, seconds=waited)
