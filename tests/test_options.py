"""Reading options: PETRARCH's names over the codebook's settings."""

from __future__ import annotations

from coder.options import DEFAULT, Options, petrarch_options


def test_petrarch_names_set_the_bounds_they_name() -> None:
    options, unknown, bad = petrarch_options(
        DEFAULT,
        {"comma_min": "4", "comma_max": "6", "comma_bmin": 3, "comma_bmax": "6", "comma_emax": "8"},
    )
    assert options == Options(start=(3, 6), middle=(4, 6), end=(2, 8))  # comma_emin keeps its default of 2
    assert unknown == [] and bad == []


def test_a_max_of_zero_turns_skipping_off() -> None:
    on, _, _ = petrarch_options(DEFAULT, {"comma_max": "8", "comma_emax": "8"})
    assert on.skips_commas
    off, _, _ = petrarch_options(on, {"comma_max": "0", "comma_emax": "0"})
    assert not off.skips_commas and not DEFAULT.skips_commas


def test_new_actor_length_and_the_names_read_elsewhere() -> None:
    options, unknown, bad = petrarch_options(
        DEFAULT, {"new_actor_length": "3", "require_dyad": "false", "stop_on_error": "True"}
    )
    assert options.new_actor_length == 3 and unknown == [] and bad == []


def test_unknown_names_and_bad_values_are_returned_and_left_out() -> None:
    options, unknown, bad = petrarch_options(
        DEFAULT, {"comma_mid": "3", "comma_max": "eight", "new_actor_length": "-1"}
    )
    assert options == DEFAULT
    assert unknown == ["comma_mid"] and bad == ["comma_max=eight", "new_actor_length=-1"]
