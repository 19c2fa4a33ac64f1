"""``kizashi brief`` (registered by :mod:`kizashi.cli`): the briefing of a period
(:mod:`kizashi.briefing`) as Markdown, HTML or PDF, to a file or standard output."""
from __future__ import annotations

import sys


def cmd_brief(args, query_store) -> int:
    from kizashi.briefing import BriefingError, build
    from kizashi.briefing.render import filename, render

    store = query_store(args)
    if store is None:
        return 2
    try:
        b = build(store, period=args.period, end=args.end, dyad=args.dyad, watch=args.watch,
                  lang=args.lang)
        data = render(b, args.format)
    except BriefingError as exc:
        print(f"kizashi brief: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    out = args.output or filename(b, args.format)
    if out == "-":
        if args.format == "pdf" and sys.stdout.isatty():
            print("kizashi brief: not writing a PDF to a terminal: give -o FILE",
                  file=sys.stderr)
            return 2
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            with open(out, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            print(f"kizashi brief: -o {out}: {exc.strerror}", file=sys.stderr)
            return 2
    s = b["stats"]
    print(f"briefing {b['period']['start']}..{b['period']['end']}: {s['developments']} "
          f"development(s), {s['contested']} contested, {s['conflicts']} conflicting "
          f"estimate(s), {len(b['references'])} reference(s) -> {out}", file=sys.stderr)
    return 0


def add_parser(sub, add_db) -> None:
    p = sub.add_parser(
        "brief", help="a briefing of a period: developments, contested claims, estimates, "
                      "dyads, analysis and forecasts",
        description="Write the briefing of a period as Markdown, HTML or PDF: key developments "
                    "first (new and changed events, each a sentence with its grade and "
                    "numbered citations), contested claims and conflicting estimates side by "
                    "side, the cooperation-conflict index of the main dyads, and the analysis "
                    "and forecasts found in the sources in a section of their own. Japanese "
                    "by default. PDF is printed by headless Chromium ($KIZASHI_CHROMIUM or "
                    "/usr/bin/chromium).",
        epilog="examples: kizashi brief --db kizashi.db --period 7d --dyad RUS PRK --format pdf "
               "-o brief.pdf; kizashi brief --db kizashi.db --period 2w --watch troops-to-russia")
    p.add_argument("--period", default="7d",
                   help="how far back from --end: 7d, 2w, 3m (default: 7d)")
    p.add_argument("--end", metavar="DAY",
                   help="the last day (YYYY-MM-DD; default: the latest article's)")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"),
                   help="only the events between A and B (codes or names)")
    p.add_argument("--watch", metavar="NAME",
                   help="only the events that match a watch (its name or id: kizashi watch "
                        "list), and the analysis and forecasts of the articles that report them")
    p.add_argument("--format", choices=["md", "html", "pdf"], default="md")
    p.add_argument("--lang", choices=["ja", "en"], default="ja", help="default: ja")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="file to write ('-' for standard output; default: "
                        "kizashi-briefing-END-PERIOD.FORMAT)")
    add_db(p)
    p.set_defaults(func_name="brief")
