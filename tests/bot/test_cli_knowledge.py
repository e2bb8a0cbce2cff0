"""`councilbot knowledge validate` (reading grade, reach) and `knowledge try`,
run as an editor would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot import cli, preview
from bot.knowledge.index import build_index
from bot.preview import build_previewer
from bot.settings import Settings
from tests.support.knowledge_files import HARD, MIDDLING, PLAIN, SECOND_HEADING_LINE, knowledge_file

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 32


@pytest.fixture()
def run(monkeypatch, capsys, tmp_path):
    """`councilbot` in this process, with the council's config and an empty
    var folder unless the test says otherwise (COUNCILBOT_ names, short)."""
    monkeypatch.setenv("COUNCILBOT_COUNCIL_FILE", str(ROOT / "config" / "council.yml"))
    monkeypatch.setenv("COUNCILBOT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("COUNCILBOT_PSEUDONYM_KEY", KEY)
    for name in ("KNOWLEDGE_DIR", "INDEX_DIR", "READING_GRADE_MAX"):
        monkeypatch.delenv(f"COUNCILBOT_{name}", raising=False)

    def councilbot(*args: str, **env: object) -> tuple[int, str, str]:
        for name, value in env.items():
            monkeypatch.setenv(f"COUNCILBOT_{name}", str(value))
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err
    return councilbot


@pytest.fixture()
def bills(tmp_path) -> Path:
    return knowledge_file(tmp_path / "knowledge", "bill-help", {"Plain": PLAIN, "Hard": HARD})


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning: ")]


# -- validate: the reading grade ---------------------------------------------------

def test_validate_warns_about_the_hard_section_and_not_the_plain_one(run, bills):
    code, out, err = run("knowledge", "validate", "--no-reach", KNOWLEDGE_DIR=bills)
    assert code == 0, err
    (warning,) = _warnings(err)
    assert re.fullmatch(
        rf"warning: {re.escape(bills.as_posix())}/bill-help\.md:{SECOND_HEADING_LINE}: section 'Hard' "
        r"reads at grade \d+\.\d \(reading age \d+\.\d\), above grade 9; use shorter sentences and "
        r"everyday words", warning), warning
    assert out.splitlines() == [
        "1 knowledge files, 2 sections, 0 entries in the directory of things answered elsewhere, "
        "0 residents' words: all valid.",
        "Reading: 1 of 2 sections read above grade 9 (reading age 14); --reading lists every "
        "section's grade.",
    ]


def test_validate_reading_lists_every_section(run, bills):
    code, out, _ = run("knowledge", "validate", "--no-reach", "--reading", KNOWLEDGE_DIR=bills)
    assert code == 0
    header, plain, hard = out.splitlines()[:3]
    assert header.split() == ["grade", "age", "words", "section"]
    grade, age, words, ref = plain.split()
    assert float(grade) < 9 and float(age) == pytest.approx(float(grade) + 5, abs=0.11)
    assert ref == "bill-help#plain"
    assert int(words) == len(PLAIN.split())
    assert hard.endswith("  bill-help#hard  above 9")


@pytest.mark.parametrize(
    "grade_max, warned",
    [
        (None, ["Middling", "Hard"]),
        ("20", ["Hard"]),
        ("10", ["Hard"]),
        ("9", ["Middling", "Hard"]),
        ("1", ["Middling", "Hard"]),
    ],
)
def test_the_grade_is_a_setting(run, tmp_path, grade_max, warned):
    folder = knowledge_file(tmp_path / "knowledge", "rent-help",
                            {"Plain": PLAIN, "Middling": MIDDLING, "Hard": HARD})
    env = {"READING_GRADE_MAX": grade_max} if grade_max else {}
    code, out, err = run("knowledge", "validate", "--no-reach", KNOWLEDGE_DIR=folder, **env)
    assert code == 0
    assert [re.search(r"section '(\w+)'", w).group(1) for w in _warnings(err)] == warned
    grade = grade_max or "9"
    assert (f"Reading: {len(warned)} of 3 sections read above grade {grade} (reading age "
            f"{int(grade) + 5});") in out


@pytest.mark.parametrize(
    "value, message",
    [
        ("nine", "COUNCILBOT_READING_GRADE_MAX must be a whole number, got 'nine'"),
        ("0", "COUNCILBOT_READING_GRADE_MAX must be between 1 and 20, got 0"),
    ],
)
def test_a_bad_grade_setting_is_reported_plainly(run, bills, value, message):
    code, _, err = run("knowledge", "validate", KNOWLEDGE_DIR=bills, READING_GRADE_MAX=value)
    assert code == 2
    assert f"error: {message}" in err


def test_files_with_errors_still_get_their_reading_warnings(run, bills):
    (bills / "broken.md").write_text("no front matter", encoding="utf-8")
    code, out, err = run("knowledge", "validate", KNOWLEDGE_DIR=bills)
    assert code == 1
    assert "section 'Hard' reads at grade" in err
    assert "broken.md:1: has no front matter" in err
    assert out == ""


# -- validate: the reach check -----------------------------------------------------

def test_the_reach_check_is_skipped_without_an_index(run, bills, tmp_path):
    code, out, _ = run("knowledge", "validate", KNOWLEDGE_DIR=bills)
    assert code == 0
    assert out.splitlines()[-1] == (
        f"Reach check skipped: there is no knowledge index in {tmp_path / 'var' / 'index'}; "
        "run 'councilbot knowledge build', then validate again.")


def test_the_reach_check_is_skipped_when_the_files_changed(run, bills, tmp_path, embedder):
    index = tmp_path / "index"
    assert build_index(bills, index, embedder).report.ok
    knowledge_file(bills, "more-help", {"Plain": PLAIN})
    code, out, _ = run("knowledge", "validate", KNOWLEDGE_DIR=bills, INDEX_DIR=index)
    assert code == 0
    assert out.splitlines()[-1] == (
        f"Reach check skipped: the knowledge files changed after the index in {index} was built; "
        "run 'councilbot knowledge build', then validate again.")


def test_sections_no_question_reaches_are_warned(run, index_dir, monkeypatch):
    asked = ["how do I pay my council tax", "my bin wasn't emptied yesterday what do i do"]
    monkeypatch.setattr("bot.knowledge.reach.evaluation_questions", lambda: asked)
    code, out, err = run("knowledge", "validate", KNOWLEDGE_DIR=ROOT / "knowledge", INDEX_DIR=index_dir)
    assert code == 0, err
    summary = out.splitlines()[-1]
    sections = int(re.fullmatch(r"Reach: 2 evaluation questions reach 2 of (\d+) sections\.",
                                summary).group(1))
    unreached = [w for w in _warnings(err) if "no evaluation question reaches" in w]
    assert len(unreached) == sections - 2
    assert (f"warning: {(ROOT / 'knowledge').as_posix()}/bulky-waste.md:21: no evaluation question "
            "reaches bulky-waste#what-counts-as-bulky-waste") in unreached
    assert not [w for w in unreached if w.endswith(" pay-council-tax#ways-to-pay-your-council-tax")]


# -- try -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def previewer(index_dir):
    return build_previewer(Settings.from_env({
        "COUNCILBOT_INDEX_DIR": str(index_dir), "COUNCILBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "COUNCILBOT_COUNCIL_FILE": str(ROOT / "config" / "council.yml"), "COUNCILBOT_PSEUDONYM_KEY": KEY,
    }))


@pytest.fixture()
def attempt(run, previewer, monkeypatch):
    """`councilbot knowledge try`, with the gate and the index loaded once."""
    monkeypatch.setattr(preview, "build_previewer", lambda settings: previewer)
    return lambda *args: run("knowledge", "try", *args)


def test_try_shows_the_answer_to_the_minimised_question(attempt):
    code, out, err = attempt("How do I pay my council tax? My name is Zebedee Quartermaine, NB3 4XY")
    assert code == 0, err
    lines = out.splitlines()
    assert re.fullmatch(r"Asked as: How do I pay my council tax\? My name is <NAME:[0-9a-f]+>, "
                        r"<POSTCODE:NB3>", lines[0]), lines[0]
    assert lines[1] == "Confident: yes, from pay-council-tax#ways-to-pay-your-council-tax"
    assert lines[2] == "Reply:"
    assert lines[3].startswith("  You can pay your council tax")
    assert "Source: Pay your council tax (https://www.northbrook.example.gov.uk/council-tax/pay)" in lines
    assert lines[-1].startswith("Buttons: ")
    assert "Top topics" not in out
    assert "Zebedee" not in out + err and "Quartermaine" not in out + err and "4XY" not in out + err


@pytest.mark.parametrize(
    "question, verdict, elsewhere",
    [
        ("how do I renew my passport", "Confident: no, it is answered elsewhere (knowledge/elsewhere.yml)",
         r"Elsewhere: passports, score \d\.\d{3} \(similarity \d\.\d{3}, coverage \d\.\d\d\): chosen"),
        ("what is the best recipe for banana bread", "Confident: no",
         r"Elsewhere: .*: not chosen"),
        ("my bin wasn't emptied yesterday what do i do", "Confident: yes, from missed-bin#",
         r"Elsewhere: .*: not chosen"),
    ],
)
def test_try_why_shows_the_scores(attempt, question, verdict, elsewhere):
    code, out, _ = attempt("--why", question)
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith(verdict)
    top = lines.index("Top topics (score = similarity + lexical):")
    assert lines[top + 1].split() == ["score", "similarity", "coverage", "lexical", "topic,", "best",
                                      "section"]
    rows = lines[top + 2:top + 5]
    for row in rows:
        score, similarity, coverage, lexical = (float(x) for x in row.split()[:4])
        assert abs(score - similarity - lexical) < 0.002
        assert 0 <= coverage <= 1
    assert re.fullmatch(elsewhere, lines[top + 5]), lines[top + 5]
    assert lines[-1] == ("Confident needs: similarity >= 0.35, and coverage >= 0.4 or similarity "
                         ">= 0.5")


def test_an_unsure_reply_offers_topics_and_a_person(attempt):
    _, out, _ = attempt("what is the best recipe for banana bread")
    lines = out.splitlines()
    assert lines[1] == "Confident: no"
    assert lines[3].startswith("  I'm not sure I have the right answer to that.")
    assert lines[-1].startswith("Buttons: ") and lines[-1].endswith(" | Talk to a person")
    assert not [line for line in lines if line.startswith("Source: ")]


def test_try_json_as_it_really_runs(run, index_dir):
    """No stand-ins: the command loads the gate, the model and the index itself."""
    code, out, err = run("knowledge", "try", "--json", "--why", "--top-k", "2",
                         "my bin wasn't emptied yesterday what do i do, I'm Zebedee Quartermaine",
                         KNOWLEDGE_DIR=ROOT / "knowledge", INDEX_DIR=index_dir)
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"question", "confident", "topic", "section", "text", "sources", "buttons",
                           "why"}
    assert "Zebedee" not in out and "<NAME:" in result["question"]
    assert result["confident"] is True
    assert result["topic"] == "missed-bin" and result["section"].startswith("missed-bin#")
    assert result["sources"] == [{"title": "Report a missed bin collection",
                                  "url": "https://www.northbrook.example.gov.uk/bins/missed-collection"}]
    assert all(set(b) == {"title", "payload"} for b in result["buttons"])
    topics = result["why"]["topics"]
    assert len(topics) == 2 and topics[0]["id"] == "missed-bin"
    assert set(topics[0]) == {"id", "title", "section", "score", "similarity", "coverage", "lexical"}
    assert result["why"]["elsewhere"]["chosen"] is False
    assert "note:" not in err


def test_json_leaves_out_why_unless_asked(attempt):
    _, out, _ = attempt("--json", "how do I pay my council tax")
    assert "why" not in json.loads(out)


@pytest.mark.parametrize(
    "question, message",
    [
        ("   ", "error: Your message is empty. Please type a question."),
        ("x" * 1001, "error: Your message is longer than 1000 characters."),
    ],
)
def test_try_refuses_what_the_chat_refuses(attempt, question, message):
    code, _, err = attempt(question)
    assert code == 2
    assert err.startswith(message)


def test_try_says_when_the_index_is_older_than_the_files(attempt, previewer, monkeypatch):
    monkeypatch.setattr(previewer, "stale", "the knowledge files changed after the index in x was built")
    code, _, err = attempt("how do I pay my council tax")
    assert code == 0
    assert ("note: the knowledge files changed after the index in x was built; run 'councilbot "
            "knowledge build' to try your changes.") in err


def test_try_help_says_the_chat_asks_rasa_first(run, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["knowledge", "try", "--help"])
    assert exited.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Rasa's NLU sees the message first" in help_text
    assert "safety net hands sensitive messages to a person" in help_text
