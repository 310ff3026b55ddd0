"""Own English word forms: a base word expands to the forms it matches in text.

A pattern or agent is written with base forms (`attack`, `airstrike`, `soldier`); the
codebook compiler expands each to its inflections once, so that matching a sentence is a set
lookup and never needs a lemmatiser or a parser. Over-generation (`airstriked`) is harmless:
such forms never occur in text.
"""

from __future__ import annotations

from functools import cache

# Irregular verbs: base -> past forms (simple past and past participle), plus odd 3rd persons.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "arise": ("arose", "arisen"),
    "awake": ("awoke", "awoken"),
    "be": ("was", "were", "been", "is", "are", "am"),
    "bear": ("bore", "borne", "born"),
    "beat": ("beat", "beaten"),
    "become": ("became",),
    "begin": ("began", "begun"),
    "bend": ("bent",),
    "bid": ("bid",),
    "bind": ("bound",),
    "bite": ("bit", "bitten"),
    "bleed": ("bled",),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "breed": ("bred",),
    "bring": ("brought",),
    "broadcast": ("broadcast",),
    "build": ("built",),
    "burn": ("burnt",),
    "burst": ("burst",),
    "buy": ("bought",),
    "cast": ("cast",),
    "catch": ("caught",),
    "choose": ("chose", "chosen"),
    "cling": ("clung",),
    "come": ("came",),
    "cost": ("cost",),
    "creep": ("crept",),
    "cut": ("cut",),
    "deal": ("dealt",),
    "dig": ("dug",),
    "do": ("did", "done", "does"),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feed": ("fed",),
    "feel": ("felt",),
    "fight": ("fought",),
    "find": ("found",),
    "flee": ("fled",),
    "fling": ("flung",),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forecast": ("forecast",),
    "foresee": ("foresaw", "foreseen"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone", "goes"),
    "grind": ("ground",),
    "grow": ("grew", "grown"),
    "hang": ("hung",),
    "have": ("had", "has"),
    "hear": ("heard",),
    "hide": ("hid", "hidden"),
    "hit": ("hit",),
    "hold": ("held",),
    "hurt": ("hurt",),
    "keep": ("kept",),
    "know": ("knew", "known"),
    "lay": ("laid",),
    "lead": ("led",),
    "lean": ("leant",),
    "leave": ("left",),
    "lend": ("lent",),
    "let": ("let",),
    "lie": ("lay", "lain"),
    "light": ("lit",),
    "lose": ("lost",),
    "make": ("made",),
    "mean": ("meant",),
    "meet": ("met",),
    "mislead": ("misled",),
    "overcome": ("overcame",),
    "overrun": ("overran",),
    "oversee": ("oversaw", "overseen"),
    "overthrow": ("overthrew", "overthrown"),
    "pay": ("paid",),
    "put": ("put",),
    "quit": ("quit",),
    "read": ("read",),
    "rebuild": ("rebuilt",),
    "repay": ("repaid",),
    "rethink": ("rethought",),
    "rid": ("rid",),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "run": ("ran",),
    "say": ("said",),
    "see": ("saw", "seen"),
    "seek": ("sought",),
    "sell": ("sold",),
    "send": ("sent",),
    "set": ("set",),
    "shake": ("shook", "shaken"),
    "shed": ("shed",),
    "shoot": ("shot",),
    "show": ("shown",),
    "shrink": ("shrank", "shrunk"),
    "shut": ("shut",),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "sit": ("sat",),
    "slay": ("slew", "slain"),
    "sleep": ("slept",),
    "slide": ("slid",),
    "speak": ("spoke", "spoken"),
    "spend": ("spent",),
    "spill": ("spilt",),
    "spin": ("spun",),
    "split": ("split",),
    "spread": ("spread",),
    "stand": ("stood",),
    "steal": ("stole", "stolen"),
    "stick": ("stuck",),
    "sting": ("stung",),
    "strike": ("struck", "stricken"),
    "strive": ("strove", "striven"),
    "swear": ("swore", "sworn"),
    "sweep": ("swept",),
    "swim": ("swam", "swum"),
    "swing": ("swung",),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "tear": ("tore", "torn"),
    "tell": ("told",),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "thrust": ("thrust",),
    "undergo": ("underwent", "undergone"),
    "understand": ("understood",),
    "undertake": ("undertook", "undertaken"),
    "undo": ("undid", "undone"),
    "uphold": ("upheld",),
    "upset": ("upset",),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "weep": ("wept",),
    "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld",),
    "withstand": ("withstood",),
    "write": ("wrote", "written"),
    "mistake": ("mistook", "mistaken"),
    "shoot down": ("shot down",),
    "override": ("overrode", "overridden"),
    "beset": ("beset",),
    "forego": ("forewent", "foregone"),
    "forgo": ("forwent", "forgone"),
    "outbid": ("outbid",),
    "offset": ("offset",),
    "partake": ("partook", "partaken"),
    "reset": ("reset",),
    "resend": ("resent",),
    "retake": ("retook", "retaken"),
    "undercut": ("undercut",),
    "waylay": ("waylaid",),
}

# Irregular noun plurals that the rules below do not produce.
IRREGULAR_PLURALS: dict[str, tuple[str, ...]] = {
    "man": ("men",),
    "woman": ("women",),
    "child": ("children",),
    "person": ("people", "persons"),
    "policeman": ("policemen",),
    "gunman": ("gunmen",),
    "spokesman": ("spokesmen",),
    "spokeswoman": ("spokeswomen",),
    "chairman": ("chairmen",),
    "congressman": ("congressmen",),
    "militiaman": ("militiamen",),
    "serviceman": ("servicemen",),
    "crisis": ("crises",),
    "thesis": ("theses",),
    "analysis": ("analyses",),
    "chief": ("chiefs",),
    "leaf": ("leaves",),
    "life": ("lives",),
    "thief": ("thieves",),
    "wife": ("wives",),
    "knife": ("knives",),
    "fisherman": ("fishermen",),
    "tribesman": ("tribesmen",),
    "kinsman": ("kinsmen",),
    "countryman": ("countrymen",),
    "clergyman": ("clergymen",),
    "foot": ("feet",),
    "tooth": ("teeth",),
}

_VOWELS = set("aeiou")


def _third_person(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _doubles(word: str) -> bool:
    """Say whether a final consonant may double before -ed/-ing (stop -> stopped)."""
    return (
        len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS and word[-3] not in _VOWELS
    )


def _past(word: str) -> list[str]:
    if word.endswith("e"):
        return [word + "d"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return [word[:-1] + "ied"]
    forms = [word + "ed"]
    if _doubles(word):
        forms.append(word + word[-1] + "ed")
    if word.endswith("c"):
        forms.append(word + "ked")
    return forms


def _gerund(word: str) -> list[str]:
    if word.endswith("ie"):
        return [word[:-2] + "ying"]
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return [word[:-1] + "ing", word + "ing"]
    forms = [word + "ing"]
    if _doubles(word):
        forms.append(word + word[-1] + "ing")
    if word.endswith("c"):
        forms.append(word + "king")
    return forms


@cache
def word_forms(word: str) -> frozenset[str]:
    """Return the lower-case forms of a base word: itself, plural/3rd person, -ed, -ing."""
    word = word.lower()
    if not word.isalpha():
        return frozenset({word})
    forms = {word, _third_person(word), *_past(word), *_gerund(word)}
    forms.update(IRREGULAR.get(word, ()))
    forms.update(IRREGULAR_PLURALS.get(word, ()))
    return frozenset(forms)


@cache
def noun_forms(word: str) -> frozenset[str]:
    """Return a noun's singular and plural forms (lower case)."""
    word = word.lower()
    if not word.isalpha():
        return frozenset({word})
    plural = IRREGULAR_PLURALS.get(word, (_third_person(word),))
    if word.endswith(("man",)) and word not in IRREGULAR_PLURALS:
        plural = (word[:-3] + "men",)
    return frozenset({word, *plural})


# Forms that mark a past participle after "be": regular -ed forms and irregular participles.
PARTICIPLES: frozenset[str] = frozenset(
    form for forms in IRREGULAR.values() for form in forms if not form.endswith("s")
)
