"""The report as a self-contained HTML page (inline CSS, charts as data: URIs) or as JSON.

Every piece of visitor text is escaped: a question can hold anything a visitor typed.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Callable, Dict, List, Sequence

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;padding:.3em .5em;
border-bottom:1px solid #eee;vertical-align:top}th{background:#f5f5f5}td.n,th.n{text-align:right}
.figures{display:flex;gap:1em;flex-wrap:wrap}.figure{background:#f5f7fa;border-radius:6px;padding:.6em 1em}
.figure b{display:block;font-size:1.5em}.muted{color:#666;font-size:.9em}img{max-width:100%}
.answer{color:#555;font-size:.9em}.day{white-space:nowrap}
"""


def render_json(report: Dict[str, Any]) -> str:
    return json.dumps(report, indent=1, ensure_ascii=False)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _none(text: str) -> str:
    return f'<p class="muted">{escape(text)}</p>'


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _summary(report: Dict[str, Any]) -> str:
    totals = report["totals"]
    answered = next(o["count"] for o in report["outcomes"] if o["outcome"] == "answered")
    figures = [
        ("conversations", totals["conversations"]),
        ("visitor messages", totals["visitor_messages"]),
        ("questions", totals["questions"]),
        ("answered", _share(answered, totals["questions"])),
    ]
    return (
        '<div class="figures">'
        + "".join(f'<div class="figure"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in figures)
        + "</div>"
    )


def _per_day(report: Dict[str, Any]) -> str:
    from bot.insights import plots  # matplotlib: only for the HTML page

    if not report["per_day"]:
        return _none("No conversations in this period.")
    rows = [[escape(d["day"]), d["conversations"], d["visitor_messages"], d["bot_messages"]] for d in report["per_day"]]
    return f'<img alt="conversations per day" src="{plots.per_day_chart(report["per_day"])}">' + _table(
        ["day", "conversations", "visitor messages", "bot messages"], rows, numeric=(1, 2, 3)
    )


def _outcomes(report: Dict[str, Any]) -> str:
    from bot.insights import plots

    questions = report["totals"]["questions"]
    rows = [
        [escape(o["label"]), o["count"], _share(o["count"], questions) if o["question"] else ""]
        for o in report["outcomes"]
    ]
    chart = f'<img alt="how questions ended" src="{plots.outcomes_chart(report["outcomes"])}">' if questions else ""
    return chart + _table(["how it ended", "messages", "of questions"], rows, numeric=(1, 2))


def _topics(report: Dict[str, Any]) -> str:
    if not report["topics"]:
        return _none("No questions yet.")
    rows = [[escape(t["topic"]), t["questions"], _share(t["answered"], t["questions"])] for t in report["topics"]]
    return _table(["topic (the intent NLU recognised)", "questions", "answered"], rows, numeric=(1, 2))


def _unanswered(report: Dict[str, Any]) -> str:
    if not report["unanswered"]:
        return _none("Every question was answered.")
    rows = [
        [
            g["count"],
            escape(g["example"]),
            g["wordings"],
            escape(", ".join(f"{label} {n}" for label, n in g["outcomes"].items())),
        ]
        for g in report["unanswered"]
    ]
    note = _none(
        "Similar wordings are counted together; one example is shown. Add what is missing to data/knowledge/, "
        "or correct the NLU with `python -m bot review --export` (see the README)."
    )
    return note + _table(["asked", "example", "wordings", "how it ended"], rows, numeric=(0, 2))


def _helpfulness(report: Dict[str, Any]) -> str:
    rating = report["helpfulness"]
    total = rating["helpful"] + rating["not_helpful"]
    if not total:
        return _none("No visitor has rated an answer in this period.")
    lead = (
        f"<p>{rating['helpful']} helpful, {rating['not_helpful']} not helpful "
        f"({_share(rating['helpful'], total)} helpful).</p>"
    )
    rows = [
        [
            f'<span class="day">{escape(r["day"])}</span>',
            escape(r["question"]),
            f'<span class="answer">{escape(r["answer"])}</span>',
            escape(r["comment"]),
        ]
        for r in rating["not_helpful_answers"]
    ]
    return lead + (_table(["day", "question", "answer", "comment"], rows) if rows else "")


def _readiness(report: Dict[str, Any]) -> str:
    check = report["readiness"]
    if not check["started"] and not check["verdicts"]:
        return _none("Nobody started the readiness check in this period.")
    rows = [[escape(k), check[k]] for k in ("started", "finished", "stopped", "left")]
    rows += [[escape(f"verdict: {v.replace('_', ' ')}"), n] for v, n in check["verdicts"].items()]
    note = _none("Left: started but not finished (stopped part-way, or the visitor went away).")
    return _table(["readiness check", "count"], rows, numeric=(1,)) + note


SECTIONS: List[tuple[str, Callable[[Dict[str, Any]], str]]] = [
    ("Conversations and messages per day", _per_day),
    ("How each question ended", _outcomes),
    ("Topics asked most", _topics),
    ("Questions the bot could not answer", _unanswered),
    ("Helpfulness", _helpfulness),
    ("Readiness check", _readiness),
]


def render_html(report: Dict[str, Any]) -> str:
    body = "".join(f"<h2>{escape(title)}</h2>{section(report)}" for title, section in SECTIONS)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(report['title'])}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(report['title'])}</h1>"
        f'<p class="muted">{escape(report["period"]["described"])}; written {escape(report["generated_at"])}.</p>'
        f"{_summary(report)}{body}</body></html>\n"
    )


RENDERERS: Dict[str, Callable[[Dict[str, Any]], str]] = {"html": render_html, "json": render_json}
