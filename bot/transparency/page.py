"""The transparency record as an HTML page in GOV.UK Frontend's styles,
in the shared page layout.

Every value is escaped here, and only `https://` or site-relative addresses
become links, so nothing in the config or on disk can inject markup. The
page has no scripts and no inline styles: the gateway's Content-Security-
Policy allows neither.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from bot import layout
from bot.council import Council

SERVICE = "Ask the AI assistant"
COMPONENT_LABELS = {
    "dialogue": "Understanding the question",
    "actions": "Running the assistant's steps",
    "embeddings": "Comparing meanings",
    "search": "Searching the knowledge index",
    "privacy_gate": "Removing personal details",
    "names": "Finding names",
    "safety_classifier": "Spotting someone at risk",
}
SECTIONS = (
    ("summary", "Summary"),
    ("owner", "Who is responsible"),
    ("description", "What it does and why"),
    ("decisions", "Decisions and human oversight"),
    ("tool", "Models and data"),
    ("risks", "Risks and how we reduce them"),
    ("assessments", "Impact assessments"),
    ("contact", "Questions and complaints"),
)


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str | None, text: str) -> str:
    if url and (url.startswith("https://") or (url.startswith("/") and not url.startswith("//"))):
        return f'<a class="govuk-link" href="{e(url)}">{e(text)}</a>'
    return e(text)


def email(address: str | None) -> str:
    return f'<a class="govuk-link" href="mailto:{e(address)}">{e(address)}</a>' if address else ""


def when(value: str | None, with_time: bool = True) -> str:
    """An ISO date or time as a person reads it: "22 November 2026 at 02:07"."""
    if not value:
        return "not known"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{moment.day} {moment:%B %Y}"
    if not with_time or len(value) <= 10:
        return day
    zone = " UTC" if moment.utcoffset() == dt.timedelta(0) else ""
    return f"{day} at {moment:%H:%M}{zone}"


def paragraph(text: str) -> str:
    return f'<p class="govuk-body">{e(text)}</p>'


def heading(level: int, text: str, anchor: str = "") -> str:
    size = {2: "l", 3: "m"}[level]
    ident = f' id="{e(anchor)}"' if anchor else ""
    return f'<h{level} class="govuk-heading-{size}"{ident}>{e(text)}</h{level}>'


def bullets(items: list[str], escaped: bool = False) -> str:
    rows = "".join(f"<li>{item if escaped else e(item)}</li>" for item in items)
    return f'<ul class="govuk-list govuk-list--bullet">{rows}</ul>'


def summary_list(rows: list[tuple[str, str]]) -> str:
    """Rows of (key, already escaped value)."""
    body = "".join(
        f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{e(key)}</dt>'
        f'<dd class="govuk-summary-list__value">{value}</dd></div>'
        for key, value in rows)
    return f'<dl class="govuk-summary-list">{body}</dl>'


def version(value: str | None) -> str:
    return e(value) if value else "not installed on this server"


def public_page(council: Council, title: str, body: str, data_url: str, footer: list[str],
                column: str = "two-thirds") -> str:
    """A public page beside the chat: the council's website in the header,
    the chat as the service, the page's data as its JSON alternate, and a
    footer of the given paragraphs (markup, already escaped)."""
    rows = "\n".join(f'<p class="govuk-body-s">{row}</p>' for row in footer)
    return layout.render(
        title=f"{title} - {council.name}", council_name=council.name, home_url=council.website,
        service_name=SERVICE, service_url="/",
        head=f'<link rel="alternate" type="application/json" href="{e(data_url)}">',
        main=(f'<div class="govuk-grid-row">\n<div class="govuk-grid-column-{column}">\n{body}\n'
              "</div>\n</div>"),
        footer=(f'<footer class="govuk-footer">\n<div class="govuk-width-container">\n{rows}\n'
                "</div>\n</footer>"))


def footer_link(url: str, text: str) -> str:
    return f'<a class="govuk-footer__link" href="{e(url)}">{e(text)}</a>'


def render_page(record: dict[str, Any], council: Council) -> str:
    tier1, tier2 = record["tier1"], record["tier2"]
    body = "\n".join([
        f'<span class="govuk-caption-l">{e(council.name)}</span>',
        '<h1 class="govuk-heading-xl">How the AI assistant works</h1>',
        f'<p class="govuk-body-l">{e(tier1["what_it_does"])}</p>',
        _contents(),
        _summary(tier1),
        _owner(tier2["owner_and_responsibility"]),
        _description(tier2["description_and_rationale"]),
        _decisions(tier2["decision_making_process"]),
        _tool(tier2["tool_specification"]),
        _risks(tier2["risks_and_mitigations"]),
        _assessments(tier2["impact_assessments"]),
        _contact(tier1["find_out_more"]),
    ])
    data_url = tier1["find_out_more"]["data_url"]
    standard = record["standard"]
    return public_page(council, "How the AI assistant works", body, data_url, [
        f'This record follows the structure of the {footer_link(standard["url"], standard["name"])}. '
        f'It was generated on {e(when(record["generated_at"]))} from the system as it is running now. '
        f'It is also available as {footer_link(data_url, "data (JSON)")}.',
        footer_link("/", "Back to the chat"),
    ])


def _contents() -> str:
    items = "".join(f'<li><a class="govuk-link" href="#{anchor}">{e(title)}</a></li>'
                    for anchor, title in SECTIONS)
    return (f'<nav aria-labelledby="contents-title"><h2 class="govuk-heading-s" id="contents-title">'
            f'Contents</h2><ol class="govuk-list govuk-list--number">{items}</ol></nav>')


def _summary(tier1: dict[str, Any]) -> str:
    more = tier1["find_out_more"]
    phase = tier1.get("phase")
    return "\n".join([
        heading(2, "Summary", "summary"),
        summary_list([
            ("Name", e(tier1["name"])),
            ("Run by", e(tier1["organisation"])),
            ("What it does", e(tier1["what_it_does"])),
            ("How it is used", e(tier1["how_it_is_used"])),
            ("Why we use it", e(tier1["why"])),
            ("Stage", e(phase["label"]) if phase else "Not yet published by the council."),
            ("Last reviewed", e(when(tier1["last_reviewed"], with_time=False))
             if tier1["last_reviewed"] else "Not yet published by the council."),
            ("Find out more", f'Email {email(more["contact_email"])}, or read '
             f'{link(more["privacy_notice_url"], "how we use this chat")}.'),
            ("How it is doing", link(more.get("performance_url"), "Monthly figures and test results")),
        ]),
    ])


def _owner(owner: dict[str, Any]) -> str:
    dpo = owner["data_protection_officer"]
    return "\n".join([
        heading(2, "Who is responsible", "owner"),
        summary_list([
            ("Organisation", e(owner["organisation"])),
            ("Team", e(owner["team"])),
            ("Senior responsible owner", e(owner["senior_responsible_owner"])),
            ("Contact", email(owner["contact_email"])),
            ("Data protection", f'{e(dpo["role"])}, {email(dpo["email"])}'),
            ("Suppliers", e(owner["supplier"])),
        ]),
    ])


def _description(description: dict[str, Any]) -> str:
    return "\n".join([
        heading(2, "What it does and why", "description"),
        paragraph(description["detailed_description"]),
        heading(3, "What it covers"),
        paragraph(description["scope"]),
        heading(3, "What it does not do"),
        bullets(description["out_of_scope"]),
        heading(3, "Why we use it"),
        bullets(description["benefits"]),
        heading(3, "Other ways to contact us"),
        paragraph(description["alternatives"]),
    ])


def _decisions(decisions: dict[str, Any]) -> str:
    parts = [
        heading(2, "Decisions and human oversight", "decisions"),
        f'<div class="govuk-inset-text"><strong>{e(decisions["summary"])}</strong></div>',
        paragraph(decisions["process_integration"]),
        paragraph(decisions["information_provided"]),
        heading(3, "When a person takes over"),
        bullets(decisions["human_oversight"]),
    ]
    if decisions["sensitive_topics"]:
        parts += [heading(3, "Topics handed to a person at once"),
                  paragraph("Messages about any of these go to the contact team as urgent:"),
                  bullets(decisions["sensitive_topics"])]
    parts += [heading(3, "Challenging an answer"), paragraph(decisions["appeals_and_review"])]
    return "\n".join(parts)


def _tool(tool: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        f'{e(COMPONENT_LABELS.get(c["id"], c["name"]))}</th>'
        f'<td class="govuk-table__cell"><span class="govuk-!-font-weight-bold">{e(c["name"])}</span>'
        f'<br>{e(c["role"])}</td>'
        f'<td class="govuk-table__cell">{e(c["package"])} {version(c["version"])}'
        + (f'<br>{e(c["library"])} {version(c["library_version"])}' if c.get("library") else "")
        + "</td></tr>"
        for c in tool["components"])
    table = (
        '<div class="app-table-scroll" role="region" aria-label="Software and models" tabindex="0">'
        '<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">'
        'Read from the software installed on this server</caption>'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Job</th>'
        '<th scope="col" class="govuk-table__header">What does it</th>'
        '<th scope="col" class="govuk-table__header">Package and version</th></tr></thead>'
        f'<tbody class="govuk-table__body">{rows}</tbody></table></div>')
    data = tool["data"]
    return "\n".join([
        heading(2, "Models and data", "tool"),
        paragraph(tool["system_architecture"]),
        heading(3, "Software and models in use"),
        table,
        heading(3, "The dialogue model"),
        _dialogue_model(tool["dialogue_model"]),
        heading(3, "Where answers come from"),
        _index(tool["knowledge_index"], tool["answer_threshold"]),
        heading(3, "The safety net"),
        _safety(tool["safety_net"]),
        heading(3, "What goes in"),
        paragraph(data["inputs"]),
        paragraph(data["minimisation"]),
        bullets(data["minimisation_policy"]),
        paragraph(data["training"]),
        heading(3, "What is kept, and for how long"),
        bullets(data["stored"]),
        paragraph(data["retention"]["summary"]),
        paragraph(data["access"]),
        heading(3, "Your rights"),
        _rights(tool["rights"]),
    ])


def _dialogue_model(model: dict[str, Any]) -> str:
    if not model.get("available"):
        return paragraph(model["message"])
    if model.get("message"):
        return paragraph(f'{model["message"]} (file {model["file"]})')
    return summary_list([
        ("Model file", e(model["file"])),
        ("Trained", e(when(model.get("trained_at")))),
        ("Trained with", f'Rasa Open Source {version(model.get("rasa_version"))}'),
        ("Things it recognises", f'{e(model.get("intents"))} kinds of message (intents)'),
    ])


def _index(index: dict[str, Any], threshold: float) -> str:
    parts = [paragraph(index["source"])]
    if not index.get("available"):
        return "\n".join(parts + [paragraph(index["message"])])
    parts.append(summary_list([
        ("Topics", e(index.get("documents"))),
        ("Sections searched", e(index.get("chunks"))),
        ("Last built", e(when(index.get("built_at")))),
        ("Model used", e(index.get("model"))),
        ("Least similarity to answer", e(f"{threshold:g}")),
    ]))
    topics = index.get("topics") or []
    if topics:
        items = [link(t["url"], t["title"]) + (f' ({e(t["service_area"])})' if t["service_area"] else "")
                 for t in topics]
        parts.append(
            '<details class="govuk-details"><summary class="govuk-details__summary">'
            f'<span class="govuk-details__summary-text">The {len(topics)} topics it can answer '
            'about</span></summary><div class="govuk-details__text">'
            f'{bullets(items, escaped=True)}</div></details>')
    return "\n".join(parts)


def _safety(safety: dict[str, Any]) -> str:
    if not safety.get("available"):
        return paragraph(safety["message"])
    return "\n".join([
        paragraph("Every message is checked for signs that someone may be at risk before the "
                  "dialogue model sees it. The checks are phrase patterns, example sentences and a "
                  "classifier trained on example messages; all of it is data the council's "
                  "safeguarding leads can read and change."),
        summary_list([
            ("Topics it looks for", e(len(safety["categories"]))),
            ("Phrase patterns", e(safety["patterns"])),
            ("Example sentences", e(safety["exemplars"])),
            ("Harmless look-alikes", e(safety["hard_negatives"])),
            ("Training messages", e(safety["training_messages"])),
        ]),
    ])


def _rights(rights: dict[str, Any]) -> str:
    items = [e(r["description"]) for r in rights["in_chat"]]
    items.append(e(rights["other"]))
    items.append(link(rights["privacy_notice_url"], "Read the privacy notice for this chat"))
    return bullets(items, escaped=True)


def _risks(risks: list[dict[str, Any]]) -> str:
    parts = [heading(2, "Risks and how we reduce them", "risks")]
    for risk in risks:
        parts += [heading(3, risk["risk"]), bullets(risk["mitigations"])]
    return "\n".join(parts)


def _assessments(assessments: list[dict[str, Any]]) -> str:
    parts = [heading(2, "Impact assessments", "assessments")]
    if not assessments:
        return "\n".join(parts + [paragraph("None published yet.")])
    items = [f'{link(a["url"], a["name"])}, completed {e(when(a["completed"], with_time=False))}'
             for a in assessments]
    return "\n".join(parts + [bullets(items, escaped=True)])


def _contact(more: dict[str, Any]) -> str:
    regulator = more["regulator"]
    items = [
        f'Questions about this assistant: email {email(more["contact_email"])}.',
        f'To complain about the assistant or an answer it gave: '
        f'{link(more["complaints_url"], "make a complaint to the council")}.',
    ]
    if regulator.get("url"):
        items.append(f'If you are unhappy with how we handled your personal data, you can '
                     f'{link(regulator["url"], "complain to the " + regulator["name"])}.')
    return "\n".join([heading(2, "Questions and complaints", "contact"), bullets(items, escaped=True)])

