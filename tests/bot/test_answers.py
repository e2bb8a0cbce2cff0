"""Answers come only from the knowledge files, short, with their source."""

from __future__ import annotations

import pytest

from bot.answers import (
    MIN_COVERAGE,
    NOT_SURE,
    SURE_SIMILARITY,
    Answerer,
    shorten,
    topic_payload,
)
from bot.knowledge.chunks import Chunk
from bot.knowledge.index import Found, TopicHit


@pytest.fixture(scope="module")
def answerer(knowledge_index, council):
    return Answerer(knowledge_index, council, min_score=0.35)


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


def test_a_confident_answer_says_which_topic_and_section_it_came_from(answerer, knowledge_index):
    first, second = knowledge_index.sections_of("missed-bin")[:2]
    for answer, chunk in [(answerer.answer_topic("missed-bin"), first),
                          (answerer.answer_topic(second.id), second)]:
        assert answer.as_message()["answer"] == {"confident": True, "topic": "missed-bin",
                                                 "section": chunk.id}
    typed = answerer.answer("how do I pay my council tax")
    assert typed.as_message()["answer"] == {"confident": True, "topic": typed.topic_id,
                                            "section": typed.section_id}
    assert typed.section_id.startswith(f"{typed.topic_id}#")


def test_a_not_sure_reply_says_it_is_not_an_answer_and_what_it_guessed(answerer):
    answer = answerer.answer("what is the airspeed velocity of an unladen swallow")
    guess = answerer.match("what is the airspeed velocity of an unladen swallow").topics[0].doc_id
    assert answer.as_message()["answer"] == {"confident": False, "declined": "not_sure", "guess": guess}
    assert answerer.answer_topic("no-such-topic").metadata() == {"confident": False}


@pytest.mark.parametrize(("question", "entry", "where"), [
    ("how do i renew my passport before we go on holiday", "passports", "https://www.gov.uk/"),
    ("is there a waiting list for an allotment plot", "allotments", "https://www.northbrook.example.gov.uk"),
    ("where can I tax my car online", "vehicle-tax-and-mot", "https://www.gov.uk/"),
])
def test_a_question_for_someone_else_is_signposted(answerer, question, entry, where):
    found = answerer.match(question)
    assert not found.confident
    assert found.elsewhere is not None and found.elsewhere.doc_id == f"elsewhere:{entry}"
    answer = answerer.answer(question)
    assert answer.metadata() == {"confident": False, "declined": "elsewhere", "guess": entry}
    assert answer.text.startswith("I can't help with ")
    assert where in answer.text and "{" not in answer.text
    assert answer.sources == []
    assert answer.buttons == [{"title": "Talk to a person", "payload": "/request_human"}]


@pytest.mark.parametrize(("question", "topic"), [
    # Near a directory entry in words, but a topic of the council's own.
    ("I need a passport to prove who I am when registering a birth", "register-a-birth"),
    ("the tree outside has knocked the street light over", "street-lights"),
    ("can i get help paying council tax if i'm on universal credit", "council-tax-support"),
])
def test_a_council_question_near_the_directory_is_still_answered(answerer, question, topic):
    found = answerer.match(question)
    assert found.elsewhere is None
    assert found.confident and found.topics[0].doc_id == topic


def test_a_question_the_pages_barely_touch_is_declined(answerer):
    found = answerer.match("which premier league team has won the most trophies")
    assert not found.confident


def test_placeholders_and_pseudonyms_do_not_sway_the_match(answerer):
    plain = answerer.match("how do I apply for a blue badge")
    with_data = answerer.match("how do I apply for a blue badge for <NAME:3fa91c> at <POSTCODE:NB3>")
    assert plain.topics[0].doc_id == with_data.topics[0].doc_id == "blue-badge"
    assert with_data.confident


class OnePage:
    """An index that always finds one page, as close as the test says."""

    def __init__(self, similarity: float, coverage: float) -> None:
        self.chunk = Chunk(id="missed-bin#report-it", doc_id="missed-bin", title="Report a missed bin",
                           heading="Report it", url="https://example.gov.uk/bins", path="missed-bin.md",
                           service_area="Waste and recycling", kind="section",
                           text="Report it online within two days.", embed_text="")
        self.similarity, self.coverage = similarity, coverage

    def find(self, query: str, top_k: int = 3) -> Found:
        return Found([TopicHit(doc_id="missed-bin", title=self.chunk.title, url=self.chunk.url,
                               path=self.chunk.path, score=self.similarity, passage=self.chunk,
                               similarity=self.similarity, coverage=self.coverage)], None)

    def sections_of(self, doc_id: str) -> list[Chunk]:
        return [self.chunk]

    def section(self, ref: str) -> Chunk | None:
        return self.chunk if ref in ("missed-bin", self.chunk.id) else None


@pytest.mark.parametrize(("similarity", "coverage", "expected"), [
    # Close in meaning: an answer, whatever the word match.
    (0.80, 0.10, {"confident": True, "topic": "missed-bin", "section": "missed-bin#report-it"}),
    (SURE_SIMILARITY, 0.0, {"confident": True, "topic": "missed-bin", "section": "missed-bin#report-it"}),
    # Let through by the word match alone: answered, but marked low.
    (SURE_SIMILARITY - 0.01, MIN_COVERAGE,
     {"confident": True, "topic": "missed-bin", "section": "missed-bin#report-it", "low": True}),
    (0.36, 0.90, {"confident": True, "topic": "missed-bin", "section": "missed-bin#report-it", "low": True}),
    # Neither: not sure, with the page it thought likeliest.
    (0.45, MIN_COVERAGE - 0.01, {"confident": False, "declined": "not_sure", "guess": "missed-bin"}),
    (0.30, 1.0, {"confident": False, "declined": "not_sure", "guess": "missed-bin"}),
])
def test_an_answer_on_a_weak_match_is_marked_low(council, similarity, coverage, expected):
    answerer = Answerer(OnePage(similarity, coverage), council, min_score=0.35)
    assert answerer.answer("was my bin missed").metadata() == expected
    assert answerer.answer_topic("missed-bin").metadata().get("low") is None

