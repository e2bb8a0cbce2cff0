"""The council's details come from its config file, and only from there."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import replies
from bot.council import SENSITIVE_CATEGORIES, load_council, parse_council
from bot.handoff import wording


def test_the_demo_council_uses_fictional_numbers_and_addresses(council):
    assert council.phone.startswith("01632 960")
    assert ".example.gov.uk" in council.website
    assert all(".example.gov.uk" in u for u in (council.contact_url, council.privacy_notice_url))


def test_changing_the_file_changes_what_residents_see(tmp_path: Path, root: Path):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    data["name"] = "Southmere District Council"
    data["short_name"] = "Southmere"
    data["contact"]["phone"] = "01632 960555"
    data["privacy"]["notice_url"] = "https://www.southmere.example.gov.uk/privacy"
    path = tmp_path / "council.yml"
    path.write_text(yaml.safe_dump(data))
    other = load_council(path)
    opening = replies.disclosure(other)
    assert "Southmere" in opening and "01632 960555" in opening
    assert "https://www.southmere.example.gov.uk/privacy" in opening
    assert "01632 960555" in wording.closed_now(other, "tomorrow at 9am")


def test_the_disclosure_says_what_it_is_and_what_to_do(council):
    text = replies.disclosure(council)
    for promise in ("AI", "not a person", "published information", "personal details",
                    council.privacy_notice_url, "Talk to a person", council.phone):
        assert promise in text


def test_the_data_use_answer_names_the_rights_and_who_to_ask(council):
    text = replies.data_use(council)
    assert council.data_protection_email in text
    assert council.privacy_notice_url in text
    assert "delete" in text and "don't make decisions about you" in text


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.pop("name"), "'name' is missing"),
        (lambda d: d["contact"].pop("phone"), "'contact.phone' is missing"),
        (lambda d: d.update(privacy="yes"), "'privacy' must be a mapping"),
        (lambda d: d.update(emergency=[{"label": "Police"}]), "'emergency[0].number' is missing"),
        (lambda d: d["privacy"].update(transcript_retention_days="a month"),
         "'privacy.transcript_retention_days' must be a whole number"),
        (lambda d: d["privacy"].update(transcript_retention_days=0),
         "'privacy.transcript_retention_days' must be a whole number of days, 1 or more"),
        (lambda d: d["privacy"].update(special_category_retention_days=90),
         "'privacy.special_category_retention_days' must not be longer"),
        (lambda d: d["privacy"].update(minimisation={"NAME": "shred"}),
         "'privacy.minimisation.NAME' must be one of"),
        (lambda d: d["contact_centre"]["hours"].update(monday="9 till 5"),
         "'contact_centre.hours.monday' must be like"),
        (lambda d: d["contact_centre"]["hours"].update(friday="17:00-09:00"),
         "'contact_centre.hours.friday' closes before it opens"),
        (lambda d: d["contact_centre"]["hours"].update(funday="09:00-17:00"), "must map weekdays"),
        (lambda d: d["contact_centre"].update(timezone="Mars/Olympus"), "not a known time zone"),
        (lambda d: d["contact_centre"].update(outcomes=[]), "needs at least one outcome"),
        (lambda d: d["contact_centre"].update(closed_dates=["Christmas"]), "'contact_centre.closed_dates'"),
        (lambda d: d["contact_centre"].pop("email"), "'contact_centre.email' is missing"),
        (lambda d: d["signposting"].update(bored=["emergency"]), "'signposting.bored' is not a sensitive"),
        (lambda d: d["signposting"].update(hate_crime=["nobody"]), "names 'nobody'"),
        (lambda d: d["support_lines"].update(x={"label": "X"}), "'support_lines.x.number' is missing"),
    ],
)
def test_bad_config_names_the_key(root, mutate, message):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    mutate(data)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_council(data)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        load_council(tmp_path / "nope.yml")


def test_every_sensitive_category_has_help_lines_with_999_for_danger(council):
    assert set(council.signposting) == set(SENSITIVE_CATEGORIES)
    for category in SENSITIVE_CATEGORIES:
        assert council.help_lines(category), category
    assert [line.number for line in council.help_lines("immediate_danger")] == ["999"]
    assert "116 123" in [line.number for line in council.help_lines("suicide_self_harm")]
    assert "0808 2000 247" in [line.number for line in council.help_lines("domestic_abuse")]
    assert "08000 121 700" in [line.number for line in council.help_lines("modern_slavery")]


@pytest.mark.parametrize("category", SENSITIVE_CATEGORIES)
def test_signposting_gives_the_category_lines_and_999(council, category):
    text = wording.signposting(council, category)
    assert "999" in text
    for line in council.help_lines(category):
        assert line.number in text


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: t.pop("team"), "'transparency.team' is missing"),
        (lambda t: t.update(senior_responsible_owner=" "),
         "'transparency.senior_responsible_owner' is missing"),
        (lambda t: t.update(contact_email="digital team"), "'transparency.contact_email' must be an email"),
        (lambda t: t.update(complaints_url="www.example.gov.uk/complaints"),
         "'transparency.complaints_url' must be a web address starting with https://"),
        (lambda t: t.update(regulator_complaints_url="http://ico.org.uk/"),
         "'transparency.regulator_complaints_url' must be a web address"),
        (lambda t: t.update(public_base_url="chat.example.gov.uk"), "'transparency.public_base_url' must be"),
        (lambda t: t.update(phase="live"), "'transparency.phase' must be one of idea, design, beta"),
        (lambda t: t.update(last_reviewed="last week"), "'transparency.last_reviewed' must be a date"),
        (lambda t: t.update(last_reviewd="2026-01-01"), "'transparency.last_reviewd' is not a known key"),
        (lambda t: t.update(impact_assessments={"dpia": 1}),
         "'transparency.impact_assessments' must be a list"),
        (lambda t: t["impact_assessments"][0].pop("name"),
         "'transparency.impact_assessments[0].name' is missing"),
        (lambda t: t["impact_assessments"][1].update(completed="soon"),
         "'transparency.impact_assessments[1].completed' must be a date"),
    ],
)
def test_bad_transparency_config_names_the_key(root, mutate, message):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    mutate(data["transparency"])
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_council(data)


def test_transparency_is_a_mapping_and_optional(root):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    data["transparency"] = "see the website"
    with pytest.raises(ValueError, match="'transparency' must be a mapping"):
        parse_council(data)
    del data["transparency"]
    council = parse_council(data)
    assert council.transparency is None and council.transparency_url() == "/transparency"


def test_the_regulator_defaults_to_the_ico(root):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    del data["transparency"]["regulator_complaints_url"]
    assert parse_council(data).transparency.regulator_complaints_url == "https://ico.org.uk/make-a-complaint/"


def test_the_interpreter_facts_default_to_the_councils_own(root):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    del data["interpreter"]
    council = parse_council(data)
    line = council.interpreter_line()
    assert (line.phone, line.opening_hours, line.place) == (council.phone, council.opening_hours,
                                                            council.address)
    assert line.hours == council.contact_centre.hours


@pytest.mark.parametrize("mutate, message", [
    (lambda i: i.update(languages=["pl"]), "'interpreter.languages' is not a known key"),
    (lambda i: i["hours"].update(monday="9 till 5"), "'interpreter.hours.monday' must be like"),
    (lambda i: i.update(hours={"someday": "09:00-17:00"}), "'interpreter.hours' must map weekdays"),
])
def test_bad_interpreter_config_names_the_key(root, mutate, message):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    mutate(data["interpreter"])
    with pytest.raises(ValueError, match=message):
        parse_council(data)


def test_the_interpreter_line_is_a_published_number(root):
    data = yaml.safe_load((root / "config" / "council.yml").read_text())
    data["interpreter"]["phone"] = "01632 960321"
    assert "01632 960321" in parse_council(data).published_contacts()
