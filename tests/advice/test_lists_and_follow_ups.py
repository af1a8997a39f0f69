"""Lists and follow-ups read against the last answer (issue #17, third round): a topic that heads a
list, scoped to one article, gives that article's items; "how many is that?" counts the list just
given; "that" is the figure just given; a short follow-up that points back reads the last entry.
Expectations are read from the knowledge base, not typed here.
"""

from __future__ import annotations

from typing import Sequence, Tuple

import pytest

from bot.advice import Advisor, Answer, Context, Question
from bot.advice.answers.lists import LISTS, count_words, list_framed_by
from bot.advice.answers.provenance import when
from bot.advice.types import QuestionPart, context_after
from bot.knowledge.model import KnowledgeBase, Topic


def ask(
    advisor: Advisor,
    text: str,
    intent: str,
    context: Context = Context(),
    entities: Sequence[Tuple[str, str]] = (),
) -> Answer:
    return advisor.answer(Question(intent, text, list(entities), context, ranking=[(intent, 0.9)]))


def framing_topics(kb: KnowledgeBase) -> Sequence[Topic]:
    return [t for t in kb.topics if list_framed_by(kb, t.id) is not None]


def test_some_topics_head_a_list(kb: KnowledgeBase) -> None:
    assert {list_framed_by(kb, t.id).noun for t in framing_topics(kb)} >= {"job titles"}  # type: ignore[union-attr]


def test_a_topic_heading_a_list_scoped_to_one_article_gives_its_items(wired: Advisor, kb: KnowledgeBase) -> None:
    """Not the article's heading line alone ("…these roles:") with nothing under it."""
    for topic in framing_topics(kb):
        kb_list = list_framed_by(kb, topic.id)
        assert kb_list is not None
        items = kb_list.items(kb)
        for source in kb.sources:
            own = {name for name, (s, _) in items if s == source.id}
            if not own:
                continue
            others = {name for name, (s, _) in items if s != source.id} - own
            reply = ask(wired, f"tell me that, per the {source.id} article", topic.intent).text
            assert all(name in reply for name in own), (topic.id, source.id, reply)
            assert not any(name in reply for name in others), (topic.id, source.id, reply)


def test_how_many_after_a_list_counts_the_list_just_given(wired: Advisor, kb: KnowledgeBase) -> None:
    for kb_list in LISTS[:3]:
        for source in kb.sources:
            names = list(dict.fromkeys(n for n, (s, _) in kb_list.items(kb) if s == source.id))
            if not names:
                continue
            noun = kb_list.asked_as.pattern.split("|")[0].split("(?:")[-1].strip("\\b()?:")
            listed = ask(wired, f"which {noun} does the {source.id} article mention?", "ask_jobs")
            counted = ask(
                wired, "how many are there altogether?", "out_of_scope", context_after(Context(), listed.updates)
            )
            assert count_words(len(names)) in counted.text, (kb_list.noun, source.id, counted.text)


def test_how_many_with_a_word_before_the_noun_is_still_a_count(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in kb.sources:
        roles = list(dict.fromkeys(n for n, (s, _) in LISTS[0].items(kb) if s == source.id))
        reply = ask(wired, f"how many job roles does the {source.id} article name, and which?", "ask_uncovered").text
        assert count_words(len(roles)) in reply


def test_what_kind_of_x_do_the_programs_offer_is_no_list_of_programs(wired: Advisor) -> None:
    from bot.advice.answers.lists import lists_asked

    assert lists_asked("what kind of support do the programmes offer?") == []
    assert [k.noun for k in lists_asked("which programmes does the article mention?")] == ["programs"]


def test_that_after_a_figure_is_the_figure_just_given(wired: Advisor, kb: KnowledgeBase) -> None:
    """ "Is that per year?" after the pay: the pay figure, though "year" also describes the growth figure."""
    for intent in ("ask_salary", "ask_outlook", "ask_earnings_boost"):
        topic = kb.topic_for_intent(intent)
        assert topic is not None
        given = kb.statistics_quoted(topic)[0]
        others = [s.value for s in kb.statistics if s.id != given.id]
        context = context_after(Context(), wired.topic_answer(topic).updates)
        reply = ask(wired, "is that per year?", "follow_up", context).text
        assert given.value in reply and not any(v in reply for v in others), (intent, reply)


def test_a_follow_up_pointing_back_reads_the_entry_just_discussed(wired: Advisor, kb: KnowledgeBase) -> None:
    """Whatever NLU made of it, "what X did it mention?" asks about the last answer's entry when X is there."""
    topic = kb.topic_for_intent("ask_good_career")
    assert topic is not None
    context = context_after(Context(), wired.topic_answer(topic).updates)
    reply = ask(wired, "which technologies does it name?", "ask_jobs", context).text
    held = [p for p in topic.points if "technolog" in p.text.lower()]
    # the point that names them, or the technologies it names, item by item
    assert held and any(
        kb.fill(p.text) in reply or (p.lists and all(i in reply for i in p.lists[0].items)) for p in held
    )


def test_a_follow_up_that_names_another_entry_is_about_that_entry(wired: Advisor, kb: KnowledgeBase) -> None:
    described = [r for r in kb.roles if r.involves]
    first, second = described[0], described[1]
    shown = ask(wired, f"what does a {first.title} do?", "ask_role", entities=[("role", first.id)])
    reply = ask(
        wired,
        f"how is that different from a {second.title}?",
        "ask_role",
        context_after(Context(), shown.updates),
        entities=[("role", second.id)],
    ).text
    assert second.involves in reply


def test_when_alone_after_an_author_is_the_articles_date(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in kb.sources:
        who = ask(wired, f"who wrote the {source.id} article?", "ask_sources")
        dated = ask(wired, "when?", "out_of_scope", context_after(Context(), who.updates)).text
        assert when(source.published) in dated, dated


def test_an_article_named_by_its_title_is_that_article(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in kb.sources:
        title = source.title.split(":")[0].rstrip("?")
        reply = ask(wired, f"who wrote '{title}'?", "ask_jobs").text
        assert (source.author or "doesn't name an author") in reply


def test_an_item_named_by_its_place_is_that_item_of_the_list_just_given(wired: Advisor, kb: KnowledgeBase) -> None:
    roles = LISTS[0]
    for source in kb.sources:
        names = list(dict.fromkeys(n for n, (s, _) in roles.items(kb) if s == source.id))
        listed = ask(wired, f"which job titles does the {source.id} article list?", "ask_jobs")
        context = context_after(Context(), listed.updates)
        assert names[1] in ask(wired, "more on the second one please", "follow_up", context).text
        assert names[-1] in ask(wired, "what's the last one?", "out_of_scope", context).text
        role = next((r for r in kb.roles if r.title == names[1] and r.involves), None)
        if role is not None:
            assert role.involves in ask(wired, "and the 2nd one?", "follow_up", context).text


def test_an_item_of_a_topic_whose_points_are_a_list(wired: Advisor, kb: KnowledgeBase) -> None:
    """After the worth-it answer, "the last one" is its last factor, with what the article says of it."""
    topic = kb.topic_for_intent("ask_worth_it")
    assert topic is not None
    context = context_after(Context(), wired.topic_answer(topic).updates)
    labelled = [p for p in topic.points if ":" in p.text.split(".")[0]]
    reply = ask(wired, "which is the final one?", "out_of_scope", context).text
    assert kb.fill(labelled[-1].text) in reply, reply


def test_an_ordinal_without_a_list_before_it_is_no_item(wired: Advisor) -> None:
    reply = ask(wired, "what's the first step?", "ask_transition").text
    assert "The first of those" not in reply


def test_the_other_unis_course_after_one_program_is_the_other_program(wired: Advisor, kb: KnowledgeBase) -> None:
    """Never the first program's facts: "what about the other uni's course, is it accredited?"."""
    for program in kb.programs:
        other = next(p for p in kb.programs if p.id != program.id)
        shown = ask(
            wired, f"tell me about the {program.university} program", "ask_program", entities=[("program", program.id)]
        )
        context = context_after(Context(), shown.updates)
        feature = other.features[0]
        word = feature.synonyms[0]
        reply = ask(
            wired,
            f"what about the other uni's course - what about {word}?",
            "follow_up",
            context,
            entities=[("feature", word)],
        ).text
        assert other.university in reply, reply
        assert f"for the {program.university}" not in reply


def test_a_greeting_beside_an_everyday_request_still_declines_it(wired: Advisor) -> None:
    question = Question(
        "out_of_scope",
        "hey how are you today? whats your favourite film",
        [],
        Context(),
        ranking=[("out_of_scope", 0.7)],
        parts=[
            QuestionPart("greet", "hey how are you today?", (), 0.5),
            QuestionPart("out_of_scope", "whats your favourite film", (), 0.5),
        ],
    )
    reply = wired.answer(question).text
    assert "Sorry" in reply and "Hello" in reply


@pytest.mark.parametrize("follow_up", ["by how much approximately?", "how fast?", "how much exactly then?"])
def test_a_bare_how_much_after_a_figure_is_that_figure(wired: Advisor, kb: KnowledgeBase, follow_up: str) -> None:
    topic = kb.topic_for_intent("ask_outlook")
    assert topic is not None
    figure = kb.statistics_quoted(topic)[0]
    context = context_after(Context(), wired.topic_answer(topic).updates)
    assert figure.value in ask(wired, follow_up, "out_of_scope", context).text


def test_which_items_after_a_topic_of_a_list_gives_the_list(wired: Advisor, kb: KnowledgeBase) -> None:
    topic = kb.topic_for_intent("ask_worth_it")
    assert topic is not None
    context = context_after(Context(), wired.topic_answer(topic).updates)
    reply = ask(wired, "which factors should someone consider?", "ask_worth_it", context).text
    labels = [p.text.split(":")[0] for p in topic.points if ":" in p.text.split(".")[0]]
    assert labels and all(label in reply for label in labels), reply


def test_in_which_sectors_after_one_articles_list_stays_with_that_article(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in kb.sources:
        listed = ask(wired, f"which roles does the {source.id} article mention?", "ask_jobs")
        reply = ask(wired, "in which sectors?", "ask_sectors", context_after(Context(), listed.updates)).text
        others = [s.publisher for s in kb.sources if s.id != source.id]
        assert source.publisher in reply and not any(f"The {o} article" in reply for o in others), reply


def test_like_what_after_a_program_gives_that_programs_own_texts(wired: Advisor, kb: KnowledgeBase) -> None:
    for program in kb.programs:
        shown = ask(wired, f"tell me about {program.university}", "ask_program", entities=[("program", program.id)])
        reply = ask(wired, "like what?", "out_of_scope", context_after(Context(), shown.updates)).text
        assert program.university in reply and program.summary in reply
        assert not any(p.university in reply for p in kb.programs if p.id != program.id)


def test_which_x_does_it_mention_after_one_article_is_that_article(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in kb.sources:
        listed = ask(wired, f"which job titles does the {source.id} article list?", "ask_jobs")
        reply = ask(
            wired, "and which sectors does it mention?", "ask_sectors", context_after(Context(), listed.updates)
        )
        others = [s.publisher for s in kb.sources if s.id != source.id]
        assert not any(f"The {o} article" in reply.text for o in others), reply.text
