"""Special category data: the specific health condition, disability,
ethnicity, religion, sexuality or criminal offence becomes a placeholder that
keeps the topic ("I have <HEALTH_CONDITION>"), while the council's service
words that share those words stay."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

HEALTH = "<HEALTH_CONDITION>"
ETHNICITY = "<ETHNICITY>"
RELIGION = "<RELIGION>"
SEXUALITY = "<SEXUALITY>"
OFFENCE = "<CRIMINAL_OFFENCE>"


@pytest.mark.parametrize(
    "text, value, placeholder",
    [
        ("I have type 2 diabetes", "type 2 diabetes", HEALTH),
        ("my son is autistic and struggles with the noise", "autistic", HEALTH),
        ("i was diagnosed with multiple sclerosis last year", "multiple sclerosis", HEALTH),
        ("I suffer from severe depression and anxiety", "severe depression and anxiety", HEALTH),
        ("my husband has dementia and wanders at night", "dementia", HEALTH),
        ("She's on chemo for breast cancer so can't drag the bin",
         ("chemo", "breast cancer"), HEALTH),
        ("I have COPD and can't carry the bins", "COPD", HEALTH),
        ("my daughter has cerebral palsy, is she eligible", "cerebral palsy", HEALTH),
        ("im bipolar and the letters stress me out", "bipolar", HEALTH),
        ("I'm HIV positive and worried about my housing", "HIV positive", HEALTH),
        ("i have epilepsy so i cant drive to the tip", "epilepsy", HEALTH),
        ("im deaf, pls email dont call", "deaf", HEALTH),
        ("I am 7 months pregnant and the flat has mould", "pregnant", HEALTH),
        ("my son has ADHD and dyslexia", ("ADHD", "dyslexia"), HEALTH),
        ("Dear Sir, since my stroke in May I have been unable to work.", "stroke", HEALTH),
        ("he's an alcoholic and the house is a mess", "alcoholic", HEALTH),
        ("PTSD from my army days makes phone calls hard", "PTSD", HEALTH),
        ("I had a hip replacement and can't lift anything", "hip replacement", HEALTH),
        ("my mum is registered blind", "blind", HEALTH),
        ("I've got long covid", "long covid", HEALTH),
        ("I'm a wheelchair user so I need an assisted collection", "wheelchair user", HEALTH),
        ("As a Black British woman I felt the officer was rude", "Black British", ETHNICITY),
        ("I am of Pakistani heritage", "Pakistani", ETHNICITY),
        ("my neighbours abuse us because we're Somali", "Somali", ETHNICITY),
        ("my ethnicity is White Irish", "White Irish", ETHNICITY),
        ("im mixed race and get comments on the estate", "mixed race", ETHNICITY),
        ("we are a Roma family looking for a school place", "Roma", ETHNICITY),
        ("my ethnic background is Bangladeshi", "Bangladeshi", ETHNICITY),
        ("I'm a practising Muslim and need a prayer space", "Muslim", RELIGION),
        ("we are Jewish, does the school do kosher meals", "Jewish", RELIGION),
        ("as a Sikh I need the funeral within days", "Sikh", RELIGION),
        ("I'm a Jehovah's Witness", "Jehovah's Witness", RELIGION),
        ("we're hindu and need a cremation slot soon", "hindu", RELIGION),
        ("My family are Catholic.", "Catholic", RELIGION),
        ("I converted to Islam last year", "Islam", RELIGION),
        ("I'm gay and my neighbour keeps shouting at me", "gay", SEXUALITY),
        ("my partner and I are a lesbian couple", "lesbian", SEXUALITY),
        ("I am bisexual and scared to go out", "bisexual", SEXUALITY),
        ("we're a same-sex couple applying for a joint tenancy", "same-sex", SEXUALITY),
        ("as a gay man I don't feel safe in the hostel", "gay", SEXUALITY),
        ("I have a conviction for drink driving", "drink driving", OFFENCE),
        ("my son was arrested for shoplifting last week", "shoplifting", OFFENCE),
        ("I got out of prison in June after doing time for burglary", "burglary", OFFENCE),
        ("I have a criminal record for assault", "assault", OFFENCE),
        ("he's on the sex offenders register", "sex offenders register", OFFENCE),
        ("I got a caution for possession of cannabis", "possession of cannabis", OFFENCE),
        ("im on probation for theft", "theft", OFFENCE),
        ("I served 2 years for GBH, will that stop me getting a flat", "GBH", OFFENCE),
    ],
)
def test_special_category_details_are_replaced(redactor, text, value, placeholder):
    assert_redacted(redactor, text, value, placeholder)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("how do I apply for a disabled parking bay", "disabled parking bay"),
        ("my blue badge has expired", "blue badge"),
        ("I want to make a church hall booking", "church hall booking"),
        ("who do I contact about health and safety at the market",
         "health and safety"),
        ("how do I report the crime of fly-tipping", "the crime of fly-tipping"),
        ("when is the Christmas collection", "Christmas collection"),
        ("is the tip open on Good Friday", "Good Friday"),
        ("when does the black bin go out", "black bin"),
        ("can you collect white goods like a fridge", "white goods"),
        ("the food hygiene rating of the Chinese takeaway on the high street",
         "Chinese takeaway"),
        ("road closures for Remembrance Sunday", "Remembrance Sunday"),
        ("road closures for the Pride parade", "Pride parade"),
        ("is there a hearing loop at the town hall", "hearing loop"),
        ("is the library entrance wheelchair accessible", "wheelchair accessible"),
        ("the Gypsy and Traveller sites consultation", "Gypsy and Traveller sites"),
        ("how do I report anti-social behaviour", "anti-social behaviour"),
        ("criminal damage to the bus shelter on the green", "criminal damage to the bus shelter"),
        ("can I get an assisted bin collection", "assisted bin collection"),
        ("Easter opening hours for the library", "Easter opening hours"),
        ("flu jabs at the Eastfield community centre", "flu jabs"),
    ],
)
def test_service_words_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
