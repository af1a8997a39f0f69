"""Lists an entry's text names, figures named by their own words, whether an article gives figures, a list's
membership, a role or feature leaned on, and what the visitor says they want or do (issue #17, fifth round).
Expectations are read from the knowledge base, not typed here; the wordings are our own.
"""

from __future__ import annotations

import pytest

from bot.advice import Advisor, AnswerKind, Context, Question
from bot.advice.answers.figures import figures_named
from bot.advice.profile import profile_from
from bot.advice.types import context_after
from bot.knowledge.model import KnowledgeBase, NamedList, Statistic
from tests.advice.asking import ask


def named_list(kb: KnowledgeBase, noun: str) -> NamedList:
    return next(nl for nl, *_ in kb.named_lists() if nl.noun == noun)


def stat(kb: KnowledgeBase, word: str) -> Statistic:
    return next(s for s in kb.statistics if word in s.asked_with)


# -- lists an entry's text names -----------------------------------------------------------------------------


def test_a_list_named_inside_an_aspect_is_counted_and_given(wired: Advisor, kb: KnowledgeBase) -> None:
    soft = named_list(kb, "soft skills")
    reply = ask(wired, "how many soft skills does the leeds write-up name?", "ask_difference").text.lower()
    assert f"({len(soft.items)})" in reply
    assert all(item.lower() in reply for item in soft.items)


def test_a_list_named_inside_a_topic_is_listed_by_its_own_words(wired: Advisor, kb: KnowledgeBase) -> None:
    tech = named_list(kb, "disruptive technologies")
    reply = ask(wired, "which technologies does leeds say leaders must handle?", "nlu_fallback").text.lower()
    assert all(item.lower() in reply for item in tech.items)


def test_after_an_aspects_list_the_other_side_of_the_aspect_follows(wired: Advisor, kb: KnowledgeBase) -> None:
    first = ask(wired, "name the soft skills leeds lists", "ask_difference")
    aspect = next(a for a in kb.comparison.aspects if any(nl.noun == "soft skills" for nl in a.lists))
    assert first.updates.get("aspect") == aspect.id
    then = ask(
        wired, "and engineers, what do they lean on?", "follow_up", context=context_after(Context(), first.updates)
    )
    assert aspect.engineer in then.text


# -- figures named by their own words -------------------------------------------------------------------------


def test_a_word_visitors_name_one_figure_by_names_it(kb: KnowledgeBase) -> None:
    assert figures_named(kb, "and what would they earn?") == [stat(kb, "earn")]


def test_a_question_naming_two_figures_keeps_both(kb: KnowledgeBase) -> None:
    named = figures_named(kb, "what does a master's do for my pay?")
    assert stat(kb, "pay") in named and stat(kb, "boost") in named


def test_an_unsure_question_naming_a_figure_gets_its_topic(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "and the pay over in the states, roughly?", "nlu_fallback")
    assert stat(kb, "pay").value in reply.text


def test_an_unsure_question_naming_a_figure_by_description_only_is_not_forced(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    reply = ask(wired, "do i need a masters to become a vet?", "nlu_fallback")
    assert stat(kb, "boost").value not in reply.text


def test_a_figure_asked_per_a_university_is_its_figure(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "what's the growth rate per northeastern", "ask_program", [("program", "northeastern")])
    assert stat(kb, "growth").value in reply.text


# -- whether an article gives figures ------------------------------------------------------------------------


def test_an_article_without_figures_says_so_and_where_they_come_from(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "does the leeds piece have any hard numbers?", "ask_program", [("program", "leeds")]).text
    assert reply.startswith("No") and "doesn't" in reply
    assert all(s.value in reply for s in kb.statistics if s.source == "northeastern")


def test_an_article_with_figures_gives_them(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(
        wired, "which stats does the northeastern write-up quote?", "ask_program", [("program", "northeastern")]
    )
    assert all(s.value in reply.text for s in kb.statistics if s.source == "northeastern")


def test_the_other_article_is_the_one_asked_after_a_topic(wired: Advisor, kb: KnowledgeBase) -> None:
    first = ask(wired, "what does northeastern say engineering managers are paid?", "ask_salary")
    then = ask(
        wired,
        "and the other uni's piece, any number there?",
        "follow_up",
        context=context_after(Context(), first.updates),
    )
    leeds_on_pay = next(p.text for t in kb.topics if t.intent == "ask_salary" for p in t.points if p.source == "leeds")
    assert "doesn't" in then.text and leeds_on_pay in then.text


# -- a list's members, a role or feature leaned on --------------------------------------------------------------


def test_whether_an_articles_list_holds_a_role(wired: Advisor, kb: KnowledgeBase) -> None:
    leeds_roles = {r.id for r in kb.roles if r.source == "leeds" or "leeds" in r.also_named_by}
    shared = next(r for r in kb.roles if r.id in leeds_roles and r.source == "northeastern")
    only_neu = next(r for r in kb.roles if r.id not in leeds_roles and not r.is_subject)
    yes = ask(
        wired,
        f"does the leeds article list {shared.title.lower()}s?",
        "ask_program",
        [("program", "leeds"), ("role", shared.id)],
    )
    assert yes.text.startswith("Yes")
    no = ask(
        wired,
        f"is {only_neu.title.lower()} on the leeds list?",
        "ask_role",
        [("program", "leeds"), ("role", only_neu.id)],
    )
    assert no.text.startswith("No") and "doesn't" in no.text


def test_what_they_do_after_a_role_is_that_roles_work(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.described_roles() if not r.is_subject)
    then = ask(wired, "ok and what do they do, then?", "out_of_scope", context=Context(role=role.id))
    assert role.involves and role.involves in then.text


def test_an_uncovered_reading_of_a_described_role_gets_the_role(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.described_roles() if not r.is_subject)
    reply = ask(wired, "and that job, in the article?", "ask_uncovered", [("role", role.id)])
    assert role.involves and role.involves in reply.text


def test_a_short_question_after_a_feature_gets_the_feature_again(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any(f.names for f in p.features))
    feature = next(f for f in program.features if f.names)
    first = ask(
        wired,
        f"tell me about the {feature.synonyms[0]}",
        "ask_program",
        [("program", program.id), ("feature", feature.synonyms[0])],
    )
    then = ask(wired, "at which level?", "help", context=context_after(Context(), first.updates))
    assert feature.text in then.text


# -- what the visitor says they want or do ---------------------------------------------------------------------


def test_a_feature_the_visitor_wants_is_added_to_the_programs_answer(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any("accredited" in f.synonyms for f in p.features))
    accredited = next(f for f in program.features if "accredited" in f.synonyms)
    reply = ask(
        wired,
        "what's on offer there?",
        "ask_program",
        [("program", program.id)],
        background="Mechanical engineer here and I want something accredited.",
    ).text
    assert "you said you want" in reply.lower() and accredited.text in reply


def test_the_work_a_visitor_describes_suggests_the_nearest_role(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.described_roles() if "testing" in r.keywords)
    reply = ask(wired, "which of these jobs suits me?", "ask_role_match", background="I do testing at a plant.").text
    assert role.title in reply and "work you describe" in reply


def test_zero_experience_is_said_as_none(kb: KnowledgeBase) -> None:
    assert profile_from("fresh out of uni, zero work experience, what now?").years == 0


def test_small_talk_that_asks_about_something_else_is_declined(wired: Advisor) -> None:
    reply = ask(wired, "morning! my knee has been swollen all week, how do i treat it?", "greet")
    assert reply.kind == AnswerKind.DECLINE


def test_the_visitors_own_job_and_whether_the_degree_helps_it(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.described_roles() if r.degree_helps and not r.is_subject)
    reply = ask(
        wired,
        "would a masters really help someone like me?",
        "check_readiness",
        background=f"I work as a {role.title.lower()} in a big firm.",
    ).text
    assert role.degree_helps in reply


def test_no_engineering_degree_said_in_other_words_brings_the_first_degree_point(wired: Advisor) -> None:
    reply = ask(
        wired,
        "would an engineering management masters help me?",
        "ask_need_masters",
        background="I don't have an engineering degree.",
    ).text
    assert "You said your first degree" in reply and "broaden" in reply


def test_a_figure_named_against_a_one_figure_intent_gets_that_figure(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "and the usual pay once you're a manager?", "ask_experience").text
    assert stat(kb, "pay").value in reply
    own_number = ask(wired, "would 3 years be enough to apply?", "ask_experience").text
    assert stat(kb, "growth").value not in own_number  # a number of the visitor's names no figure


def test_the_count_of_a_list_the_last_answer_spoke_of_names_its_items(wired: Advisor, kb: KnowledgeBase) -> None:
    first = ask(wired, "is the degree worth the money?", "ask_worth_it")
    then = ask(wired, "how many factors do they list?", "out_of_scope", context=context_after(Context(), first.updates))
    factors = [
        p.text.split(":", 1)[0] for t in kb.topics if t.intent == "ask_worth_it" for p in t.points if ":" in p.text
    ]
    assert factors and all(f in then.text for f in factors)


def test_a_visitor_abroad_gets_what_the_program_offers_from_elsewhere(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any("international" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "international" in f.synonyms)
    place = kb.place_gap()
    assert place is not None
    country = next(s for s in place.synonyms if len(s) > 4).title()
    reply = ask(
        wired, "could I do it from here?", "ask_program", [("program", program.id)], background=f"I live in {country}."
    ).text
    assert feature.text in reply


def test_a_program_and_its_feature_named_are_answered_whatever_the_intent(wired: Advisor, kb: KnowledgeBase) -> None:
    program = next(p for p in kb.programs if any("keep my job" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "keep my job" in f.synonyms)
    reply = ask(
        wired,
        "i code for a living and wonder about that msc if i keep my job, doable?",
        "out_of_scope",
        [("program", program.id), ("feature", "keep my job")],
    )
    assert feature.text in reply.text


def test_how_many_after_a_feature_that_gives_a_number(wired: Advisor, kb: KnowledgeBase) -> None:
    program, feature = next(
        (p, f) for p in kb.programs for f in p.features if " four " in f" {f.text} " and not f.names
    )
    first = ask(
        wired,
        f"tell me about its {feature.synonyms[0]}",
        "ask_program",
        [("program", program.id), ("feature", feature.synonyms[0])],
    )
    then = ask(wired, "how many of them?", "out_of_scope", context=context_after(Context(), first.updates))
    assert feature.text in then.text


def test_a_list_the_last_answers_text_named_is_given_when_asked_after(wired: Advisor, kb: KnowledgeBase) -> None:
    tech = named_list(kb, "disruptive technologies")
    topic = next(t for t in kb.topics if any(nl.noun == tech.noun for p in t.points for nl in p.lists))
    then = ask(wired, "which tech do they mean there?", "follow_up", context=Context(topic=topic.id))
    assert all(item in then.text for item in tech.items) and f"({len(tech.items)})" in then.text


def test_whether_the_degree_helps_the_role_just_discussed(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.described_roles() if r.degree_helps and not r.is_subject)
    for text in ("so why would they bother with a masters?", "would the degree help with that?"):
        reply = ask(wired, text, "ask_worth_it", context=Context(role=role.id))
        assert role.degree_helps in reply.text, text


# -- short names, what each centres on, an article's reading, whom it is for -----------------------------------


def test_a_short_name_the_kb_spells_out_is_spelt_out(wired: Advisor, kb: KnowledgeBase) -> None:
    from bot.advice.answers.acronyms import spelt_out

    spelt = spelt_out(kb, "cmi")
    assert spelt is not None
    reply = ask(wired, "hang on, what does CMI stand for?", "ask_uncovered").text
    assert spelt[0] in reply
    assert spelt_out(kb, "xyz") is None  # no guess for a short name the KB never spells out


def test_what_each_side_focuses_on_is_the_summary(wired: Advisor, kb: KnowledgeBase) -> None:
    summary = next(t for t in kb.topics if t.intent == "ask_summary")
    reply = ask(
        wired, "what do engineers focus on compared with managers?", "ask_difference", [("aspect", "scope")]
    ).text
    assert summary.points[0].text in reply


def test_a_topic_asked_of_a_university_is_that_articles_reading(wired: Advisor, kb: KnowledgeBase) -> None:
    definition = next(t for t in kb.topics if t.intent == "ask_definition")
    question = Question(
        "ask_program",
        "so how is engineering management defined, according to leeds?",
        [("program", "leeds")],
        Context(),
        ranking=[("ask_program", 0.4), ("ask_definition", 0.3)],
    )
    reply = wired.answer(question).text
    assert any(p.text in reply for p in definition.points if p.source == "leeds")
    assert not any(p.text in reply for p in definition.points if p.source != "leeds")


def test_whom_it_is_for_asked_of_an_article_or_by_a_non_engineer(wired: Advisor, kb: KnowledgeBase) -> None:
    fit = next(t for t in kb.topics if t.intent == "ask_fit")
    reply = ask(
        wired, "who does the leeds piece say engineering management is for?", "ask_program", [("program", "leeds")]
    )
    assert fit.points[0].text in reply.text
    then = ask(wired, "what if i am not an engineer?", "ask_role", context=context_after(Context(), reply.updates))
    assert fit.points[0].text in then.text


def test_is_that_a_sign_after_what_they_like_gets_the_signs(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "i love planning sprints. is that a sign i should manage?", "nlu_fallback").text
    assert all(s.sign in reply for s in kb.readiness_signals)


def test_a_job_the_visitor_says_is_theirs_is_not_asked_about() -> None:
    from bot.advice.subjects import job_of_their_own

    assert job_of_their_own("software developer here, 8 years in. options?", "software developers")
    assert job_of_their_own("I'm a data analyst at a bank", "data analyst")
    assert not job_of_their_own("what do software developers earn?", "software developers")


def test_an_order_to_name_two_lists_gets_both(wired: Advisor, kb: KnowledgeBase) -> None:
    reply = ask(wired, "name the sectors and the job titles the articles give", "ask_program").text
    assert "sectors" in reply and "job titles" in reply


def test_what_it_means_asks_no_short_name(wired: Advisor) -> None:
    reply = ask(wired, "my dishwasher shows a red light, what does it mean", "out_of_scope")
    assert "stands for" not in reply.text


# -- sixth batch: compared roles of one article, gaps, the reasons to enrol, a sure reading --------------------


def test_two_roles_compared_of_one_article_are_both_described(wired: Advisor, kb: KnowledgeBase) -> None:
    first, second = [r for r in kb.described_roles() if not r.is_subject][:2]
    reply = ask(
        wired,
        f"{first.title} vs {second.title}, going by the northeastern article?",
        "ask_role",
        [("role", first.id), ("role", second.id), ("program", "northeastern")],
    ).text
    assert first.involves in reply and second.involves in reply  # type: ignore[operator]


def test_the_reasons_an_article_gives_to_enrol_are_listed(wired: Advisor, kb: KnowledgeBase) -> None:
    bullets = [f.bullet for p in kb.programs for f in p.features if f.bullet]
    reply = ask(wired, "list the reasons the leeds page gives to enrol", "ask_program", [("program", "leeds")]).text
    assert bullets and all(b in reply for b in bullets)


def test_a_list_asked_of_an_article_by_any_verb_is_the_list(wired: Advisor, kb: KnowledgeBase) -> None:
    titles = [r.title for r in kb.roles if r.source == "northeastern"]
    reply = ask(
        wired,
        "what job titles does the northeastern article walk through?",
        "ask_program",
        [("program", "northeastern")],
    ).text
    assert all(t in reply for t in titles)


def test_a_feature_asked_after_its_articles_answer_is_its_programs(wired: Advisor, kb: KnowledgeBase) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if f.names and "frameworks" in f.synonyms)
    context = Context(citations=(f"{program.source}|{feature.section}",))
    reply = ask(
        wired, "any particular frameworks you learn on it?", "out_of_scope", [("feature", "frameworks")], context
    )
    assert feature.text in reply.text
    alone = ask(wired, "how do i juggle my hobby while working nights", "out_of_scope", [("feature", "while working")])
    assert alone.kind == AnswerKind.DECLINE  # a feature's word, with no program named or just cited


@pytest.mark.parametrize(
    "text, named",
    [
        ("how many direct reports does a manager usually have?", "direct reports"),
        ("is a non-compete enforceable?", "non-compete"),
    ],
)
def test_team_size_and_legal_questions_are_not_covered(wired: Advisor, text: str, named: str) -> None:
    reply = ask(wired, text, "ask_manager_work", [("gap", named)])
    assert reply.kind == AnswerKind.NOT_COVERED


def test_a_sure_reading_is_not_moved_back_to_the_last_entry(wired: Advisor, kb: KnowledgeBase) -> None:
    fit = next(t for t in kb.topics if t.intent == "ask_fit")
    good = next(t for t in kb.topics if t.intent == "ask_good_career")
    question = Question(
        "ask_good_career", "and is it a good career?", [], Context(topic=fit.id), [("ask_good_career", 0.95)]
    )
    assert good.points[0].text in wired.answer(question).text


def test_an_undergrad_that_isnt_relevant_is_a_first_degree_outside_engineering() -> None:
    said = profile_from("if my undergrad isn't relevant, is going back to school worth it?")
    assert said.degree_outside_engineering


def test_an_answer_asked_in_a_put_on_style_is_declined(wired: Advisor) -> None:
    from bot.advice.requests import request_kind

    assert request_kind("retell what an engineering manager does in cowboy speak") == "restyle"
    assert request_kind("explain the salary figure in the style of shakespeare") == "restyle"
    assert request_kind("what does an engineering manager do in a typical day?") is None


def test_an_illness_is_a_health_question_not_covered(wired: Advisor) -> None:
    reply = ask(wired, "had a fever since monday, what medicine should i take?", "check_readiness", [("gap", "fever")])
    assert reply.kind in (AnswerKind.NOT_COVERED, AnswerKind.DECLINE)


def test_which_one_covers_names_the_item_whose_name_holds_it(wired: Advisor, kb: KnowledgeBase) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if "modules" in f.synonyms and f.names)
    context = Context(topic=f"program:{program.id}:{feature.id}")
    item = next(n for n in feature.names if len([w for w in n.split() if w[:1].isupper()]) >= 3)
    capitals = [w for w in item.split() if w[:1].isupper() and w.lower() not in ("and", "for", "of")]
    short = "".join(w[0] for w in capitals[-3:])  # the item's last three capitalised words, as a short name
    reply = ask(wired, f"which one covers {short} then?", "follow_up", context=context).text
    assert item in reply
    vague = ask(wired, "which one is about engineering projects?", "follow_up", context=context).text
    assert "going by its name" not in vague  # words of the subject itself single out no item
