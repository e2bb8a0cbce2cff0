"""`/console/reports` handled without a server: signed-out people go to the
sign-in page, agents who are not supervisors are told why not, and a
supervisor gets the report in the console's frame, with the model lent by
the test and every database text escaped."""

from __future__ import annotations

import asyncio
import re
from types import SimpleNamespace

import pytest

from bot.agents import accounts, audit, sessions
from bot.conversations import ConversationLog
from bot.gateway import console
from bot.reports import LazyEncoder
from bot.settings import Settings
from tests.support.reports import Chats, write_knowledge

PASSWORD = "a long agent password"


@pytest.fixture()
def ask(engine, clock, council, tmp_path, embedder):
    """GETs /console/reports as `who` ("pat" the supervisor, "sam" an agent,
    or None), with the given query."""
    settings = Settings.from_env({"COUNCILBOT_KNOWLEDGE_DIR": str(write_knowledge(tmp_path / "knowledge"))})
    ctx = SimpleNamespace(db=engine, settings=settings, council=council, clock=clock,
                          report_encoder=LazyEncoder(lambda: embedder))
    tokens = {}
    for username, role in (("pat", "supervisor"), ("sam", "agent")):
        agent = accounts.add(engine, username, username.title(), role, PASSWORD, clock())
        tokens[username] = sessions.start(engine, agent.id, clock())[0]

    def get(who: str | None, **args: str):
        request = SimpleNamespace(app=SimpleNamespace(ctx=ctx), args=args,
                                  cookies={console.COOKIE: tokens[who]} if who else {})
        return asyncio.run(console.reports_page(request))
    return get


@pytest.fixture()
def chats(engine, clock) -> Chats:
    return Chats(ConversationLog(engine, clock))


def test_not_signed_in_goes_to_the_sign_in_page(ask):
    response = ask(None)
    assert response.status == 303 and response.headers["location"] == "/console"


def test_an_agent_who_is_not_a_supervisor_is_told_why_not(ask, chats):
    chats.asked("where are the nearest public toilets")
    response = ask("sam")
    body = response.body.decode()
    assert response.status == 403
    assert "You cannot see reports" in body and "Reports are for supervisors" in body
    assert "public toilets" not in body
    assert 'href="/console/reports"' not in body


def test_a_supervisor_sees_the_report_in_the_consoles_frame(ask, chats, engine):
    asked = [chats.asked("where are the nearest public toilets"),
             chats.asked('<script>alert("x")</script> <NAME> toilets')]
    response = ask("pat")
    body = response.body.decode()
    assert response.status == 200 and response.headers["Cache-Control"] == "no-store"
    assert 'class="govuk-skip-link"' in body and 'id="main-content"' in body
    assert '<a class="govuk-service-navigation__link" href="/console/reports" aria-current="page">' in body
    assert "where are the nearest public toilets" in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;NAME&gt; toilets" in body
    assert "<script>alert" not in body
    assert re.search(r'name="csrf_token" value="[^"]+"', body)
    # Nothing names a conversation.
    assert all(session_id not in body and session_id[:8] not in body for session_id in asked)
    (entry, *_) = audit.recent(engine)
    assert (entry["actor"], entry["action"], entry["detail"]) == ("pat", "report_viewed", "days=30")


@pytest.mark.parametrize(("days", "status"), [("7", 200), ("366", 200), ("0", 400), ("367", 400),
                                             ("seven", 400), ("-3", 400), ("", 200)])
def test_the_period_is_checked(ask, days, status):
    response = ask("pat", days=days)
    body = response.body.decode()
    assert response.status == status
    if status == 400:
        assert "There is a problem" in body and 'href="#days"' in body
        assert "Enter the period as a whole number of days from 1 to 366" in body
    else:
        assert f"(the last {days or 30} days)" in body
