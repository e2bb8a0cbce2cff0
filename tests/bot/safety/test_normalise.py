"""The normaliser turns what residents type into the one form the patterns
and exemplars are written against."""

from __future__ import annotations

import pytest

from bot.safety.normalise import prepare


@pytest.mark.parametrize(
    "typed, normal",
    [
        # case, punctuation, spacing, full-width and curly characters
        ("I WANT TO DIE!!!", "i want to die"),
        ("he\u2019s hitting me", "he is hitting me"),
        ("\uff29 want to die", "i want to die"),
        ("self-harm / self_harm", "self harm self harm"),
        ("  lots   of\tspace\n", "lots of space"),
        # contractions, with and without the apostrophe
        ("I'm scared", "i am scared"),
        ("im scared", "i am scared"),
        ("Iam scared", "i am scared"),
        ("I can't take it anymore", "i can not take it any more"),
        ("he won't let me leave", "he will not let me leave"),
        ("she'd kill me", "she would kill me"),
        ("my neighbour's kids", "my neighbour kids"),
        # text-speak and euphemisms
        ("im gonna kms", "i am going to kill myself"),
        ("i wanna die coz no1 cares", "i want to die because no one cares"),
        ("hes got a nife 2nite", "he is got a knife tonight"),
        ("homless tonite", "homeless tonight"),
        ("i want to unalive myself", "i want to kill myself"),
        ("thinking about sewer slide", "thinking about suicide"),
        ("my bf hits me", "my boyfriend hits me"),
        ("i dont want 2 live", "i do not want to live"),
        ("my 2 kids", "my 2 kids"),
        ("we have 2 bins", "we have 2 bins"),
        ("she's 14yo", "she is 14 year old"),
        ("10 kms away", "10 kilometres away"),
        ("w/o food", "without food"),
        # misspellings of the table's words, and of common words
        ("sucidal", "suicidal"),
        ("kil myslef", "kill myself"),
        ("domestic abuce", "domestic abuse"),
        ("sexualy asaulted", "sexually assaulted"),
        ("my husbend beat me", "my husband beat me"),
        ("i'm so stresed", "i am so stressed"),
        ("pleeease help", "please help"),
        ("killmyself", "kill myself"),
        # ordinary words and council words are left alone
        ("kill the weeds on my drive", "kill the weeds on my drive"),
        ("my bins were skipped", "my bins were skipped"),
        # the privacy gate's placeholders read as words
        ("my ex <NAME> is outside <ADDRESS>", "my ex someone is outside the house"),
        ("call me on <PHONE> at <POSTCODE>", "call me on my number at the area"),
        ("<UNKNOWN_THING>", "something"),
    ],
)
def test_typed_text_is_normalised(net, typed, normal):
    assert net.normalise(typed) == normal


def test_control_characters_become_spaces_but_line_breaks_stay():
    assert prepare("one\x00two\nthree") == "one two\nthree"
