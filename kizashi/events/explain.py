"""Why the extractor says what it says: every frame of every sentence and its fate.

    python -m kizashi.events.explain [--published DATE] [-t] TEXT | FILE | -

For each sentence: the actors found, then each frame (trigger, type, role template), the
participants with where each came from (frame, clause, discourse, story, prior), and what
became of it: coded (with its confidence), a background candidate (topic, bare, habit,
a promise's content), no participants, repeated, or reversing a visit; a headline's frame
that had no participants is read again once the story is told (coded from the story). ``-t``
also prints the dependency parse.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kizashi.pipeline import COMPONENTS, DEFAULT_PIPELINE, DocState, Resources
from kizashi.time.dates import parse_iso_partial


def explain(text: str, published: str | None = None) -> tuple[DocState, list]:
    state = DocState("explain", text, parse_iso_partial(published) if published else None, Resources.default())
    state.trace = []
    for name in DEFAULT_PIPELINE:
        COMPONENTS[name].fn(state)
    return state, state.trace


def _codes(ms) -> str:
    return ",".join(sorted({c for m in ms for c in m.codes if c})) or "-"


def _is_file(arg: str) -> bool:
    try:
        return Path(arg).is_file()
    except OSError:  # a sentence longer than a file name can be
        return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kizashi.events.explain", description=__doc__.split("\n\n")[0])
    ap.add_argument("text", nargs="+", help="Japanese text, a file, or - for standard input")
    ap.add_argument("--published", metavar="DATE", help="the document's date (YYYY[-MM[-DD]])")
    ap.add_argument("-t", "--tokens", action="store_true", help="print each sentence's parse")
    args = ap.parse_args(argv)
    if args.text == ["-"]:
        text = sys.stdin.read()
    elif len(args.text) == 1 and _is_file(args.text[0]):
        text = Path(args.text[0]).read_text(encoding="utf-8")
    else:
        text = "\n".join(args.text)
    state, trace = explain(text, args.published)
    by_sentence: dict[int, list] = {}
    for item in trace:
        by_sentence.setdefault(item[0], []).append(item)
    for s in state.sentences:
        print(f"[{s.index}] {s.text}")
        print("    actors: " + ("; ".join(f"{m.text}={_codes([m])}" for m in s.actors) or "-"))
        if s.parsed is None:
            print("    (not parsed: no trigger word, or no one named here or just before)")
            continue
        if args.tokens:
            for t in s.parsed:
                print(f"      {t.i:3} {t.text:10} {t.lemma_:10} {t.pos_:5} {t.dep_:10} {t.head.i}")
        for _, fr, att, em, fate in by_sentence.get(s.index, []):
            conf = f" confidence {em.confidence:.2f}" if em is not None else ""
            print(f"    {fr.trigger.event_type:9} {fr.trigger.term} ({fr.roles}): "
                  f"{_codes(att.actor)} [{att.actor_how}] -> {_codes(att.recipient)} [{att.recipient_how}]"
                  f"  => {fate}{conf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
