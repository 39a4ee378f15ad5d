"""How an attack was carried out: the nearest means decides, within it the earlier cue
line; a chemical attack is one wherever its clause says so. Invented sentences."""

from __future__ import annotations

import pytest
from event_support import run

pytestmark = pytest.mark.model


def _mode(nlp, text: str) -> str | None:  # noqa: ANN001
    found = [f for f in run(nlp, text) if f[0] == "ASSAULT" and not f[4]]
    return found[0][1] if found else "no attack"


@pytest.mark.parametrize("text, mode", [
    ("Barrel bombs dropped from helicopters killed 11 civilians in Daraa.", "aerial"),
    ("Rebels fired rockets at a government-held district of Aleppo.", "heavy-weapons"),
    ("Ten people were killed in an air strike that released toxic gas on the town.", "cbrn"),
    ("A suicide car bomb attack killed 20 people in Qamishli.", "suicide-attack"),
    ("Gunmen shot dead a judge in Daraa.", "firearms"),
    ("Regime and Russian bombing killed 33 people in Idlib.", "aerial"),
    ("A car bomb killed five people outside a bakery.", "explosives"),
    ("Militants beheaded two captives in Raqqa.", "execute"),
    # an air force named as the doer is its means
    ("The Russian Aerospace Forces have killed 304 militants near Deir Ezzor.", "aerial"),
])
def test_the_means_near_the_trigger_decide(nlp, text, mode):
    assert _mode(nlp, text) == mode


def test_targeted_is_not_an_assassination(nlp):
    assert _mode(nlp, "Artillery shells targeted a school in Homs, killing four pupils.") \
        != "assassinate"


def test_a_siege_is_coercion_by_siege(nlp):
    found = [f for f in run(nlp, "Government forces besieged the town of Madaya in July.")
             if f[0] == "COERCE"]
    assert found and found[0][1] == "siege"
