"""Answers come only from the knowledge files, short, with their source."""

from __future__ import annotations

import pytest

from bot.answers import NOT_SURE, Answerer, shorten, topic_payload


@pytest.fixture(scope="module")
def answerer(knowledge_index, council):
    return Answerer(knowledge_index, council, min_score=0.45)


def test_a_clear_question_gets_a_sourced_passage(answerer, knowledge_index):
    answer = answerer.answer("my bin wasn't emptied yesterday what do i do")
    assert answer.confident
    assert answer.topic_id == "missed-bin"
    assert answer.sources == [{"title": "Report a missed bin collection",
                               "url": "https://www.northbrook.example.gov.uk/bins/missed-collection"}]
    passages = [c.text for c in knowledge_index._chunks if c.doc_id == "missed-bin"]
    assert any(answer.text.split(".")[0] in p for p in passages)
    assert len(answer.text) <= 700


def test_placeholders_are_filled_from_the_council_config(answerer, council):
    answer = answerer.answer_topic("contact-the-council")
    assert "{" not in answer.text
    assert council.phone in answer.text or council.contact_url in answer.text


def test_a_weak_match_offers_topics_and_a_person(answerer):
    answer = answerer.answer("what is the airspeed velocity of an unladen swallow")
    assert not answer.confident
    assert answer.text == NOT_SURE
    assert answer.sources == []
    assert answer.buttons[-1] == {"title": "Talk to a person", "payload": "/request_human"}
    assert all(b["payload"].startswith("/ask_service{") for b in answer.buttons[:-1])


def test_placeholders_from_the_privacy_gate_do_not_steer_the_search(answerer):
    answer = answerer.answer("<NAME> here, my bin was missed at <ADDRESS> <POSTCODE>")
    assert answer.topic_id == "missed-bin"


@pytest.mark.parametrize("question", ["", "   ", "<NAME> <EMAIL>"])
def test_nothing_to_search_is_not_sure(answerer, question):
    assert not answerer.answer(question).confident


def test_picking_a_topic_answers_with_its_opening_section(answerer, knowledge_index):
    answer = answerer.answer_topic("blue-badge")
    first, second, third = knowledge_index.sections_of("blue-badge")[:3]
    assert answer.confident and answer.topic_id == "blue-badge"
    assert answer.text.startswith(first.text[:40])
    assert [b["title"] for b in answer.buttons] == [second.heading, third.heading]


def test_picking_a_section_answers_with_it_and_offers_the_next(answerer, knowledge_index):
    sections = knowledge_index.sections_of("missed-bin")
    answer = answerer.answer_topic(sections[1].id)
    assert answer.text.startswith(sections[1].text[:40])
    assert answer.buttons[0] == {"title": sections[2].heading, "payload": topic_payload(sections[2].id)}


@pytest.mark.parametrize("ref", ["no-such-topic", "missed-bin#no-such-section", "", "#"])
def test_an_unknown_choice_is_not_sure(answerer, ref):
    answer = answerer.answer_topic(ref)
    assert not answer.confident
    assert answer.buttons == [{"title": "Talk to a person", "payload": "/request_human"}]


def test_a_confident_answer_offers_the_pages_next_steps_in_order(answerer, knowledge_index):
    answer = answerer.answer("my bin wasn't emptied yesterday what do i do")
    sections = knowledge_index.sections_of("missed-bin")
    answered = next(i for i, c in enumerate(sections) if answer.text.startswith(c.text[:40]))
    following = [c.heading for c in sections[answered + 1:answered + 3]]
    assert [b["title"] for b in answer.buttons][:len(following)] == following
    assert "How to report a missed bin" in [b["title"] for b in answer.buttons]
    assert len(answer.buttons) <= 3


def test_topic_payloads_are_rasa_intents_with_an_entity():
    assert topic_payload("missed-bin") == '/ask_service{"topic_id":"missed-bin"}'


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("One. Two. Three.", 100, "One. Two. Three."),
        ("First sentence here. Second sentence here. Third.", 30, "First sentence here."),
        ("word " * 50, 20, "word word word…"),
    ],
)
def test_shorten_keeps_whole_sentences(text, limit, expected):
    assert shorten(text.strip(), limit) == expected
