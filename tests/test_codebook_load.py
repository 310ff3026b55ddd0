"""Loading codebooks: every broken codebook in tests/broken/ gives its exact code and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coder.codebook.load import check_codebook, read_codebook
from coder.errors import PROBLEMS, CodebookError, CoderError

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.yaml"))


def _expected(path: Path) -> tuple[str, int]:
    match = re.match(r"# expect: (\w+) (\d+)", path.read_text(encoding="utf-8"))
    assert match, f"{path} needs a first line '# expect: CODE LINE'"
    return match[1], int(match[2])


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_codebook_reports_code_and_line(path: Path) -> None:
    code, line = _expected(path)
    _, problems = check_codebook(path)
    assert (code, line) in [(p.code, p.line) for p in problems], [str(p) for p in problems]


def test_every_problem_class_has_a_broken_codebook() -> None:
    covered = {_expected(p)[0] for p in BROKEN}
    errors = {c for c in PROBLEMS if c.startswith("C") and c != "C070"}
    assert errors - covered == set()


def test_read_codebook_raises_with_all_problems(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text('events:\n  - code: 042\n  - code: "999"\n', encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        read_codebook(path)
    assert [p.code for p in info.value.problems] == ["C004", "C010"]
    assert "two.yaml:2:" in str(info.value)


def test_missing_top_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CoderError, match="codebook not found"):
        read_codebook(tmp_path / "absent.yaml")


def test_problem_message_names_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "octal.yaml"
    path.write_text("events:\n  - code: 010\n", encoding="utf-8")
    _, problems = check_codebook(path)
    assert 'quote it: "010"' in problems[0].message
    assert "integer 8" in problems[0].message


def test_extends_adds_to_a_base(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        'countries:\n  - {code: LBY, names: [Libya]}\nevents:\n  - code: "042"\n    patterns: ["{source} visit {target}"]\n',
        encoding="utf-8",
    )
    (tmp_path / "local.yaml").write_text(
        "extends: base.yaml\ncountries:\n  - {code: TUR, names: [Turkey]}\n", encoding="utf-8"
    )
    book = read_codebook(tmp_path / "local.yaml")
    assert {a.codes[0].code for a in book.actors} == {"LBY", "TUR"}
    assert [p.id for p in book.patterns] == ["042.1"]


def test_every_problem_code_is_documented() -> None:
    text = (Path(__file__).parents[1] / "docs" / "problems.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in text for code in PROBLEMS)


def test_a_codebook_sets_its_own_dyad_requirement(tmp_path: Path, mini_codebook: Path) -> None:
    from coder import Coder

    text = mini_codebook.read_text(encoding="utf-8")
    both = tmp_path / "both.yaml"
    both.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\nrequire: both\n", 1), encoding="utf-8")
    assert read_codebook(both).require == "both"
    assert Coder(both).require == "both"
    assert Coder(both, require="source").require == "source"  # the caller's word wins
    assert Coder(mini_codebook).require == "source"
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\nrequire: always\n", 1), encoding="utf-8")
    _, problems = check_codebook(wrong)
    assert [(p.code, p.line) for p in problems if p.key == "require"] == [("C005", 3)]


def test_mutual_codes_pair_up_a_compound_subject_without_a_target(tmp_path: Path, mini_codebook: Path) -> None:
    from coder import Coder

    text = (
        mini_codebook.read_text(encoding="utf-8").replace("taxonomy: cameo\n", 'taxonomy: cameo\nmutual: ["04"]\n', 1)
        + '  - code: "043"\n    patterns: ["{source} gather {target?}"]\n'
    )
    path = tmp_path / "mutual.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_codebook(path).mutual == ("04",)
    coder = Coder(path)
    rows = {(e.source_code, e.target_code) for e in coder.code_text("Turkey, Qatar and Libya gathered on Monday.")}
    assert rows == {(a, b) for a in ("TUR", "QAT", "LBY") for b in ("TUR", "QAT", "LBY") if a != b}
    # with a target, the pattern codes as written: no pairs, no reverse
    rows = {(e.source_code, e.target_code) for e in coder.code_text("Turkey and Qatar gathered Libya.")}
    assert rows == {("TUR", "LBY"), ("QAT", "LBY")}
    # a code outside `mutual` gives the compound's rows without a target
    plain = tmp_path / "plain.yaml"
    plain.write_text(text.replace('mutual: ["04"]\n', ""), encoding="utf-8")
    rows = {(e.source_code, e.target_code) for e in Coder(plain).code_text("Turkey and Qatar gathered.")}
    assert rows == {("TUR", ""), ("QAT", "")}
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace('mutual: ["04"]', 'mutual: ["04", "0-4"]'), encoding="utf-8")
    _, problems = check_codebook(wrong)
    assert [(p.code, p.line, p.key) for p in problems] == [("C005", 3, "mutual[1]")]


def test_negated_codes_recode_a_match_negated_by_not(tmp_path: Path, mini_codebook: Path) -> None:
    from coder import Coder

    text = (
        mini_codebook.read_text(encoding="utf-8").replace(
            "taxonomy: cameo\n", 'taxonomy: cameo\nnegated: {"080": "124"}\n', 1
        )
        + '  - code: "080"\n    patterns: ["{source} grant passage to {target}"]\n'
    )
    path = tmp_path / "negated.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_codebook(path).negated == {"080": "124"}
    coder = Coder(path)

    def rows(sentence: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in coder.code_text(sentence)}

    assert rows("Turkey granted passage to Qatar.") == {("TUR", "QAT", "080")}
    assert rows("Turkey will not grant passage to Qatar.") == {("TUR", "QAT", "124")}
    assert rows("Turkey never granted passage to Qatar.") == {("TUR", "QAT", "124")}
    assert rows("Turkey said it cannot grant passage to Qatar.") == {("TUR", "QAT", "124")}
    assert rows("Turkey denied granting passage to Qatar.") == set()  # a denial is no refusal
    assert rows("Turkey will not visit Qatar.") == set()  # a code with no negated code: nothing
    # without `negated:` a negated match codes nothing
    plain = tmp_path / "plain.yaml"
    plain.write_text(text.replace('negated: {"080": "124"}\n', ""), encoding="utf-8")
    assert {e.event_code for e in Coder(plain).code_text("Turkey will not grant passage to Qatar.")} == set()
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace('{"080": "124"}', '{"080": "999", "08x": "124"}'), encoding="utf-8")
    _, problems = check_codebook(wrong)
    assert sorted((p.code, p.line, p.key) for p in problems) == [
        ("C010", 3, "negated.080"),
        ("C010", 3, "negated.08x"),
    ]


def test_place_targets_give_an_event_with_no_target_the_country_after_in(tmp_path: Path, mini_codebook: Path) -> None:
    from coder import Coder

    events = (
        '  - code: "1723"\n    patterns: ["{source} impose =curfew"]\n'
        '  - code: "141"\n    patterns: ["{source} demonstrate {target:SYR?}"]\n'
        '  - code: "046"\n    patterns: ["{source} hold =talks"]\n'
    )
    text = mini_codebook.read_text(encoding="utf-8") + events
    setting = 'place_targets: ["1"]\n'
    path = tmp_path / "places.yaml"
    path.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\n" + setting, 1), encoding="utf-8")
    assert read_codebook(path).place_targets == ("1",)
    coder = Coder(path, require="source")

    def rows(sentence: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in coder.code_text(sentence)}

    # a pattern with no target slot, and one whose optional slot finds no actor
    assert rows("The Turkish government imposed a curfew in Syria.") == {("TURGOV", "SYR", "1723")}
    assert rows("Turkish rebels demonstrated in Damascus on Friday.") == {("TURREB", "SYR", "141")}
    # the actor the slot finds comes first, and the slot's restriction holds for a place too
    assert rows("Turkish rebels demonstrated against the Syrian government in Qatar.") == {("TURREB", "SYRGOV", "141")}
    assert rows("Turkish rebels demonstrated in Qatar.") == {("TURREB", "", "141")}
    # codes the setting does not list keep the place as a venue ("held talks in Qatar")
    assert rows("Turkish officials held talks in Qatar.") == {("TURGOV", "", "046")}
    # the source's own code, a place after a conjunction, a place not after "in": no target
    assert rows("Libya imposed a curfew in Tripoli.") == {("LBY", "", "1723")}
    assert rows("Turkey imposed a curfew and troops moved in Syria.") == {("TUR", "", "1723")}
    assert rows("Turkey imposed a curfew near Syria.") == {("TUR", "", "1723")}
    # a passive's target is its subject, never a place
    assert rows("A curfew was imposed in Syria.") == set()
    # `true` means every code; a list of anything but codes is a problem with its line
    path.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\nplace_targets: true\n", 1), encoding="utf-8")
    assert read_codebook(path).place_targets == ("",)
    assert {(e.target_code, e.event_code) for e in Coder(path).code_text("Turkish officials held talks in Qatar.")} == {
        ("QAT", "046")
    }
    path.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\nplace_targets: [14-]\n", 1), encoding="utf-8")
    _, problems = check_codebook(path)
    assert [(p.code, p.line, p.key) for p in problems] == [("C005", 3, "place_targets[0]")]
    # without the setting the place stays a place
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8")
    plain_rows = Coder(plain, require="source").code_text("Turkey imposed a curfew in Syria.")
    assert {e.target_code for e in plain_rows} == {""}


def test_a_codebook_sets_its_reading_options(tmp_path: Path, mini_codebook: Path) -> None:
    from coder import Coder
    from coder.options import Options

    text = mini_codebook.read_text(encoding="utf-8")
    path = tmp_path / "options.yaml"
    settings = "comma_clauses: {middle: [2, 8], end: [2, 010]}\nnew_actor_length: 3\n"
    path.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\n" + settings, 1), encoding="utf-8")
    options = Options(middle=(2, 8), end=(2, 10), new_actor_length=3)  # 010 is ten, not YAML's octal eight
    assert read_codebook(path).options == options
    assert Coder(path).options == options
    assert Coder(mini_codebook).options == Options()  # no keys: all off
    wrong = tmp_path / "wrong.yaml"
    settings = "comma_clauses: {middle: [8, 2], begin: [1, 2], end: 8}\nnew_actor_length: -1\n"
    wrong.write_text(text.replace("taxonomy: cameo\n", "taxonomy: cameo\n" + settings, 1), encoding="utf-8")
    _, problems = check_codebook(wrong)
    assert sorted((p.code, p.line, p.key) for p in problems) == [
        ("C005", 3, "comma_clauses.end"),
        ("C005", 3, "comma_clauses.middle"),
        ("C005", 4, "new_actor_length"),
        ("C006", 3, "comma_clauses.begin"),
    ]
