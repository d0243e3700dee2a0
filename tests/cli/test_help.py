"""Every subcommand's help explains each argument, shows the defaults and ends with an example."""

import argparse

import pytest

from keras_gans.cli.parser import EXAMPLES, build_parser


def _subparsers():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_subcommand_has_help_for_each_argument_defaults_and_an_example(name, capsys):
    sub = _subparsers()[name]
    undocumented = [a.dest for a in sub._actions if not a.help]
    assert undocumented == []
    with pytest.raises(SystemExit):
        sub.parse_args(["--help"])
    text = capsys.readouterr().out
    assert f"example:\n  keras-gans {name}" in text
    flat = " ".join(text.split())
    for action in sub._actions:
        if action.option_strings and not action.help.count("default") and action.default is not None \
                and action.default is not False and action.default != argparse.SUPPRESS and action.default != []:
            assert f"(default: {action.default})" in flat, action.dest


def test_the_metric_list_says_what_each_metric_needs(capsys):
    from keras_gans.metrics import metric_names

    with pytest.raises(SystemExit):
        _subparsers()["eval"].parse_args(["--help"])
    text = capsys.readouterr().out.split("metrics and what they need:")[1]
    assert all(name in text for name in metric_names())
