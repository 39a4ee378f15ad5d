"""Name keys and name words always pair up, whatever the text: the class of the AL crash.

Grouping reads a name's key tokens and its words side by side (`keys[0]` with `words[0]`,
`keys[-1]` with `words[-1]`). An acronym kept its letters as one key ("=al") while its
words lost them as an Arabic article, and "He joined AL." crashed a run of 231 documents.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from chronicle.extractors.actors.candidate import Candidate
from chronicle.extractors.actors.names import key_tokens, name_parts

PIECES = ("AL", "AN", "AZ", "AS", "THE", "EL", "AD", "ASH", "al-", "Al", "el", "bin", "Abu",
          "Abd", "Abdel", "U.S.", "A.L.", "(AS)", "(PBUH)", "Sharaa", "Ahmed", "'", "-", ".",
          " ", "HTS", "the", "Umm", "ibn", "é", "ﷺ", "\u0301", "")


@given(st.one_of(st.text(max_size=30),
                 st.lists(st.sampled_from(PIECES), max_size=6).map(" ".join),
                 st.lists(st.sampled_from(PIECES), max_size=6).map("".join)))
@example("AL")
@example("A.L.")
@example("THE")
@example("Abd AL")
def test_keys_and_words_pair_up(name: str) -> None:
    assert len(key_tokens(name)) == len(name_parts(name))
    cand = Candidate(0, 1, 0, len(name), name, "ORG")
    assert len(cand.keys) == len(cand.words)
    assert all(cand.words) and all(cand.keys)
