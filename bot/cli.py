"""`councilbot`: the command line for editors, testers and operators."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from bot.logs import configure_logging
from bot.settings import Settings


class InputLineError(ValueError):
    pass


def _read_jsonl(stream: TextIO) -> Iterator[tuple[int, dict[str, Any] | InputLineError]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            yield number, InputLineError(f"line {number} is not valid JSON")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield number, InputLineError(f"line {number} needs an object with a string 'text'")
            continue
        yield number, item


def _map_jsonl(stream: TextIO, out: TextIO, handle: Callable[[str], dict[str, Any]]) -> int:
    """One output line per input line, in order; a bad line gets an error line
    (never echoing its content) and the command exits 1 at the end."""
    failed = False
    for _number, item in _read_jsonl(stream):
        if isinstance(item, InputLineError):
            failed = True
            out.write(json.dumps({"id": None, "error": str(item)}) + "\n")
            continue
        out.write(json.dumps({"id": item.get("id"), **handle(item["text"])}, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0


def cmd_privacy_redact(args: argparse.Namespace, settings: Settings) -> int:
    from bot.council import load_council
    from bot.privacy import build_redactor

    council = load_council(settings.council_file)
    redactor = build_redactor(council.own_words(), council.published_contacts())

    def handle(text: str) -> dict[str, Any]:
        result = redactor.redact(text)
        return {"text": result.text, "entities": [f.as_dict() for f in result.findings]}

    if args.jsonl:
        return _map_jsonl(sys.stdin, sys.stdout, handle)
    text = args.text if args.text is not None else sys.stdin.read()
    print(json.dumps(handle(text), ensure_ascii=False))
    return 0


SESSION_ID = re.compile(r"^[0-9a-f]{32}$")


def _records(settings: Settings):
    from bot.council import load_council
    from bot.records import Records

    return Records.from_settings(_database(settings), settings, load_council(settings.council_file),
                                 _utc_now)


def _session_id(raw: str) -> str:
    session_id = raw.strip().lower()
    if not SESSION_ID.match(session_id):
        raise ValueError("a conversation's id is 32 characters, digits and the letters a to f, as "
                         "shown at the top of the resident's downloaded copy")
    return session_id


def cmd_privacy_purge(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    records = _records(settings)
    try:
        report = records.purge(actor="cli", dry_run=args.dry_run)
    except SQLAlchemyError as exc:
        print(f"error: the purge stopped ({type(exc).__name__}); run it again, and what was left "
              "will go then.", file=sys.stderr)
        return 1
    finally:
        records.close()
    policy = records.policy
    if args.dry_run:
        for c in report.conversations:
            period = policy.special_category if c.special_category else policy.standard
            kind = "special category data, " if c.special_category else ""
            print(f"{c.session_id}  last active {c.last_active_at:%Y-%m-%d %H:%M} UTC  "
                  f"({kind}kept {period.days} days)")
        for sender in report.tracker_only:
            print(f"{sender}  only in Rasa's tracker store (kept {policy.standard.days} days)")
    verb = "Would purge" if args.dry_run else "Purged"
    print(f"{verb} {len(report.conversations)} conversation(s), {report.special} of them with special "
          f"category data: {report.rows.get('messages', 0)} messages, "
          f"{report.rows.get('handoffs', 0)} handoffs, {report.tracker_events} Rasa tracker events "
          f"({len(report.tracker_only)} conversation(s) only Rasa held).")
    if report.kept_open:
        print(f"Kept {report.kept_open} conversation(s) past their period because a handoff is open; "
              "they go on the first purge after it ends.")
    if args.dry_run:
        print("This was a dry run: nothing was deleted.")
    return 0


def cmd_privacy_erase(args: argparse.Namespace, settings: Settings) -> int:
    from bot.records import HandoffOpen, NothingStored

    session_id = _session_id(args.session_id)
    if not args.yes:
        answer = input(f"Delete conversation {session_id} from every store? This cannot be undone. "
                       "Type yes to go on: ")
        if answer.strip().lower() != "yes":
            print("Nothing was deleted.")
            return 1
    records = _records(settings)
    try:
        report = records.erase(session_id, actor="cli")
    except HandoffOpen as exc:
        print(f"error: conversation {session_id} has a handoff that is {exc.status}. Ask the contact "
              "team to resolve it or hand it back in the console, then run this again. Nothing was "
              "deleted.", file=sys.stderr)
        return 1
    except NothingStored:
        print(f"error: nothing is stored under {session_id}: it was deleted already, purged after "
              f"{records.policy.standard.days} days, or the id is mistyped.", file=sys.stderr)
        return 1
    finally:
        records.close()
    print(f"Erased conversation {session_id}: {report.rows.get('messages', 0)} messages, "
          f"{report.rows.get('handoffs', 0)} handoffs and {report.tracker_events} Rasa tracker events. "
          "The audit log records that it was erased, with no content.")
    return 0


def cmd_privacy_export(args: argparse.Namespace, settings: Settings) -> int:
    session_id = _session_id(args.session_id)
    records = _records(settings)
    try:
        export = records.export(session_id, args.format, actor="cli")
    finally:
        records.close()
    if export is None:
        print(f"error: no conversation {session_id} is stored: it was deleted, purged after "
              f"{records.policy.standard.days} days, or the id is mistyped.", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(export.body)
        return 0
    path = args.output / export.filename if args.output.is_dir() else args.output
    path.write_text(export.body, encoding="utf-8")
    print(f"Wrote the minimised transcript to {path}.")
    return 0


def _print_report(errors: Iterable[str], warnings: Iterable[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)


def cmd_knowledge_validate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.documents import load_documents
    from bot.knowledge.elsewhere import load_elsewhere
    from bot.knowledge.reading import check_reading
    from bot.knowledge.residents_words import load_residents_words

    documents, report = load_documents(settings.knowledge_dir)
    elsewhere = load_elsewhere(settings.knowledge_dir, report)
    residents_words = load_residents_words(settings.knowledge_dir, report)
    reading = check_reading(documents, settings.reading_grade_max)
    report.warnings += reading.warnings()
    reach = ""
    if report.ok and args.reach:
        from bot.knowledge.reach import check_reach

        unreached, reach = check_reach(settings, documents, elsewhere)
        report.warnings += unreached
    _print_report(report.errors, report.warnings)
    if not report.ok:
        print(f"{len(report.errors)} problem(s) in {settings.knowledge_dir}; fix them and run "
              "'councilbot knowledge validate' again.", file=sys.stderr)
        return 1
    if args.reading:
        print("\n".join(reading.table()))
    sections = sum(len(d.sections) for d in documents)
    print(f"{len(documents)} knowledge files, {sections} sections, {len(elsewhere)} entries "
          f"in the directory of things answered elsewhere, {len(residents_words)} residents' words: "
          "all valid.")
    print("\n".join(line for line in (reading.summary(), reach) if line))
    return 0


def cmd_knowledge_build(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.embedder import Embedder
    from bot.knowledge.index import build_index

    result = build_index(settings.knowledge_dir, settings.index_dir, Embedder())
    _print_report(result.report.errors, result.report.warnings)
    if not result.report.ok:
        print("The index was not rebuilt; the assistant keeps using the previous one.",
              file=sys.stderr)
        return 1
    print(f"Index built in {settings.index_dir}: {result.documents} files, {result.chunks} "
          f"sections ({result.embedded} embedded, {result.reused} unchanged).")
    return 0


def _topic_results(index: Any, text: str, top_k: int) -> list[dict[str, Any]]:
    return [
        {"id": h.doc_id, "title": h.title, "url": h.url, "path": h.path,
         "score": round(h.score, 4)}
        for h in index.search_topics(text, top_k=top_k)
    ]


def cmd_knowledge_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.embedder import Embedder
    from bot.knowledge.index import IndexUnavailable, KnowledgeIndex

    try:
        index = KnowledgeIndex(settings.index_dir, Embedder())
    except IndexUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.jsonl:
        return _map_jsonl(sys.stdin, sys.stdout,
                          lambda text: {"results": _topic_results(index, text, args.top_k)})
    if not args.question:
        print("error: give a question, or --jsonl to read questions from standard input",
              file=sys.stderr)
        return 2
    results = _topic_results(index, args.question, args.top_k)
    if args.json:
        print(json.dumps({"results": results}, ensure_ascii=False))
    else:
        for r in results:
            print(f"{r['score']:.3f}  {r['title']}  ({r['path']})")
    return 0


def cmd_knowledge_try(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.index import IndexUnavailable
    from bot.preview import build_previewer

    try:
        previewer = build_previewer(settings)
    except IndexUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if previewer.stale:
        print(f"note: {previewer.stale}; run 'councilbot knowledge build' to try your changes.",
              file=sys.stderr)
    preview = previewer.preview(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(preview.as_dict(why=args.why), ensure_ascii=False))
    else:
        print("\n".join(preview.lines(why=args.why)))
    return 0


TRY_HELP = """What a resident would be told: the question is minimised by the same
privacy gate as the chat, then answered as the knowledge action answers it.
In the real chat, Rasa's NLU sees the message first: greetings, thanks,
asking for a person, data requests and the like never reach the knowledge
answer, and the gateway's safety net hands sensitive messages to a person."""


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.council import load_council
    from bot.reports import LazyEncoder, build_report, render

    report = build_report(_database(settings), load_council(settings.council_file),
                          settings.knowledge_dir, LazyEncoder(), _utc_now(), args.days)
    body = render(report, args.format)
    if args.out is None:
        sys.stdout.write(body)
        return 0
    args.out.write_text(body, encoding="utf-8")
    print(f"Wrote the report to {args.out}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="councilbot", description=__doc__)
    areas = parser.add_subparsers(dest="area", required=True)

    privacy = areas.add_parser("privacy", help="the privacy gate and the records").add_subparsers(
        dest="command", required=True)
    redact = privacy.add_parser("redact", help="minimise personal data in text")
    redact.add_argument("--jsonl", action="store_true",
                        help='read {"id","text"} lines on stdin, write one result line each')
    redact.add_argument("text", nargs="?", help="text to minimise (default: stdin)")
    redact.set_defaults(func=cmd_privacy_redact)
    purge = privacy.add_parser("purge", help="delete every conversation past its retention period")
    purge.add_argument("--dry-run", action="store_true", help="say what would go, delete nothing")
    purge.set_defaults(func=cmd_privacy_purge)
    erase = privacy.add_parser("erase", help="delete one conversation from every store, on request")
    erase.add_argument("session_id")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(func=cmd_privacy_erase)
    export = privacy.add_parser("export", help="a copy of one conversation's minimised transcript")
    export.add_argument("session_id")
    export.add_argument("--format", choices=("text", "json"), default="text")
    export.add_argument("--output", type=Path, help="a file, or a directory for the usual file name "
                        "(default: standard output)")
    export.set_defaults(func=cmd_privacy_export)

    knowledge = areas.add_parser("knowledge", help="the knowledge files and index")
    kcmds = knowledge.add_subparsers(dest="command", required=True)
    validate = kcmds.add_parser(
        "validate", help="check the knowledge files",
        description="Checks the knowledge files. Also warns about sections above the reading grade "
        "(COUNCILBOT_READING_GRADE_MAX, default 9) and, with an index built from the files as they "
        "are, about sections that no evaluation question reaches (docs/editing.md).")
    validate.add_argument("--reading", action="store_true",
                          help="also list every section's reading grade")
    validate.add_argument("--no-reach", dest="reach", action="store_false",
                          help="skip asking the evaluation questions (which loads the model)")
    validate.set_defaults(func=cmd_knowledge_validate)
    kcmds.add_parser("build", help="check the files and rebuild the index").set_defaults(
        func=cmd_knowledge_build)
    search = kcmds.add_parser("search", help="search the index like the assistant does")
    search.add_argument("question", nargs="?")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--jsonl", action="store_true",
                        help='read {"id","text"} lines on stdin, write one result line each')
    search.add_argument("--top-k", type=int, default=3)
    search.set_defaults(func=cmd_knowledge_search)
    attempt = kcmds.add_parser("try", description=TRY_HELP,
                               help="what a resident would be told for a question, as the knowledge "
                               "answer (in the chat, Rasa's NLU comes first)")
    attempt.add_argument("question", help="the question, as a resident would type it")
    attempt.add_argument("--why", action="store_true",
                         help="also show the best topics with their scores, and the best "
                         "match in the directory of things answered elsewhere")
    attempt.add_argument("--json", action="store_true", help="print JSON")
    attempt.add_argument("--top-k", type=int, default=3, help="topics to show with --why")
    attempt.set_defaults(func=cmd_knowledge_try)

    agents = areas.add_parser("agents", help="contact-centre agents who use the console")
    acmds = agents.add_subparsers(dest="command", required=True)
    add = acmds.add_parser("add", help="add an agent (the password is asked for, never an argument)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the first name residents see, e.g. Sam")
    add.add_argument("--role", choices=("agent", "supervisor"), default="agent")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input instead of a prompt")
    add.set_defaults(func=cmd_agents_add)
    remove = acmds.add_parser("remove", help="remove an agent")
    remove.add_argument("username")
    remove.set_defaults(func=cmd_agents_remove)
    acmds.add_parser("list", help="list the agents").set_defaults(func=cmd_agents_list)
    reset = acmds.add_parser("reset-password", help="set a new password and lift any lock")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.set_defaults(func=cmd_agents_reset)
    acmds.add_parser("sign-out-all", help="end every console session (after a suspected leak, or to "
                     "rotate them): every agent signs in again").set_defaults(func=cmd_agents_sign_out_all)

    report = areas.add_parser("report", help="for content editors: questions the assistant could not "
                              "answer, answers rated not helpful, pages due for review")
    report.add_argument("--days", type=int, default=30, help="the period, in days up to today (default: 30)")
    report.add_argument("--format", choices=("text", "html", "json"), default="text")
    report.add_argument("--out", type=Path, help="write it to this file (default: standard output)")
    report.set_defaults(func=cmd_report)

    db = areas.add_parser("db", help="the gateway's database")
    db.add_subparsers(dest="command", required=True).add_parser(
        "upgrade", help="apply the schema migrations").set_defaults(func=cmd_db_upgrade)

    serve = areas.add_parser("serve", help="run the gateway (chat widget and API)")
    serve.set_defaults(func=cmd_serve)
    ready = areas.add_parser("wait-ready", help="wait until every service is healthy")
    ready.add_argument("--timeout", type=float, default=300.0)
    ready.set_defaults(func=cmd_wait_ready)
    supervise = areas.add_parser("supervise", help="run the action server, Rasa and the gateway under "
                                 "supervisor, which starts again any process that dies")
    supervise.add_argument("--log-dir", type=Path,
                           help="one log file per process here (default: the console)")
    supervise.add_argument("--rasa-debug", action="store_true", help="run Rasa with --debug")
    supervise.add_argument("--announce", action="store_true",
                           help="say where to open the assistant once everything is healthy")
    supervise.add_argument("--profile", choices=("default", "cluster"), default="default",
                           help="default: one of each process on SQLite; cluster: PostgreSQL, Redis, "
                                "two of each server behind HAProxy (docs/operations.md)")
    supervise.set_defaults(func=cmd_supervise)
    return parser


def _database(settings: Settings):
    from bot.db import connect, database_url, upgrade

    engine = connect(database_url(settings))
    upgrade(engine)
    return engine


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise ValueError("the two passwords are not the same")
    return first


def _utc_now():
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def cmd_agents_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.agents import accounts

    engine = _database(settings)
    agent = accounts.add(engine, args.username, args.name, args.role,
                         _read_password(args.password_stdin), _utc_now())
    print(f"Added {agent.role} {agent.username} ({agent.name}). They can sign in at /console.")
    return 0


def cmd_agents_remove(args: argparse.Namespace, settings: Settings) -> int:
    from bot.agents import accounts

    accounts.remove(_database(settings), args.username)
    print(f"Removed {args.username}. Their console sessions have ended.")
    return 0


def cmd_agents_sign_out_all(args: argparse.Namespace, settings: Settings) -> int:
    from bot.agents import sessions

    ended = sessions.end_all(_database(settings))
    print(f"Ended {ended} console session{'' if ended == 1 else 's'}. Every agent signs in again.")
    return 0


def cmd_agents_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.agents import accounts

    found = accounts.all_agents(_database(settings))
    if not found:
        print("No agents yet. Add one with: councilbot agents add USERNAME --name NAME")
    for agent in found:
        print(f"{agent.username:<24} {agent.name:<20} {agent.role:<11} {agent.availability}")
    return 0


def cmd_agents_reset(args: argparse.Namespace, settings: Settings) -> int:
    from bot.agents import accounts

    accounts.reset_password(_database(settings), args.username, _read_password(args.password_stdin))
    print(f"New password set for {args.username}; the account is unlocked.")
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import database_url

    _database(settings)
    url = database_url(settings)
    print(f"The database is at the newest schema ({url.split('@')[-1]}).")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.gateway.server import serve

    serve(settings)
    return 0


def cmd_supervise(args: argparse.Namespace, settings: Settings) -> int:
    from bot.supervision import supervise

    supervise(settings, log_dir=args.log_dir, rasa_debug=args.rasa_debug, announce=args.announce,
              profile=args.profile)
    return 0


def cmd_wait_ready(args: argparse.Namespace, settings: Settings) -> int:
    """Waits for the whole stack to be healthy, then says where to open it."""
    import time

    import httpx

    url = f"http://{settings.gateway_host}:{settings.gateway_port}"
    deadline = time.monotonic() + args.timeout
    waiting_for = "the gateway"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/health", timeout=3.0)
            if response.status_code == 200:
                print(f"\nThe council assistant is ready: open {url} in your browser. "
                      "Press Ctrl-C to stop.\n", flush=True)
                return 0
            checks = response.json().get("checks", {})
            waiting_for = ", ".join(name for name, ok in checks.items() if not ok)
        except (httpx.HTTPError, ValueError):
            waiting_for = "the gateway"
        time.sleep(1.0)
    print(f"The assistant did not become ready in {args.timeout:.0f} s (still waiting for "
          f"{waiting_for}). Check the log lines above.", file=sys.stderr, flush=True)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    configure_logging("WARNING" if args.area in {"privacy", "knowledge", "agents", "db", "report"}
                      else settings.log_level)
    try:
        return args.func(args, settings)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
