"""The pattern language and its matcher: `^` skips a noun phrase; time phrases, complements and subjects."""

from __future__ import annotations

from pathlib import Path

from coder import Coder
from coder.codebook.syntax import parse_pattern

BOOK = """
codebook: patterns-test
taxonomy: cameo
countries:
  - {code: NAR, names: [Narnia], adjectives: [Narnian]}
  - {code: CAL, names: [Calormen], adjectives: [Calormene]}
  - {code: ARC, names: [Archenland]}
agents:
  - {code: GOV, words: [minister, government, official]}
  - {code: LEG, words: [lawmaker, parliament]}
  - {code: MED, words: [media, newspaper]}
events:
  - code: "162"
    patterns:
      - "{source} warn their ^ {target:any}"
      - "{source} host ^ with {target}"
  - code: "173"
    patterns: ["{source} vow war {target}"]
  - code: "160"
    patterns: ["{source} warn {target}"]
  - code: "042"
    patterns: ["{source} visit {target}"]
  - code: "010"
    patterns: ["{source} say {target:any?}", "{source} announce {target:any?}"]
  - code: "130"
    patterns: ["{source} threaten {target:any?}"]
  - code: "0841"
    patterns: ["{source} free {target:any?} prisoners"]
  - code: "015"
    patterns: ["{source} claim responsibility {target:any?}"]
  - code: "190"
    patterns: ["{source} attack {target:any?}"]
  - code: "036"
    patterns: ["{source} will visit {target}"]
"""


def _coder(tmp_path: Path) -> Coder:
    path = tmp_path / "book.yaml"
    path.write_text(BOOK, encoding="utf-8")
    return Coder(path)


def _rows(coder: Coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source_code, e.target_code, e.event_code) for e in coder.code_sentence(text)}


def test_a_caret_is_one_noun_phrase_and_must_stand_between_tokens() -> None:
    elements, errors = parse_pattern("{source} warn their ^ ^ {target}")
    assert not errors
    assert [e.kind for e in elements] == ["slot", "word", "word", "skip", "skip", "slot"]
    assert parse_pattern("^ warn {target}")[1] == ["`^` must stand between two other tokens"]
    assert parse_pattern("{source} warn ^")[1] == ["`^` must stand between two other tokens"]
    assert parse_pattern("{source} warn ... ^ {target}")[1] == ["`^` must stand between two other tokens"]


def test_the_slot_after_a_caret_is_the_first_actor_after_the_skipped_phrase(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # "their Calormene traders" is skipped; the target is the actor after it
    assert _rows(coder, "Narnia warned their Calormene traders about Archenland.") == {("NAR", "ARC", "162")}
    # the phrase may open with its preposition; a skipped phrase needs a word
    assert _rows(coder, "Narnia hosted a feast with Calormen.") == {("NAR", "CAL", "162")}
    assert _rows(coder, "Narnia warned their.") == set()


def test_a_time_phrase_does_not_count_as_words_between_pattern_words(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia vowed on Thursday to wage war on Calormen.") == {("NAR", "CAL", "173")}
    assert _rows(coder, "Narnia vowed in a long speech to wage war on Calormen.") == set()


def test_a_complement_clause_after_a_time_phrase_belongs_to_the_verb(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia warned on Friday that an embargo against Calormen would fail.") == {
        ("NAR", "CAL", "160")
    }


def test_a_subject_whose_head_is_no_actor_takes_the_actor_of_its_of_phrase(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "The trade ministry of Narnia warned Calormen.") == {("NAR", "CAL", "160")}
    assert _rows(coder, "Talks between Narnia and Archenland may warn Calormen.") == {
        ("NAR", "CAL", "160"),
        ("ARC", "CAL", "160"),
    }
    # a clause that opens with a preposition has no such subject ...
    assert _rows(coder, "After talks with Narnia, the delegation warned Calormen.") == set()
    # ... but the noun phrase after its opening phrases of time and place has
    assert _rows(coder, "On 3 May 2022, a member of the Narnian government was attacked by Calormen.") == {
        ("CAL", "NARGOV", "190")
    }
    assert _rows(coder, "On 3 May 2022, in Tashbaan, a member of the Narnian government was attacked by Calormen.") == {
        ("CAL", "NARGOV", "190")
    }


def test_two_joined_participles_after_be_share_the_subject(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "The Narnian minister was attacked and threatened by Calormen.") == {
        ("CAL", "NARGOV", "190"),
        ("CAL", "NARGOV", "130"),
    }


def test_a_condition_or_an_open_question_is_no_event(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia warned Calormen that it would respond if Archenland attacked Narnia.") == {
        ("NAR", "CAL", "160")
    }
    assert _rows(coder, "Narnia asked whether Archenland attacked Calormen.") == set()
    # the main clause after the condition's comma is coded
    assert _rows(coder, "If Archenland attacked Narnia, Calormen warned Archenland.") == {("CAL", "ARC", "160")}
    assert _rows(coder, "Archenland attacked Narnia.") == {("ARC", "NAR", "190")}


def test_the_subject_stands_before_a_bracketed_aside(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia (the northern kingdom) warned Calormen.") == {("NAR", "CAL", "160")}


def test_the_and_of_a_compound_object_does_not_start_a_new_verb_phrase(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # "visit" follows the warning of the same subject: a complement, not an event of its own
    assert _rows(coder, "Narnia warned Calormen and Archenland traders during a visit to Calormen.") == {
        ("NAR", "CAL", "160"),
        ("NAR", "ARC", "160"),
    }
    assert _rows(coder, "Narnia warned Calormen and visited Archenland.") == {
        ("NAR", "CAL", "160"),
        ("NAR", "ARC", "042"),
    }


def test_an_actor_in_the_opening_prepositional_phrase_is_not_the_subject(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "After meeting Narnia, Calormen warned Archenland.") == {("CAL", "ARC", "160")}
    assert _rows(coder, "On Narnia's trade and its ports, the envoy warned Archenland.") == set()


def test_an_actor_after_a_pronoun_subject_belongs_to_the_complement_clause(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # "it has ..." opens a clause of its own: Calormen is not the one Narnia speaks to
    assert _rows(coder, "Narnia says it has proof showing Calormen was behind the raid.") == {("NAR", "", "010")}
    assert _rows(coder, "Narnia warned they would soon see Calormen troops.") == set()
    # "it" is an object too: only before a verb form does it open a clause
    assert _rows(coder, "Narnia warned it to Calormen.") == {("NAR", "CAL", "160")}


def test_an_event_reported_by_a_verb_of_saying_is_coded_for_itself(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # "it" is Narnia; the release is the event, and the announcement, with no addressee, adds nothing
    assert _rows(coder, "Narnia announced it would free Calormene prisoners.") == {("NAR", "CAL", "0841")}
    assert _rows(coder, "Narnia said that it would free Calormene prisoners.") == {("NAR", "CAL", "0841")}
    # past a time phrase or "in a statement" the pronoun is still the speaker
    assert _rows(coder, "Narnia said on Monday that it had attacked Calormen.") == {("NAR", "CAL", "190")}
    assert _rows(coder, "Narnia said in a statement it would free Calormene prisoners.") == {("NAR", "CAL", "0841")}
    # other verbs keep their complements: the warning is the event
    assert _rows(coder, "Narnia warned Calormen it would visit Archenland.") == {("NAR", "CAL", "160")}


def test_the_speaker_of_an_attribution_after_a_comma_is_the_actor_before_the_verb(tmp_path: Path) -> None:
    coder = _coder(tmp_path)

    def speakers(text: str) -> list[list[str]]:
        trace = coder.trace_sentence(text, None)
        return [m.source.codes if m.source else [] for m in trace.matches if m.pattern.code == "010"]

    # "..., Narnian officials said": not the subject of the clause before the comma
    assert speakers("Calormene troops attacked the harbour overnight, Narnian officials said.") == [["NARGOV"]]
    assert speakers("Calormene troops attacked the harbour, the Narnian government said on Monday.") == [["NARGOV"]]
    # an actor right before the comma makes the words after it an apposition: the speaker is that actor
    assert speakers("Archenland, the Narnian official said, had lied.") == [["ARC"]]
    # without a comma the speaker is the clause's subject, as before
    assert speakers("Narnia said Calormen lied.") == [["NAR"]]


def test_two_verbs_joined_by_and_share_the_object_after_the_second(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    both = {("NAR", "CAL", "160"), ("NAR", "CAL", "130")}
    assert _rows(coder, "Narnia warned and threatened Calormen.") == both
    assert _rows(coder, "Narnia warns and threatens Calormen.") == both
    # verbs of different forms, or a new subject after `and`, are no such pair
    assert _rows(coder, "Narnia warned and threatens Calormen.") == {("NAR", "CAL", "130")}
    assert _rows(coder, "Narnia warned and Archenland threatened Calormen.") == {("ARC", "CAL", "130")}
    # a denial joined by `and` to the verb denies nothing: "denies and threatens X" threatens X
    assert _rows(coder, "Narnia denies and threatens Calormen.") == {("NAR", "CAL", "130")}
    assert _rows(coder, "Narnia denied threatening Calormen.") == set()


def test_an_event_someone_must_or_should_do_has_not_happened(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # the attack is not Narnia's; what is left is what Archenland said about Narnia
    assert _rows(coder, "Archenland said Narnia must attack Calormen.") == {("ARC", "NAR", "010")}
    assert _rows(coder, "Narnia should immediately visit Calormen.") == set()
    assert _rows(coder, "Calormene prisoners should be freed by Narnia.") == set()
    # "must not" is no refusal either, and the event without the modal is coded as before
    assert _rows(coder, "Narnia must not free Calormene prisoners.") == set()
    assert _rows(coder, "Narnia visited Calormen.") == {("NAR", "CAL", "042")}
    trace = coder.trace_sentence("Narnia must attack Calormen.", None)
    assert [m.blocked for m in trace.matches] == ["an obligation, not an event: 'must'"]


def test_a_plural_noun_after_a_possessive_is_not_the_subjects_verb(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia repeated its threats in Calormen.") == set()
    assert _rows(coder, "Narnia threatens Calormen.") == {("NAR", "CAL", "130")}


def test_a_statement_from_a_place_speaks_for_it_and_nothing_else_does(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "A statement released on Monday in the Narnian capital said that Calormen lied.") == {
        ("NAR", "CAL", "010")
    }
    # who warned is not said: a place in the subject is no actor of other verbs
    assert _rows(coder, "A convoy in Narnia warned Calormen.") == set()


def test_a_head_with_no_target_takes_the_target_of_a_complement_hung_on_it(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # the attack is the complement of the claim, and its object is what the claim is about
    text = "Narnia claimed responsibility for a deadly weekend attack on a busy border market in Calormen."
    assert _rows(coder, text) == {("NAR", "CAL", "015")}
    # a complement that follows the head directly is a verb of its own clause, not a phrase
    # hung on the head's object
    text = "Narnia claimed responsibility, attacking a busy old border market in Calormen."
    assert _rows(coder, text) == {("NAR", "", "015")}


def test_a_reduced_relative_in_another_matchs_object_is_no_event_of_its_own(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # the officials are who Narnia warned; that Archenland attacked them is background
    assert _rows(coder, "Narnia warned Calormene officials attacked by Archenland.") == {("NAR", "CALGOV", "160")}
    # with no other event holding them, the reduced passive codes
    assert _rows(coder, "Calormene officials attacked by Archenland fled.") == {("ARC", "CALGOV", "190")}


def test_what_a_passives_subject_is_charged_with_is_no_event_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "charges.yaml"
    book = BOOK + '  - code: "112"\n    patterns: ["{source} accuse {target}"]\n'
    book += '  - code: "111"\n    patterns: ["{source} condemn {target}"]\n'
    book += '  - code: "086"\n    patterns: ["{source} organise {target}"]\n'
    path.write_text(book, encoding="utf-8")
    coder = Coder(path)
    # the attack is the charge, not an event: its subject is the passive's subject
    assert _rows(coder, "Calormen was accused by Narnia of attacking Archenland.") == {("NAR", "CAL", "112")}
    assert _rows(coder, "Calormen was condemned by Narnia for the attack on Archenland.") == {("NAR", "CAL", "111")}
    # as in the active voice
    assert _rows(coder, "Narnia accused Calormen of attacking Archenland.") == {("NAR", "CAL", "112")}
    # a verb of its own after a reduced passive is still an event
    assert ("CALGOV", "ARC", "190") in _rows(coder, "Calormene officials organised by Narnia attacked Archenland.")


HEADS = """
codebook: heads-test
taxonomy: cameo
countries:
  - {code: NAR, names: [Narnia], adjectives: [Narnian]}
  - {code: CAL, names: [Calormen], adjectives: [Calormene]}
agents:
  - {code: NGO, words: [aid worker]}
  - {code: UAF, words: [gunman, gunmen]}
  - {code: MIL, words: [soldier]}
  - {code: GOV, words: [secretary of state]}
events:
  - code: "010"
    patterns: ["{source} state {target}"]
  - code: "070"
    patterns: ["{source} aid {target}"]
  - code: "193"
    patterns: ["{source} =gunmen kill {target}"]
  - code: "190"
    patterns: ["{source} kill {target}"]
"""


def test_a_pattern_word_inside_an_actor_phrase_is_its_head_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "heads.yaml"
    path.write_text(HEADS, encoding="utf-8")
    coder = Coder(path)
    # `=gunmen` is the head of the source phrase it stands in: that phrase is the source
    assert _rows(coder, "Narnian gunmen killed Calormene soldiers.") == {("NARUAF", "CALMIL", "193")}
    # a verb inside an actor phrase heads nothing: "state" here has no source
    assert _rows(coder, "The Narnian secretary of state met Calormen.") == set()
    # "aid" heads the target phrase: there is no verb "aid" in the sentence
    assert _rows(coder, "Narnia beheaded an aid worker.") == set()
    assert _rows(coder, "Narnia will aid Calormene aid workers.") == {("NAR", "CALNGO", "070")}


def test_a_class_word_inside_an_actor_phrase_is_its_head(tmp_path: Path) -> None:
    path = tmp_path / "heads.yaml"
    book = HEADS.replace("words: [soldier]", "words: [soldier, troops]")
    book += '  - code: "193"\n    patterns: ["{source} @ARMY fight {target}"]\n'
    book += "classes:\n  ARMY: [troops, soldier]\n"
    path.write_text(book, encoding="utf-8")
    # PETRARCH's `- &MILITARY * +`: "X troops fought Y" has X's troops as its source
    assert _rows(Coder(path), "Narnian troops are fighting Calormene gunmen.") == {("NARMIL", "CALUAF", "193")}


def test_a_head_noun_before_the_verb_is_found_in_a_passives_by_phrase(tmp_path: Path) -> None:
    path = tmp_path / "heads.yaml"
    book = HEADS + '  - code: "194"\n    patterns: ["{source} =missile destroy {target}"]\n'
    book += '  - code: "190"\n    patterns: ["{source} destroy {target}"]\n'
    path.write_text(book, encoding="utf-8")
    coder = Coder(path)
    # "X gunmen killed Y" and "Y was killed by X gunmen" are the same deed, with the same code
    assert _rows(coder, "Calormene soldiers were killed by Narnian gunmen.") == {("NARUAF", "CALMIL", "193")}
    # the doer may be an actor before the word, or the doer of a reduced passive after it
    assert _rows(coder, "A Calormene convoy was destroyed by a Narnian missile.") == {("NAR", "CAL", "194")}
    assert _rows(coder, "A Calormene convoy was destroyed near the border by a missile fired by Narnia.") == {
        ("NAR", "CAL", "194")
    }
    # the word must stand in the by-phrase, and the verb be passive
    assert _rows(coder, "A Calormene convoy was destroyed by Narnia after a missile test.") == {("NAR", "CAL", "190")}
    assert _rows(coder, "Narnia destroyed a Calormene missile.") == {("NAR", "CAL", "190")}
    # a fixed word that is the verb itself (`=protested against`) is no head noun
    from coder.codebook.load import read_codebook
    from coder.patterns import PatternIndex

    path.write_text(
        HEADS + '  - code: "140"\n    patterns: ["{source} =protested against {target}"]\n', encoding="utf-8"
    )
    index = PatternIndex(read_codebook(path))
    variants = {c.pattern.code for entries in index.by_anchor.values() for c in entries if c.instrument}
    assert variants == {"193"}  # `=gunmen kill` only


def test_a_pattern_word_inside_an_actor_name_is_no_verb(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    book = HEADS.replace("words: [soldier]", "words: [soldier, government forces, police patrol]")
    book += '  - code: "170"\n    patterns: ["{source} force {target:any?}"]\n'
    book += '  - code: "086"\n    patterns: ["{source} patrol {target:any?}"]\n'
    path.write_text(book, encoding="utf-8")
    coder = Coder(path)
    # "forces" heads the actor "government forces": no coercion by the rebels of Calormen
    assert _rows(coder, "Narnian gunmen were killed by government forces in Calormen.") == {("---MIL", "NARUAF", "190")}
    assert _rows(coder, "Narnian gunmen ambushed a police patrol in Calormen.") == set()
    # the verb itself still codes
    assert _rows(coder, "Narnia forced Calormen to pay.") == {("NAR", "CAL", "170")}
    trace = coder.trace_sentence("Narnian gunmen were killed by government forces in Calormen.", None)
    assert any(m.blocked == "part of an actor's name: 'government forces'" for m in trace.matches)


def test_a_patterns_own_by_introduces_the_doer_of_the_passive(tmp_path: Path) -> None:
    path = tmp_path / "hosted.yaml"
    book = BOOK + '  - code: "043"\n    patterns: ["{source} host =by {target?}"]\n'
    book += '  - code: "044"\n    patterns: ["{source} attend {target?}"]\n'
    path.write_text(book, encoding="utf-8")
    coder = Coder(path)
    trace = coder.trace_sentence("The talks were hosted by Narnia and attended by Calormen.", None)
    hosted = next(m for m in trace.matches if m.pattern.code == "043")
    assert hosted.passive and hosted.source is not None and hosted.source.codes == ["NAR"]


MEANS = """
codebook: means-test
taxonomy: cameo
countries:
  - {code: NAR, names: [Narnia], adjectives: [Narnian]}
  - {code: CAL, names: [Calormen], adjectives: [Calormene]}
agents:
  - {code: MIL, words: [soldier]}
  - {code: REB, words: [rebel]}
events:
  - code: "190"
    patterns: ["{source} kill {target}"]
  - code: "1833"
    patterns: ["{source} roadside bomb"]
"""


def test_the_means_in_a_passives_by_phrase_tells_the_deed_and_its_doer(tmp_path: Path) -> None:
    path = tmp_path / "means.yaml"
    path.write_text(MEANS, encoding="utf-8")
    coder = Coder(path)
    # the doer of a reduced passive after a by-phrase that names no actor is the passive's doer,
    # and the means named in the by-phrase tells the deed more exactly (the bomb's code)
    text = "Three Calormene soldiers were killed by a roadside bomb planted by Narnian rebels."
    assert _rows(coder, text) == {("NARREB", "CALMIL", "1833")}
    assert _rows(coder, "Three Calormene soldiers were killed by a rocket fired by Narnian rebels.") == {
        ("NARREB", "CALMIL", "190")
    }
    # the bombers named in the active voice
    assert _rows(coder, "Narnian rebels planted a roadside bomb.") == {("NARREB", "", "1833")}


def test_an_event_asked_of_another_actor_has_not_happened(tmp_path: Path) -> None:
    path = tmp_path / "asked.yaml"
    book = BOOK + '  - code: "0874"\n    patterns: ["{source} withdraw from {target}"]\n'
    book += '  - code: "020"\n    patterns: ["{source} ask {target}"]\n'
    path.write_text(book, encoding="utf-8")
    coder = Coder(path)
    # the withdrawal is what Narnia urged of Calormen: no event, whether or not the codebook
    # knows the verb before it ("urge" here it does not; "ask" it does)
    assert _rows(coder, "Narnia urged Calormen to withdraw from Archenland.") == set()
    assert _rows(coder, "Narnia asked Calormen to withdraw from Archenland.") == {("NAR", "CAL", "020")}
    trace = coder.trace_sentence("Narnia urged Calormen to withdraw from Archenland.", None)
    assert [m.blocked for m in trace.matches] == ["asked of another actor: 'Calormen' before its `to`"]
    # the subject's own infinitive, and an actor after a preposition, are another matter
    assert _rows(coder, "Narnia decided to withdraw from Archenland.") == {("NAR", "ARC", "0874")}
    assert _rows(coder, "Narnia sent envoys to Calormen to withdraw from Archenland.") == {("NAR", "ARC", "0874")}


def test_with_verb_anchors_a_plural_noun_before_a_verb_starts_no_pattern(tmp_path: Path) -> None:
    book = BOOK + '  - code: "170"\n    patterns: ["{source} force {target:any?}"]\n'
    plain, verbs = tmp_path / "plain.yaml", tmp_path / "verbs.yaml"
    plain.write_text(book, encoding="utf-8")
    verbs.write_text(book.replace("taxonomy: cameo", "taxonomy: cameo\nverb_anchors: true"), encoding="utf-8")
    text = "Narnian forces attacked Calormen."
    # a codebook may have noun patterns ("{source} airstrike on"): "forces" may be its event
    assert ("NAR", "CAL", "170") in _rows(Coder(plain), text)
    # with `verb_anchors: true` a first word is a verb, and "forces attacked" is no verb pair
    assert _rows(Coder(verbs), text) == {("NAR", "CAL", "190")}
    assert _rows(Coder(verbs), "Narnia forces Calormen to pay.") == {("NAR", "CAL", "170")}
    # a plain verb form after it, followed by a preposition or an actor, is the verb
    assert _rows(Coder(verbs), "Narnian forces attack in Calormen.") == {("NAR", "CAL", "190")}
    assert _rows(Coder(verbs), "Narnian forces attack Calormen.") == {("NAR", "CAL", "190")}
    assert _rows(Coder(verbs), "Narnia forces attack plans on Calormen.") == {("NAR", "CAL", "170")}


def test_a_passives_subject_names_its_target_in_an_of_against_or_on_phrase(tmp_path: Path) -> None:
    path = tmp_path / "patient.yaml"
    path.write_text(BOOK + '  - code: "085"\n    patterns: ["{source} lift {target}"]\n', encoding="utf-8")
    coder = Coder(path)
    assert _rows(coder, "Sanctions against Calormen were lifted by Narnia.") == {("NAR", "CAL", "085")}
    assert _rows(coder, "A member of the Calormene government was attacked by Narnia.") == {("NAR", "CALGOV", "190")}
    # a destination is not what the deed was done to
    assert _rows(coder, "Convoys bound to Calormen were attacked by Narnia.") == {("NAR", "", "190")}


def test_as_before_an_actor_and_its_verb_opens_a_clause(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    text = "Calormene officials were warned on Friday as Narnian ministers attacked Archenland."
    assert ("NARGOV", "ARC", "190") in _rows(coder, text)
    # "such as" and "as well as" join a list
    assert _rows(coder, "Narnia, as well as Calormen, attacked Archenland.") >= {("NAR", "ARC", "190")}


def test_the_speaker_of_a_closing_attribution_is_no_object(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # the attack has no named object; the Calormene minister only tells of it
    assert _rows(coder, "Narnia attacked the border town, the Calormene minister said.") == {
        ("NAR", "", "190"),
        ("CALGOV", "", "010"),
    }
    assert ("NAR", "ARC", "190") in _rows(coder, "Narnia attacked Archenland, the Calormene minister said.")


def test_place_roles_gives_a_role_only_target_the_country_where_it_happened(tmp_path: Path) -> None:
    book = MEANS.replace(
        "  - {code: REB, words: [rebel]}", "  - {code: REB, words: [rebel]}\n  - {code: CVL, words: [civilian]}"
    )
    plain, placed = tmp_path / "plain.yaml", tmp_path / "placed.yaml"
    plain.write_text(book, encoding="utf-8")
    placed.write_text(book.replace("taxonomy: cameo", "taxonomy: cameo\nplace_roles: true"), encoding="utf-8")
    text = "Three civilians were killed by Calormene rebels in Narnia."
    assert _rows(Coder(plain), text) == {("CALREB", "---CVL", "190")}
    assert _rows(Coder(placed), text) == {("CALREB", "NARCVL", "190")}
    # "in the north of X" is a place too; the doer's own country ("in Calormene shelling") is not
    text = "Three civilians were killed in Calormene shelling in the north of Narnia."
    assert _rows(Coder(placed), text) == {("CAL", "NARCVL", "190")}
    # a target with a country keeps it
    assert _rows(Coder(placed), "Calormene soldiers were killed by rebels in Narnia.") == {("---REB", "CALMIL", "190")}


def test_a_negation_after_a_patterns_first_word_negates_it(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    assert _rows(coder, "Narnia will visit Calormen.") == {("NAR", "CAL", "036")}
    # "will not visit" is no intent to visit, though the pattern starts with "will"
    assert _rows(coder, "Narnia will not visit Calormen.") == set()
    assert _rows(coder, "Narnia will never visit Calormen.") == set()
    # a pattern that names the negation itself is what it says (PETRARCH's "will not clash")
    path = tmp_path / "refuse.yaml"
    path.write_text(BOOK + '  - code: "125"\n    patterns: ["{source} will not visit {target}"]\n', encoding="utf-8")
    assert _rows(Coder(path), "Narnia will not visit Calormen.") == {("NAR", "CAL", "125")}


def test_a_role_restriction_fits_the_role_of_a_country_or_an_organisation() -> None:
    from coder.patterns import fits

    assert fits("KENCVL", "---CVL") and fits("---CVL", "---CVL")
    assert fits("IGOWSTNATMIL", "---MIL")  # NATO's forces: the role is a later three-letter part
    assert fits("AFGTALREB", "---REB")
    assert not fits("IGOWSTNAT", "---MIL") and not fits("USAGOV", "---MIL")
    assert not fits("USAXMILGOV", "---MIL")  # "XMI" "LGO": MIL not on a three-letter boundary
    assert fits("IGOUNO", "IGO") and not fits("USAIGO", "IGO")


def test_a_restriction_may_name_alternatives() -> None:
    from coder.patterns import fits

    elements, errors = parse_pattern("{source:---REB|---MIL|IMG} kill {target:---COP|---MIL}")
    assert not errors
    assert [e.restrict for e in elements if e.kind == "slot"] == ["---REB|---MIL|IMG", "---COP|---MIL"]
    assert fits("COLREB", "---REB|---MIL|IMG") and fits("IMGMUSISI", "---REB|---MIL|IMG")
    assert not fits("COLGOV", "---REB|---MIL|IMG")
    assert parse_pattern("{source:---REB|} kill {target}")[1]  # an empty alternative is an error
