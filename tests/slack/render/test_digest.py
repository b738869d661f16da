"""The team digest renders every section of a known week, empty states, splits, inert text."""

from dataclasses import replace

import pytest

from bot.domain.progress import Status
from bot.services.digests.results import DigestObjective, DigestPreview
from bot.slack.render.digest import digest_messages, digest_preview
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.fakes.pings import assert_no_pings, pings
from tests.slack.digest_examples import HOSTILE, big_week, hostile_week, known_week, kr


def _texts(blocks: list[dict[str, object]]) -> list[str]:
    found = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            found.append(str(text["text"]))
        for element in block.get("elements", []):  # type: ignore[attr-defined]
            found.append(str(element.get("text", "")))
    return found


def test_a_known_week_shows_every_section_in_order() -> None:
    messages = digest_messages(known_week())
    text, blocks = messages.parent
    assert messages.replies == ()
    assert_valid_message(blocks, text)
    assert text == (
        "Growth OKR digest, 2026-Q4 week 8 of 14: 1 on track, 0 at risk, 1 off track; "
        "1 need attention."
    )
    shown = _texts(blocks)
    assert shown[0] == "📊 Growth · 2026-Q4 · week 8 of 14"
    assert shown[1] == (
        "🟢 1 on track · 🟡 0 at risk · 🔴 1 off track · ⚪ 1 without a check-in yet — "
        "average progress *30%* against a pace of *55%* (2026-W47)"
    )
    assert shown[2] == (
        "*⚠️ Needs attention*\n• *Monthly churn* `KR-2` Alice &lt;Ops&gt; &amp; co — "
        "confidence fell into the red (7 → 2); behind pace: 20% done with 55% of the cycle gone"
    )
    assert shown[3] == "🎯 *O-7 Best platform for sports fans*"
    assert shown[4] == (
        "*Weekly active fans* `KR-1` · Alice &lt;Ops&gt; &amp; co\n"
        "▰▰▰▰▱▱▱▱▱▱ 40%  2.4 / 3 sessions (+0.2 sessions since the last digest)\n"
        "confidence 7/10 ↑ · 🟢 On track"
    )
    assert shown[5] == (
        "*Monthly churn* `KR-2` · Alice &lt;Ops&gt; &amp; co\n"
        "▰▰▱▱▱▱▱▱▱▱ 20%  7.4 / 5 % (−0.1 % since the last digest)\n"
        "confidence 2/10 ↓ · 🔴 Off track\n> Pricing test slipped"
    )
    assert shown[6] == "*Live scores* `KR-3` · Bob\n_No check-in yet._"
    assert shown[7] == (
        "*🚧 Blockers*\n• Waiting on billing — *Monthly churn* Alice &lt;Ops&gt; &amp; co"
    )
    assert shown[8:] == [
        "*Not checked in this week:* Bob",
        "*Away:* a teammate (until Nov 27)",
    ]


def test_reasons_name_a_drop_off_track_and_no_checkin_this_week() -> None:
    from bot.domain.attention import Concern

    dropped = kr(1, confidence=5, previous_confidence=8, concerns=(Concern.CONFIDENCE_DROP,))
    red = kr(2, confidence=3, previous_confidence=3, concerns=(Concern.OFF_TRACK,))
    stale = kr(3, checked_in=False, previous_value=2.4)
    objective = DigestObjective("O", "Growth", (dropped, red, stale))
    digest = replace(known_week(), objectives=(objective,), blockers=())
    shown = "\n".join(_texts(digest_messages(digest).parent[1]))
    assert "confidence fell by 3 points (8 → 5)" in shown
    assert "off track: confidence 3/10" in shown
    assert "2.4 / 3 sessions (no change since the last digest)" in shown
    assert "_no check-in this week_" in shown


def test_empty_states() -> None:
    quiet = replace(
        known_week(),
        objectives=(
            DigestObjective("Fine", "Growth", (kr(1),)),
            DigestObjective("Not started", "Growth", ()),
        ),
        blockers=(),
        not_checked_in=(),
        away=(),
    )
    text, blocks = digest_messages(quiet).parent
    assert_valid_message(blocks, text)
    shown = _texts(blocks)
    assert "✅ Nothing this week" in shown[2]
    assert "No key results yet." in shown
    assert not any("Blockers" in line for line in shown)
    assert shown[-1] == "*Everyone with a key result has checked in this week.* 🎉"


def test_no_checkins_at_all_says_so_instead_of_zeros() -> None:
    empty = kr(1, value=None, previous_value=None, confidence=None, previous_confidence=None)
    empty = replace(empty, progress=0.0, status=Status.NO_CHECKIN, checked_in=False)
    digest = replace(known_week(), objectives=(DigestObjective("O", "Growth", (empty,)),))
    shown = _texts(digest_messages(digest).parent[1])
    assert shown[1].endswith("no check-ins yet this cycle (2026-W47)")
    assert "0%" not in "\n".join(shown)


def test_a_rolled_up_objective_names_its_team() -> None:
    child = DigestObjective("Faster checkout", "Payments", (kr(9),))
    digest = replace(known_week(), objectives=(*known_week().objectives, child))
    assert "🎯 *Faster checkout* · _Payments_" in _texts(digest_messages(digest).parent[1])


def test_every_hostile_string_arrives_inert() -> None:
    messages = digest_messages(hostile_week())
    text, blocks = messages.parent
    assert_valid_message(blocks, text)
    assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)
    joined = "\n".join(_texts(blocks))
    assert "&lt;!channel&gt;" in joined
    assert_no_pings({"text": text, "blocks": blocks})  # nobody is pinged from a channel post


@pytest.mark.parametrize(("objectives", "krs_each"), [(3, 30), (12, 17), (1, 200)])
def test_a_large_digest_splits_into_a_parent_and_thread_replies(
    objectives: int, krs_each: int
) -> None:
    digest = big_week(objectives, krs_each)
    messages = digest_messages(digest)
    assert messages.replies
    text, parent = messages.parent
    assert_valid_message(parent, text)
    shown = _texts(parent)
    assert shown[0].startswith("📊 Growth")
    assert "Needs attention" in shown[2]
    assert any("more in the thread" in line for line in shown)
    assert any("more blockers" in line for line in shown)
    assert "🧵" in shown[-1]
    refs: list[str] = []
    for reply_text, reply in messages.replies:
        assert_valid_message(reply, reply_text)
        assert reply[0]["text"]["text"].startswith("🎯")  # every page says whose KRs follow
        refs += [line.split("`")[1] for line in _texts(reply) if "`KR-" in line]
    assert refs == [k.ref for k in digest.key_results]  # every KR once, in order


def test_a_large_hostile_digest_stays_inert_in_every_message() -> None:
    hostile = hostile_week()
    krs = tuple(replace(k, kr_id=i) for i in range(60) for k in hostile.key_results[:1])
    digest = replace(hostile, objectives=(replace(hostile.objectives[0], key_results=krs),))
    messages = digest_messages(digest)
    assert messages.replies
    for text, blocks in (messages.parent, *messages.replies):
        assert_valid_message(blocks, text)
        assert_no_live_mentions({"text": text, "blocks": blocks}, HOSTILE)


def test_the_preview_says_who_sees_it_and_where_it_would_go() -> None:
    preview = DigestPreview(known_week(), "C0GROWTH01", ("Payments <!here>",))
    text, blocks = digest_preview(preview)
    assert_valid_message(blocks, text)
    assert_no_live_mentions(blocks, HOSTILE)
    note = "\n".join(_texts(blocks[-1:]))
    assert "Only you see this preview. `/okr digest post` posts it to <#C0GROWTH01>." in note
    assert "Payments &lt;!here&gt;" in note


def test_the_preview_of_a_large_digest_is_one_valid_message() -> None:
    text, blocks = digest_preview(DigestPreview(big_week(12, 17), None, ()))
    assert_valid_message(blocks, text)
    assert "thread repl" in "\n".join(_texts(blocks[-1:]))


def test_blockers_owners_are_pinged_only_when_the_team_opted_in() -> None:
    quiet = digest_messages(known_week()).parent
    assert_no_pings({"text": quiet[0], "blocks": quiet[1]})
    loud = digest_messages(replace(known_week(), mention_blockers=True)).parent
    assert pings({"text": loud[0], "blocks": loud[1]}) == ["@U0ALICE001"]
    assert "*🚧 Blockers*\n• Waiting on billing — *Monthly churn* <@U0ALICE001>" in _texts(loud[1])
