"""A figure put down to one university's article, readiness asked as "how would I tell", a program's feature
asked of a place, the sides of the difference a day-to-day answer holds, and a constraint the visitor
states (issue #17, fourth round). Expectations are read from the knowledge base, not typed here.
"""

from __future__ import annotations

from bot.advice import Advisor, AnswerKind, Context, Question
from bot.advice.screening import asks_for_signs
from bot.advice.types import QuestionPart, context_after
from bot.knowledge.model import KnowledgeBase, Program
from tests.advice.asking import ask


def growth(kb: KnowledgeBase) -> str:
    return next(s.value for s in kb.statistics if "growing" in s.asked_with)


def median_pay(kb: KnowledgeBase) -> str:
    return next(s.value for s in kb.statistics if "median" in s.unit)


def online_program(kb: KnowledgeBase) -> Program:
    return next(p for p in kb.programs if "online" in p.location.lower())


# -- a figure put down to an article ---------------------------------------------------------------------


def test_a_figure_a_university_is_said_to_give_is_that_figure_not_its_program(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    reply = ask(wired, "which pay number does northeastern report?", "ask_program", [("program", "northeastern")])
    assert median_pay(kb) in reply.text
    program = next(p for p in kb.programs if p.source == "northeastern")
    assert program.summary not in reply.text


def test_a_university_asked_about_without_a_figure_word_stays_its_program(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "what does northeastern offer?", "ask_program", [("program", "northeastern")])
    assert reply.updates.get("program") == "northeastern_ms_em"


def test_the_second_part_naming_the_other_university_gets_its_figure(wired: Advisor, kb: KnowledgeBase) -> None:
    first, second = (
        "why is EM a promising field in leeds's view",
        "how quickly is it growing, going by the northeastern post",
    )
    parts = [
        QuestionPart("ask_good_career", first, (("program", "leeds"),), 0.7),
        QuestionPart("ask_program", second, (("program", "northeastern"),), 0.6),
    ]
    question = Question("ask_good_career", f"{first}, and {second}?", [], Context(), [("ask_good_career", 0.7)])
    reply = wired.answer(Question(**{**question.__dict__, "parts": parts})).text
    assert growth(kb) in reply
    leeds_points = [p.text for t in kb.topics if t.intent == "ask_good_career" for p in t.points if p.source == "leeds"]
    assert any(point[:40] in reply for point in leeds_points)


# -- readiness asked as "how would I tell" -----------------------------------------------------------------


def test_how_to_tell_one_is_ready_gets_the_signs(wired: Advisor, kb: KnowledgeBase) -> None:
    for text in (
        "how can someone tell they're ready to lead engineers?",
        "what signs show a move to management suits?",
    ):
        assert asks_for_signs(text), text
        reply = ask(wired, text, "ask_transition").text
        assert all(s.sign in reply for s in kb.readiness_signals), reply


def test_how_to_move_is_still_the_move(wired: Advisor, kb: KnowledgeBase) -> None:
    assert not asks_for_signs("how do I move from engineering into management?")
    reply = ask(wired, "how do I move from engineering into management?", "ask_transition").text
    assert kb.readiness_signals[0].sign not in reply


# -- a program's feature asked of a place -----------------------------------------------------------------


def test_a_feature_asked_of_a_place_is_the_features_text(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any("recognised" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "recognised" in f.synonyms)
    entities = [("program", program.university), ("feature", "recognised"), ("gap", "abroad")]
    reply = ask(wired, f"is the {program.university} course recognised abroad?", "ask_program", entities).text
    assert feature.text in reply
    after = context_after(
        Context(),
        ask(wired, f"tell me about {program.university}", "ask_program", [("program", program.university)]).updates,
    )
    follow = ask(
        wired, "would that be recognised abroad?", "follow_up", [("feature", "recognised"), ("gap", "abroad")], after
    ).text
    assert feature.text in follow


def test_a_place_without_a_feature_still_says_the_figures_origin(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "what do engineering managers earn abroad?", "ask_salary", [("gap", "abroad")])
    assert reply.kind in (AnswerKind.ANSWER, AnswerKind.NOT_COVERED)
    assert "United States" in reply.text or "U.S." in reply.text


# -- the day-to-day answer and a side of the difference ------------------------------------------------------


def test_a_day_to_day_question_keeps_the_days_answer_and_adds_the_side_it_asks(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    daily = next(a for a in kb.comparison.aspects if a.id == "daily_tasks")
    scope = next(a for a in kb.comparison.aspects if a.id == "scope")
    reply = ask(wired, "are engineering managers still writing code?", "ask_manager_work").text
    assert daily.manager in reply and scope.engineer in reply


# -- a constraint the visitor states ---------------------------------------------------------------------------


def test_a_stated_constraint_points_to_the_program_that_meets_it(wired: Advisor, kb: KnowledgeBase) -> None:
    program = online_program(kb)
    text = "I work full time and would like a management degree, but I can't relocate"
    reply = ask(wired, text, "ask_need_masters").text
    assert program.name in reply and "what you said" in reply


def test_no_constraint_no_program_added(wired: Advisor, kb: KnowledgeBase) -> None:
    program = online_program(kb)
    reply = ask(wired, "do I need a master's degree to become an engineering manager?", "ask_need_masters").text
    assert program.name not in reply


def test_a_follow_up_on_a_programs_detail_stays_with_that_program(wired: Advisor, kb: KnowledgeBase) -> None:
    program = online_program(kb)
    first = ask(
        wired,
        f"are the academics on the {program.university} msc any good?",
        "ask_uncovered",
        [("program", program.university)],
    )
    then = ask(
        wired,
        "could I keep my job while doing it?",
        "out_of_scope",
        [("feature", "keep my job")],
        context_after(Context(), first.updates),
    ).text
    online = next(f for f in program.features if "keep my job" in f.synonyms)
    assert online.text in then


# -- the topic just answered, of the other article; whom it is for ----------------------------------------


def test_the_same_question_of_the_other_article_gets_that_articles_side(wired: Advisor, kb: KnowledgeBase) -> None:
    topic = next(t for t in kb.topics if t.intent == "ask_definition")
    first = ask(wired, "what does the term engineering management mean to northeastern?", "ask_definition")
    then = ask(
        wired,
        "and how does leeds explain it?",
        "ask_program",
        [("program", "leeds")],
        context_after(Context(), first.updates),
    ).text
    leeds = [p.text for p in topic.points if p.source == "leeds"]
    others = [p.text for p in topic.points if p.source != "leeds"]
    assert all(text[:50] in then for text in leeds) and not any(text[:50] in then for text in others)


def test_whom_it_is_for_gets_who_it_suits(wired: Advisor, kb: KnowledgeBase) -> None:
    fit = next(t for t in kb.topics if t.intent == "ask_fit")
    for text in (
        "who would engineering management be a good fit for?",
        "is engineering management just for graduates?",
    ):
        reply = ask(wired, text, "out_of_scope").text
        assert fit.points[0].text[:50] in reply, text
    after = context_after(Context(), ask(wired, "what is engineering management?", "ask_definition").updates)
    assert fit.points[0].text[:50] in ask(wired, "who's it really for?", "out_of_scope", context=after).text


def test_whom_a_sentence_is_for_without_the_subject_is_not_read_as_it(wired: Advisor) -> None:
    reply = ask(wired, "who is this birthday cake for?", "out_of_scope")
    assert reply.kind == AnswerKind.DECLINE


# -- short follow-ups: names, why, why bother, a clipped word ----------------------------------------------


def test_what_they_are_called_after_a_feature_with_names_gives_the_names(wired: Advisor, kb: KnowledgeBase) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if f.names)
    first = ask(
        wired,
        f"what does the {program.university} course cover?",
        "ask_program",
        [("program", program.university), ("feature", feature.synonyms[0])],
    )
    then = ask(wired, "and what's it called?", "out_of_scope", context=context_after(Context(), first.updates)).text
    assert all(name in then for name in feature.names)


def test_why_after_a_topic_gives_that_topics_reasons(wired: Advisor, kb: KnowledgeBase) -> None:
    topic = next(t for t in kb.topics if t.intent == "ask_good_career")
    first = ask(wired, "is it a career worth going into?", "ask_good_career")
    for text in ("how come?", "ok but why?"):
        then = ask(wired, text, "ask_sources", context=context_after(Context(), first.updates)).text
        assert topic.points[0].text[:50] in then, text


def test_why_bother_is_whether_it_is_worth_it(wired: Advisor, kb: KnowledgeBase) -> None:
    worth = next(t for t in kb.topics if t.intent == "ask_worth_it")
    first = ask(wired, "do you need an MSc to manage engineers?", "ask_need_masters")
    then = ask(wired, "so why would anyone bother?", "out_of_scope", context=context_after(Context(), first.updates))
    assert worth.points[0].text[:40] in then.text


def test_a_clipped_word_finds_its_whole_in_the_last_answer(wired: Advisor, kb: KnowledgeBase) -> None:
    topic = next(t for t in kb.topics if t.intent == "ask_outlook")
    point = next(p for p in topic.points if "technologies" in p.text)
    first = ask(wired, "are engineering managers in demand?", "ask_outlook")
    then = ask(wired, "which tech do they mean?", "follow_up", context=context_after(Context(), first.updates)).text
    # the point itself, or the technologies it names, item by item
    assert point.text[:50] in then or all(item in then for nl in point.lists for item in nl.items)


# -- a self-introduction, one's own standing, another role in a general question ------------------------------


def test_a_self_introduction_states_the_visitors_years() -> None:
    from bot.advice.profile import profile_from

    assert profile_from("data engineer here, 9 yrs in. is it time to move up?").years == 9
    assert profile_from("here are 3 years of questions: which one?").years is None


def test_asking_about_ones_own_standing_keeps_the_requirement(wired: Advisor, kb: KnowledgeBase) -> None:
    stat = next(s for s in kb.statistics if s.id == "experience_required")
    question = Question(
        "ask_experience",
        "would I meet what is usually asked for?",
        [],
        Context(),
        ranking=[("ask_experience", 0.6)],
        background="I have 6 years as a developer and a CS degree.",
    )
    reply = wired.answer(question).text
    assert stat.value in reply and "You said" in reply


def test_another_role_named_in_a_sectors_question_gets_that_role(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.roles if r.id == "manufacturing_engineer")
    reply = ask(
        wired,
        "which industries does a manufacturing engineer end up in?",
        "ask_sectors",
        [("role", "manufacturing engineer")],
    ).text
    assert role.involves in reply


# -- company for its own sake, a person judged, subjects the sources don't cover ---------------------------------


def test_asking_just_to_chat_is_declined_but_chatting_about_the_subject_is_not(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("could we just talk for a while?", wired.kb_words) == "chat"
    assert request_kind("can we talk about the leeds msc?", wired.kb_words) is None
    assert ask(wired, "shall we hang out and chat?", "greet").kind == AnswerKind.DECLINE


def test_a_person_judged_in_lower_case_is_an_opinion_request(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("is jensen huang a visionary leader?", wired.kb_words) == "opinion"
    assert request_kind("is a program manager a good leader?", wired.kb_words) is None
    assert request_kind("is my boss a good leader?", wired.kb_words) is None


def test_each_new_gap_is_declined_as_not_covered(wired: Advisor, kb: KnowledgeBase) -> None:
    for gap_id in ("health", "campus_life", "news"):
        gap = kb.get(gap_id)
        reply = ask(wired, f"what about {gap.synonyms[0]}?", "ask_program", [("gap", gap.synonyms[0])])
        assert reply.kind == AnswerKind.NOT_COVERED and gap.subject in reply.text, gap_id


# -- the visitor's own pay and dislikes ------------------------------------------------------------------------


def test_the_visitors_own_pay_is_set_beside_the_median(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(
        wired,
        "would becoming an engineering manager pay better?",
        "ask_transition",
        background="I'm on about $98k as a lead developer.",
    ).text
    assert median_pay(kb) in reply and "You said you earn about $98k" in reply


def test_someone_elses_pay_is_not_the_visitors(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "do engineering managers really end up making $200k?", "ask_salary").text
    assert "You said" not in reply


def test_a_dislike_gets_what_the_sources_say_managers_do_about_it(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(
        wired, "is management a sensible next step?", "ask_transition", background="I can't stand budgets, honestly."
    ).text
    assert "You said you dislike budgets." in reply and "budgets" in reply.split("You said you dislike budgets.")[1]


# -- a list's items asked again, whether it is worth it in other words ---------------------------------------


def test_what_were_the_items_again_gives_the_list(wired: Advisor, kb: KnowledgeBase) -> None:
    from bot.advice.answers.lists import lists_asked

    assert lists_asked("what are the factors?") and lists_asked("so which were the signs again")
    assert lists_asked("what are the chances?") == []


def test_a_waste_of_money_or_the_downsides_ask_whether_it_is_worth_it(wired: Advisor, kb: KnowledgeBase) -> None:
    worth = next(t for t in kb.topics if t.intent == "ask_worth_it")
    for text in ("is an msc just a waste of time?", "any drawbacks to doing a postgrad degree?"):
        assert worth.points[0].text[:40] in ask(wired, text, "nlu_fallback").text, text


# -- an aspect asked for by name, a day compared ---------------------------------------------------------------


def test_an_aspect_asked_for_by_name_joins_the_answer(wired: Advisor, kb: KnowledgeBase) -> None:
    skills = next(a for a in kb.comparison.aspects if a.id == "skill_sets")
    reply = ask(
        wired,
        "which skills would I still need to pick up?",
        "ask_experience",
        [("aspect", "skills")],
        background="I have 15 years as an engineer.",
    ).text
    assert skills.manager in reply


def test_a_day_compared_is_the_daily_tasks(wired: Advisor, kb: KnowledgeBase) -> None:
    daily = next(a for a in kb.comparison.aspects if a.id == "daily_tasks")
    reply = ask(
        wired, "how is a manager's working day unlike an engineer's?", "ask_difference", [("aspect", "working day")]
    ).text
    assert daily.manager in reply and daily.engineer in reply


# -- the middle item, a date asked plainly, a place in the background, a lower-case opinion ---------------------


def test_the_middle_one_of_an_odd_list(wired: Advisor, kb: KnowledgeBase) -> None:
    from bot.advice.answers.lists import LISTS

    factors = next(kb_list for kb_list in LISTS if kb_list.noun.startswith("factors"))
    names = list(dict.fromkeys(n for n, _ in factors.items(kb)))
    first = ask(wired, "which factors does northeastern want me to weigh up?", "ask_worth_it")
    then = ask(
        wired, "tell me more about the middle one", "out_of_scope", context=context_after(Context(), first.updates)
    )
    assert len(names) % 2 == 1 and names[len(names) // 2] in then.text


def test_the_date_on_an_article_is_its_date(wired: Advisor, kb: KnowledgeBase) -> None:
    source = kb.sources[0]
    reply = ask(wired, f"what's the date on the {source.id} piece?", "ask_program", [("program", source.id)]).text
    assert source.title in reply and "dated" in reply


def test_where_the_visitor_is_comes_first_then_the_answer(wired: Advisor, kb: KnowledgeBase) -> None:
    stat = next(s for s in kb.statistics if s.id == "experience_required")
    text = "I live in Canada and have a bachelor's. Is experience enough or do I need more study?"
    reply = ask(wired, text, "ask_experience", [("gap", "Canada")]).text
    assert reply.index("Canada") < reply.index("Most employers") and stat.value in reply


def test_an_opinion_of_a_name_the_kb_does_not_hold_is_declined(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("what's your take on jensen huang's management?", wired.kb_words) == "opinion"
    assert request_kind("what's your take on the leeds course?", wired.kb_words) is None


# -- the summary's points counted, a figure's amount asked in a unit of time --------------------------------


def test_the_summary_points_are_counted_apart_from_the_aspects(wired: Advisor, kb: KnowledgeBase) -> None:
    from bot.advice.answers.lists import count_words

    summary = next(t for t in kb.topics if t.intent == "ask_summary")
    reply = ask(wired, "how many bullets are in the summary at the top of the leeds piece?", "ask_summary").text
    assert count_words(len(summary.points)) in reply


def test_how_many_years_after_the_experience_is_the_experience(wired: Advisor, kb: KnowledgeBase) -> None:
    stat = next(s for s in kb.statistics if s.id == "experience_required")
    first = ask(wired, "what experience do employers look for in a new engineering manager?", "ask_experience")
    then = ask(wired, "so how many years?", "out_of_scope", context=context_after(Context(), first.updates)).text
    assert then.startswith(stat.value)


# -- the other one, a currency, who is behind a feature, a degree's subject, a write request ---------------------


def test_and_the_other_one_asks_the_last_question_of_the_other_article(wired: Advisor, kb: KnowledgeBase) -> None:
    from bot.advice.types import Said

    leeds, northeastern = kb.source("leeds"), kb.source("northeastern")
    previous = Said("when did the leeds article come out?", "ask_program", (("program", "leeds_msc_em", "leeds"),))
    question = Question("follow_up", "ok and the other one?", [], Context(), [("follow_up", 0.9)], previous=previous)
    reply = wired.answer(question).text
    assert northeastern.title in reply and leeds.title not in reply


def test_a_figure_asked_in_another_currency_says_it_is_dollars(wired: Advisor, kb: KnowledgeBase) -> None:
    first = ask(wired, "how much are engineering managers paid?", "ask_salary")
    then = ask(wired, "would that be in euros?", "out_of_scope", context=context_after(Context(), first.updates)).text
    assert "US dollars" in then and median_pay(kb) in then


def test_who_is_behind_a_feature_is_its_own_text(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any("accreditation" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "accreditation" in f.synonyms)
    first = ask(
        wired,
        f"what's the {program.university} msc equivalent to?",
        "ask_program",
        [("program", program.university), ("feature", "equivalent to")],
    )
    then = ask(wired, "who grants that?", "ask_sources", context=context_after(Context(), first.updates)).text
    assert feature.text in then


def test_a_degrees_subject_is_not_another_university(wired: Advisor) -> None:
    from bot.advice.subjects import other_institution

    assert other_institution(wired, "I have a bachelor's in CS and a degree in ME, do I need a masters?") is None
    assert other_institution(wired, "is the masters at Purdue any good?") == "Purdue"


def test_rewriting_a_headline_is_a_writing_request(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("can you rewrite my linkedin headline to sound more senior", wired.kb_words) == "write"


# -- what you think of a name, visas, whether a degree would help someone with a first degree elsewhere ----------


def test_what_you_think_of_a_name_the_kb_does_not_hold_is_declined(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("what do you honestly think of jeff bezos as a boss?", wired.kb_words) == "opinion"
    assert request_kind("what do you think of engineering management as a path?", wired.kb_words) is None


def test_a_visa_question_is_not_covered(wired: Advisor, kb: KnowledgeBase) -> None:
    gap = kb.get("immigration")
    reply = ask(wired, "could I stay on a work permit after the course?", "ask_program", [("gap", "work permit")])
    assert reply.kind == AnswerKind.NOT_COVERED and gap.subject in reply.text


def test_would_a_degree_help_after_a_first_degree_elsewhere_relates_it(wired: Advisor) -> None:
    from bot.advice.background import OWN_MOVE

    assert OWN_MOVE.search("would a master's in engineering management actually help?")
    assert not OWN_MOVE.search("how does a master's help engineers in general")
