"""Did-you-mean at scale (kg.core.problems.CloseWords): on a graph of tens of thousands of ids, hundreds of unknown
names (a file that no longer reads leaves every reference to its entities dangling) are each told the nearest id in
a fraction of a second, and the suggestion is the one difflib's full comparison gives."""

from __future__ import annotations

import difflib
import random
import time

from kg.core.problems import CloseWords, did_you_mean

FIRST = ["maria", "jose", "juan", "ana", "luis", "carmen", "pedro", "rosa", "jorge", "elena", "miguel", "sofia"]
LAST = ["garcia", "hernandez", "lopez", "martinez", "gonzalez", "perez", "rodriguez", "sanchez", "ramirez", "torres",
        "flores", "rivera", "gomez", "diaz", "cruz", "morales", "reyes", "jimenez", "ruiz", "vargas"]


def synthetic_ids(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return sorted({f"{rng.choice(FIRST)}-{rng.choice(LAST)}-{rng.choice(LAST)}-{rng.randrange(10_000)}"
                   for _ in range(n)})


def misspelt(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2:]


def test_small_lists_are_compared_whole_as_before():
    assert did_you_mean("cartle", ["cartel", "state", "person"]) == " (did you mean `cartel`?)"
    assert did_you_mean("zzz", ["cartel", "state"]) == ""


def test_many_candidates_give_difflibs_answer_quickly():
    ids = synthetic_ids(30_000)
    rng = random.Random(7)
    words = [misspelt(rng.choice(ids), rng) for _ in range(300)]
    started = time.process_time()
    close = CloseWords(ids)
    found = [close.closest(w) for w in words]
    seconds = time.process_time() - started
    assert seconds < 15, f"{seconds:.1f} s of CPU for 300 suggestions among 30,000 ids"  # hours before
    assert all(found), "a one-letter slip always finds a suggestion"


def test_the_suggestion_is_as_good_as_difflibs_whole_comparison():
    ids = synthetic_ids(6_000)  # above CloseWords.COMPARE_ALL: the pieces' vote chooses what is compared
    rng = random.Random(11)
    words = [misspelt(rng.choice(ids), rng) for _ in range(20)]
    close = CloseWords(ids)
    agree = 0
    for word in words:
        got = close.closest(word)
        best = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
        expected = best[0] if best else None
        if got == expected or (got and expected and difflib.SequenceMatcher(None, word, got).ratio()
                               == difflib.SequenceMatcher(None, word, expected).ratio()):
            agree += 1
    assert agree >= 19, f"{agree} of 20 suggestions as good as difflib's"
