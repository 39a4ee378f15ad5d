"""The trigger lexicon file: format, errors that name the line, user files, coverage."""

from __future__ import annotations

import pytest

from chronicle.errors import ConfigError
from chronicle.extractors.events.lexicon import ABSENT, ANY, load_lexicon, parse_lexicon
from chronicle.records import PLOVER_TYPES
from chronicle.settings import Settings

SMALL = """\
# a comment line
@arms  rifle pistol   # trailing comment
@arms  mortar
ASSAULT  firearms  shoot/v
ASSAULT  -  fire/v  obj=@arms,shell  prep=at  w=0.7
NONE  -  fire/v  obj=employee
COERCE  arrest  round/v  prep=up
REQUEST  -  call/v  for=*  subj=-
%ASSAULT  heavy-weapons  mortar shell
%ASSAULT  firearms  rifle
"""


def test_lines_become_triggers_indexed_by_lemma_and_pos():
    lex = parse_lexicon([(SMALL, "small.tsv")])
    (shoot,) = lex.lookup("shoot", "v")
    assert (shoot.type, shoot.mode, shoot.weight, shoot.when) == ("ASSAULT", "firearms", 1.0, ())
    assert lex.lookup("shoot", "n") == []
    fire = lex.lookup("fire", "v")
    assert [t.type for t in fire] == ["ASSAULT", "NONE"]
    assert dict(fire[0].when)["obj"] == {"rifle", "pistol", "mortar", "shell"}
    assert dict(fire[0].when)["prep"] == {"at"}
    assert fire[0].weight == 0.7 and fire[0].mode is None
    assert fire[1].blocks and not fire[0].blocks


def test_any_and_absent_values_and_preposition_keys():
    lex = parse_lexicon([(SMALL, "small.tsv")])
    (call,) = lex.lookup("call", "v")
    assert dict(call.when) == {"for": {ANY}, "subj": {ABSENT}}


def test_mode_cues_in_file_order():
    lex = parse_lexicon([(SMALL, "small.tsv")])
    assert lex.mode_for("ASSAULT", {"a", "mortar", "rifle"}) == "heavy-weapons"
    assert lex.mode_for("ASSAULT", {"rifle"}) == "firearms"
    assert lex.mode_for("ASSAULT", {"knife"}) is None
    assert lex.mode_for("PROTEST", {"rifle"}) is None


def test_origin_names_file_and_line():
    lex = parse_lexicon([(SMALL, "small.tsv")])
    assert lex.lookup("round", "v")[0].origin == "small.tsv:7"


@pytest.mark.parametrize("line, message", [
    ("ATTACK  -  hit/v", "unknown event type 'ATTACK'"),
    ("ASSAULT  -  hit/x", "part of speech 'x'"),
    ("ASSAULT  -  hit", "expected 'TYPE mode lemma/pos"),
    ("ASSAULT  -  hit/v  obj=@nowhere", "unknown word class '@nowhere'"),
    ("ASSAULT  -  hit/v  obj", "constraint 'obj' is not key=values"),
    ("ASSAULT  -  hit/v  w=high", "weight 'high' is not a number"),
    ("%ASSAULT  firearms", "expected '%TYPE mode cue"),
])
def test_bad_lines_name_the_file_and_line(line, message):
    with pytest.raises(ConfigError) as err:
        parse_lexicon([("# header\n" + line + "\n", "mine.tsv")])
    assert str(err.value).startswith("mine.tsv:2: ")
    assert message in str(err.value)


def test_user_file_is_read_first_and_may_use_builtin_classes(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("PROTEST  obstruct  barricade/n\nSANCTION  -  snub/v  obj=@diplomats\n",
                    encoding="utf-8")
    settings = Settings.load(config=None, env={"CHRONICLE_TRIGGERS": str(mine)})
    lex = load_lexicon(settings.triggers)
    assert lex.lookup("barricade", "n")[0].type == "PROTEST"
    snub = lex.lookup("snub", "v")
    assert snub[0].type == "SANCTION" and "ambassador" in dict(snub[0].when)["obj"]
    assert snub[1].type == "REJECT"  # the built-in line still follows
    assert not load_lexicon().lookup("barricade", "n")  # other runs' settings are theirs


def test_unreadable_user_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="missing.tsv: cannot read"):
        load_lexicon((str(tmp_path / "missing.tsv"),))


def test_builtin_lexicon_covers_every_type_with_verbs_and_nouns():
    lex = load_lexicon()
    kinds: dict[str, set[str]] = {t: set() for t in PLOVER_TYPES}
    for (_, pos), entries in lex.triggers.items():
        for trig in entries:
            if not trig.blocks:
                kinds[trig.type].add(pos)
    assert all({"v", "n"} <= kinds[t] for t in PLOVER_TYPES), kinds
    assert len(lex.lemmas()) > 500


def test_builtin_classes_the_extractor_reads_exist():
    lex = load_lexicon()
    for name in ("light", "report", "belief", "intent", "attempt", "avoid", "object_control",
                 "speech_noun", "support_noun", "human", "occur", "instrument", "hazard"):
        assert lex.cls(name), name
    assert lex.cls("nowhere") == frozenset()
