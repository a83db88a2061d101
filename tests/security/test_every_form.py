"""Every form of the contract, fuzzed: random text in Korean, emoji, control and right-to-left
characters, huge values, wrong types, file parts, fields missing or sent twice. Whatever comes in,
the answer is never a 5xx; an answer that is not a redirect (the contract's sign of success)
changed nothing in the database, and a form shown again says what is wrong."""

from __future__ import annotations

import contextlib
import io
import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from tests.fixtures.world import build_world, snapshot
from tests.helpers import CSRF
from tests.security.forms import Form, post_forms

# (who, page): every page holding a form the contract names, as its user sees it.
FORM_PAGES = [
    ("visitor", "/"),  # the cookie banner and the language switch
    ("visitor", "/cookies"),
    ("visitor", "/consultations/new"),
    ("visitor", "/consultations/{guest_post}"),
    ("visitor", "/account/register"),
    ("visitor", "/account/register/child"),
    ("visitor", "/account/login"),
    ("visitor", "/account/login/representative"),
    ("visitor", "/reservations/request"),
    ("visitor", "/reservations/request/{request}"),
    ("visitor", "/rights"),
    ("member", "/account/rights"),
    ("staff", "/admin/rights/{rights_request}"),
    ("visitor", "/admin/login"),
    ("member", "/consultations/new"),
    ("member", "/consultations/{member_post}/edit"),
    ("member", "/account/edit"),
    ("member", "/account/withdraw"),
    ("member", "/reservations/new?date=2026-03-11"),
    ("member", "/reservations/{reservation}/move"),
    ("member", "/reservations/waitlist"),
    ("staff", "/admin/consultations/{guest_post}"),
    ("staff", "/admin/reservations/{reservation}"),
    ("staff", "/admin/reservations/requests/{request}"),
    ("staff", "/admin/reservations/new"),
    ("staff", "/admin/reservations/blocks"),
    ("owner", "/admin/settings"),
    ("owner", "/admin/policy/new"),
    ("owner", "/admin/fees"),
    ("owner", "/admin/pages"),
    ("owner", "/admin/notices/new"),
    ("owner", "/admin/treatments/new"),
    ("owner", "/admin/images"),
    ("owner", "/admin/clinic/hours"),
    ("owner", "/admin/clinic/closed"),
    ("owner", "/admin/clinic/doctors/new"),
    ("owner", "/admin/reservations/settings"),
    ("owner", "/admin/reservations/services/new"),
    ("owner", "/admin/members/news"),
    ("owner", "/admin/staff/new"),
    ("owner", "/admin/audit"),
    ("staff", "/admin/password"),
]
# Sign-out forms send nothing but their token; posting them would end the session under test.
SKIPPED_ACTIONS = ("/logout",)
# Submissions per run: enough to meet every form many times over in a CI minute; set
# CLINIC_FUZZ_EXAMPLES higher for a longer hunt.
EXAMPLES = int(os.environ.get("CLINIC_FUZZ_EXAMPLES", "500"))
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_characters="\x00"),
        st.sampled_from("가나다라한글\u200f\u202e\u0627\u05d0😀👩‍⚕️\t\r\n\x0b\x1b\ufeff"),
    ),
    max_size=300,
)
WRONG_TYPES = st.sampled_from([
    "", " ", "-1", "0", "99999999999999999999999", "1e309", "NaN", "2026-02-30", "2026-13-01",
    "24:61", "0x10", "None", "true", "[]", "{}", "<script>alert(1)</script>", "' OR 1=1 --",
    "../../etc/passwd", "%00", "ＡＢＣ", "٣",
    "가" * 30_000,  # 90 KB, over every length limit
    "가" * 180_000,  # 540 KB, over what a field may carry at all (413)
])  # fmt: skip
FILE_PART = st.binary(max_size=64).map(lambda b: (io.BytesIO(b), "part.txt"))


def _value(f):
    shown = [v for v in f.values if v is not None]
    choices = [ODD_TEXT, WRONG_TYPES, FILE_PART]
    if shown:
        choices.append(st.sampled_from(shown))
    one = st.one_of(*choices)
    return st.one_of(
        st.just(None),  # missing
        one,
        st.lists(one, min_size=2, max_size=3),  # sent more than once
    )


def _filled(form: Form):
    return st.fixed_dictionaries({f.name: _value(f) for f in form.sent})


SAYS_WHAT_IS_WRONG = ('class="error"', 'role="alert"', 'class="flash flash-')
# "Show free times" asks for the same form again for another day: nothing is wrong, nothing saved.
SHOWS_AGAIN = "show"


def test_no_form_answers_5xx_or_stores_what_it_refused(make_app):
    world = build_world(make_app, RATELIMIT_ENABLED=False)
    app = world.app
    targets: list[tuple[str, Form]] = []
    for role, page in FORM_PAGES:
        path = page.format(**world.ids)
        html = world.client(role).get(path).get_data(as_text=True)
        forms = [f for f in post_forms(html, path.split("?")[0]) if f.sent]
        forms = [f for f in forms if not f.action.endswith(SKIPPED_ACTIONS)]
        assert forms, f"no form to fill at {path} for {role}"
        targets += [(role, f) for f in forms]

    answered: Counter[int] = Counter()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.sampled_from(targets).flatmap(lambda t: st.tuples(st.just(t), _filled(t[1]))))
    def one_submission(case):
        (role, form), values = case
        client = world.client(role)
        token = CSRF.search(client.get("/cookies").get_data(as_text=True)).group(1)
        data = {"csrf_token": token, **{k: v for k, v in values.items() if v is not None}}
        before = snapshot(app)
        where = f"{role} POST {form.action} {sorted(values)}"
        # Built here, not by client.post: a multipart body over 500 KB is spooled to a temporary
        # file that the test client would leave open.
        environ = EnvironBuilder(
            form.action, method="POST", data=data, content_type="multipart/form-data"
        ).get_environ()
        with contextlib.closing(environ["wsgi.input"]), client.open(environ) as answer:
            assert answer.status_code < 500, where
            answered[answer.status_code] += 1
            if answer.status_code in (301, 302, 303):
                return
            assert snapshot(app) == before, f"{where} answered {answer.status_code} and stored"
            if answer.status_code == 200 and answer.mimetype == "text/html":
                page = answer.get_data(as_text=True)
                shown_again = SHOWS_AGAIN in data
                assert shown_again or any(mark in page for mark in SAYS_WHAT_IS_WRONG), where

    one_submission()
    # The submissions got past the CSRF check and reached the forms: many were refused as
    # invalid (422), and some were good enough to be saved (303).
    assert answered[422] > EXAMPLES // 10 and answered[303] > 0, answered
