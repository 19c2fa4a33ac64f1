"""The command line of corrections and rebuilds: ``kizashi correct``, ``kizashi
corrections``, ``kizashi rebuild`` and ``kizashi eval --corrections`` (registered by
:mod:`kizashi.cli`)."""
from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

AUTHOR_ENV = "KIZASHI_AUTHOR"


def default_author() -> str:
    """``$KIZASHI_AUTHOR``, else the login name."""
    env = os.environ.get(AUTHOR_ENV, "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "analyst"


def _print_correction(c: dict) -> None:
    where = ", ".join(c["event_ids"]) or "(applies to no mention now)"
    print(f"correction {c['id']}: {c['action']} by {c['author']} at {c['created_at']} -> {where}")


def cmd_correct(args, query_store) -> int:
    from kizashi.store import corrections as C

    store = query_store(args)
    if store is None:
        return 2
    author = args.author or default_author()
    try:
        a = args.action
        if a == "revoke":
            c = C.revoke(store, args.target, author=author, note=args.note)
        elif a == "wrong":
            c = C.add(store, "wrong", author=author, mention_id=args.target, note=args.note)
        elif a == "note":
            text = " ".join(args.values) or args.note
            kw = {"mention_id": args.target} if args.target.startswith("m_") else {
                "event_id": args.target}
            c = C.add(store, "note", author=author, note=text, **kw)
        elif a == "type":
            if len(args.values) != 1:
                print("kizashi correct type: give EVENT_ID TYPE", file=sys.stderr)
                return 2
            c = C.add(store, "type", author=author, event_id=args.target, note=args.note,
                      value={"event_type": args.values[0], "mode": args.mode})
        elif a in ("actor", "recipient"):
            c = C.add(store, a, author=author, event_id=args.target, value=args.values,
                      note=args.note)
        elif a == "split":
            if len(args.values) != 1:
                print("kizashi correct split: give EVENT_ID MENTION_ID", file=sys.stderr)
                return 2
            c = C.add(store, "split", author=author, event_id=args.target,
                      mention_id=args.values[0], note=args.note)
        elif a == "merge":
            if len(args.values) != 1:
                print("kizashi correct merge: give EVENT_ID OTHER_EVENT_ID", file=sys.stderr)
                return 2
            c = C.add(store, "merge", author=author, event_id=args.target,
                      other_event_id=args.values[0], note=args.note)
        else:  # pragma: no cover - argparse choices
            return 2
    except C.NotFound as exc:
        print(f"kizashi correct: {exc}", file=sys.stderr)
        return 1
    except C.CorrectionError as exc:
        print(f"kizashi correct: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    _print_correction(c)
    return 0


def cmd_corrections(args, query_store) -> int:
    from kizashi.store import corrections as C

    store = query_store(args)
    if store is None:
        return 2
    try:
        if args.what == "list":
            items = C.list_corrections(store, event_id=args.event, doc_id=args.doc)
            if args.format == "jsonl":
                for c in items:
                    print(json.dumps(c, ensure_ascii=False))
                return 0
            for c in items:
                state = "active" if c["active"] else f"revoked by {c['revoked_by']}" \
                    if c["revoked_by"] else "revocation"
                applied = ("applied to " + ", ".join(c["event_ids"])) if c["applied"] else \
                    ("not applied: its mentions are gone" if c["active"] and
                     c["action"] != "revoke" else "")
                value = json.dumps(c["after"], ensure_ascii=False) if c["after"] else ""
                print(f"{c['id']:>4}  {c['created_at'][:19]}  {c['author']:<12}  "
                      f"{c['action']:<9}  {state:<14}  {value}  {applied}"
                      f"{'  note: ' + c['note'] if c['note'] else ''}".rstrip())
            print(f"{len(items)} correction(s)", file=sys.stderr)
            return 0
        if args.what == "export":
            out = sys.stdout if args.file == "-" else open(args.file, "w", encoding="utf-8")
            n = 0
            try:
                for rec in C.export(store):
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
            finally:
                if out is not sys.stdout:
                    out.close()
            print(f"exported {n} correction(s) to {args.file}", file=sys.stderr)
            return 0
        if args.what == "import":
            try:
                lines = Path(args.file).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                print(f"kizashi corrections import: {args.file}: {exc.strerror}",
                      file=sys.stderr)
                return 2
            records = []
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except ValueError as exc:
                    print(f"kizashi corrections import: {args.file}:{n}: not JSON ({exc})",
                          file=sys.stderr)
                    return 2
            try:
                added = C.import_records(store, records)
            except C.CorrectionError as exc:
                print(f"kizashi corrections import: {args.file}: {exc}", file=sys.stderr)
                return 2
            print(f"imported {added} correction(s) of {len(records)} from {args.file}")
            return 0
    finally:
        store.close()
    return 2


def cmd_rebuild(args, query_store) -> int:
    """Re-extract every stored document from its stored text and re-fuse; corrections are
    replayed on the new mentions."""
    from sqlalchemy import select

    from kizashi.pipeline import extract
    from kizashi.store.fusion_sync import refresh_events
    from kizashi.store.models import Document

    store = query_store(args)
    if store is None:
        return 2
    try:
        with store.engine.connect() as conn:
            docs = conn.execute(select(Document.id, Document.text, Document.published)
                                .order_by(Document.id)).all()
        n = 0
        for d in docs:
            ms = extract(d.text, doc_id=d.id, published=d.published)
            store.replace_mentions(d.id, ms)
            n += len(ms)
        r = refresh_events(store)
    finally:
        store.close()
    print(f"rebuilt {len(docs)} document(s): {n} mention(s) extracted, {r['events']} event(s) "
          f"fused, {r['corrections']} correction(s) applied")
    return 0


def cmd_eval_corrections(args, query_store) -> int:
    from kizashi.store.review import score_corrections

    store = query_store(args)
    if store is None:
        return 2
    try:
        res = score_corrections(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    print(f"{'action':<10} {'judged':>6} {'still wrong':>11} {'now right':>9} {'gone':>5}")
    for action, row in res["by_action"].items():
        print(f"{action:<10} {row['n']:>6} {row['still_wrong']:>11} {row['now_right']:>9} "
              f"{row['gone']:>5}")
    t = res["total"]
    print(f"{'all':<10} {t['n']:>6} {t['still_wrong']:>11} {t['now_right']:>9} {t['gone']:>5}")
    if t["n"]:
        print(f"the extractor agrees with {t['now_right']} of {t['n']} analyst corrections "
              f"({t['agreement']:.3f}); {t['still_wrong']} are errors it still makes")
    if args.verbose:
        for d in res["details"]:
            print(f"  {d['id']:>4} {d['action']:<9} {d['verdict']:<11} {d['what']}")
    return 0


def add_parsers(sub, add_db) -> None:
    """``correct``, ``corrections`` and ``rebuild`` (``add_db(parser)`` adds ``--db``)."""
    c = sub.add_parser(
        "correct", help="correct an event or a mention (stored apart, replayed on every fusion)",
        description="Record an analyst's correction and re-fuse the events. ACTION TARGET: "
                    "wrong MENTION_ID; type EVENT_ID TYPE [--mode M]; actor EVENT_ID CODE...; "
                    "recipient EVENT_ID [CODE...] (none: a mutual event); split EVENT_ID "
                    "MENTION_ID; merge EVENT_ID OTHER_EVENT_ID; note EVENT_ID|MENTION_ID TEXT; "
                    "revoke CORRECTION_ID. Corrections survive re-ingesting a changed article "
                    "and 'kizashi rebuild'.",
        epilog="example: kizashi correct --db k.db type ev_fe8b01317a60392e ACCUSE "
               "--note 'a statement of concern, not cooperation'")
    c.add_argument("action", choices=["wrong", "type", "actor", "recipient", "split", "merge",
                                      "note", "revoke"])
    c.add_argument("target", metavar="TARGET", help="event id, mention id or correction id")
    c.add_argument("values", nargs="*", metavar="VALUE", help="type, codes, mention or event")
    c.add_argument("--mode", help="with type: the new mode (troops, weapons, visit...)")
    c.add_argument("--note", help="why (kept with the correction)")
    c.add_argument("--author", help=f"who corrects (default: ${AUTHOR_ENV}, else the login name)")
    add_db(c)
    c.set_defaults(func="correct")

    cs = sub.add_parser("corrections", help="list, export or import analysts' corrections",
                        description="list: every correction with its audit (who, when, before, "
                                    "after) and what it applies to now; export FILE|-: JSON "
                                    "Lines; import FILE: add exported corrections (a rebuilt "
                                    "database keeps them).",
                        epilog="example: kizashi corrections --db k.db export corrections.jsonl")
    cs.add_argument("what", choices=["list", "export", "import"])
    cs.add_argument("file", nargs="?", default="-", metavar="FILE")
    cs.add_argument("--event", metavar="EVENT_ID", help="list: those of one event")
    cs.add_argument("--doc", metavar="DOC_ID", help="list: those of one document")
    cs.add_argument("--format", choices=["table", "jsonl"], default="table")
    add_db(cs)
    cs.set_defaults(func="corrections")

    r = sub.add_parser("rebuild", help="re-extract every stored document and re-fuse",
                       description="Run the extractor again on the stored text of every "
                                   "document (after an upgrade of kizashi), replace their "
                                   "mentions and re-fuse the events; analysts' corrections are "
                                   "replayed on the new mentions.",
                       epilog="example: kizashi rebuild --db kizashi.db")
    add_db(r)
    r.set_defaults(func="rebuild")
