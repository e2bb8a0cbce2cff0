"""The language detector, table by table: messages in other languages are
found, with their language; English written badly, tersely or with foreign
names and words is never taken for another language."""

from __future__ import annotations

import pytest

from bot.language.detector import LanguageDetector, Thresholds
from bot.language.languages import load_languages

ENGLISH_HARD_NEGATIVES = [
    # terse
    "ok", "hello", "bin", "yes", "thanks", "hi", "help", "k", "ta", "nah", "council tax",
    # postcodes, references, numbers, placeholders
    "NB7 4QZ", "bin day NB7 4QZ", "ref CT40077123", "01632 960100", "£1,234.56",
    "<NAME:3fa91c>", "<NAME:9b2e7d> <NAME:01ac44>", "<NAME:77aa10> <ADDRESS> <POSTCODE:NB7>",
    "my name is <NAME:3fa91c> and i live at <ADDRESS>",
    # council jargon
    "HMO", "DFG", "HMO licence renewal for a 5 bed", "is my HMO mandatory or additional licensing",
    "do i qualify for DHP if on UC", "SEN support vs EHCP", "PSPO dog fouling fine",
    # non-native English
    "Hello sir, my bin is not take from three week, what I must to do?",
    "I am not understand the letter you send me",
    "my landlord he say I must go out in two month, what I do",
    "Kindly revert on my application status at the earliest",
    "Please do the needful regarding my missed collection",
    "I am Polish and my English not so good. I need to know when the bins collection for my address",
    # misspelt and text-speak
    "wen is my bin colected", "teh bins wernt emptyed", "dircet debit set up",
    "cud u tel me ct band", "wher do i reprot fly tiping", "im gona kil myslef",
    # slang, dialect and pidgin
    "am no sure how tae pay ma council tax", "howay man the bins are overflowing",
    "abeg how i go pay council tax", "wah gwaan, when bin day", "fr fr nobody came for the bins",
    # names of people and places, foreign words
    "Przemysław Wiśniewski", "Maria da Conceição Santos", "Gurpreet Kaur Sandhu",
    "Abdirahman Mohamed Farah", "Siobhan Ní Bhriain", "Dimitar Georgiev",
    "my neighbour Wojciech Szczepański leaves rubbish out",
    "Mrs Agnieszka Wójcik-Nowak is my mum, I'm her carer",
    "is Ysgol Gymraeg Millbridge a council school", "bins on Heol y Felin not collected",
    "Salaam, my bin wasn't collected", "Sat sri akal, when is bin day",
    "Assalam o alaikum, my bin was not collected", "Gracias, that's all", "merci", "namaste",
    "where do i recycle a paella pan", "can i recycle tetra pak cartons",
    "is council tax pro rata if i move mid month",
    "Dzień dobry, my bin was not collected this week",
    # capitals, keyboard tests, emoji
    "MY BIN HAS NOT BEEN COLLECTED FOR 3 WEEKS", "lorem ipsum dolor", "asdkjh qwpoe", "🗑️❓", "bin 😡",
    "ｍｙ ｂｉｎ ｗａｓ ｍｉｓｓｅｄ \u200b🗑️",
    # a word or two in another script is not enough
    "да", "你好", "شكرا",
]


@pytest.mark.parametrize("text", ENGLISH_HARD_NEGATIVES)
def test_english_is_never_taken_for_another_language(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize("text, language", [
    ("Dzień dobry, kiedy jest odbiór śmieci na mojej ulicy?", "pl"),
    ("dzien dobry, smieci nie zostaly zabrane od dwoch tygodni", "pl"),
    ("Nu vorbesc bine engleza, mă puteți ajuta în română?", "ro"),
    ("Não falo bem inglês, alguém fala português?", "pt"),
    ("Hay humedad y moho en mi piso, ¿quién lo arregla?", "es"),
    ("Je voudrais inscrire mon fils à l'école", "fr"),
    ("Non parlo bene l'inglese, c'è qualcuno che parla italiano?", "it"),
    ("Aš blogai kalbu angliškai, ar kas nors kalba lietuviškai?", "lt"),
    ("Es slikti runāju angliski, vai kāds runā latviski?", "lv"),
    ("İngilizcem iyi değil, Türkçe konuşan biri var mı?", "tr"),
    ("Ingiriisiga si fiican uma aqaan, ma jiraa qof Soomaali ku hadla?", "so"),
    ("Hoffwn gofrestru fy mhlentyn yn yr ysgol", "cy"),
    # Kurdish in Latin letters is Kurmanji, not the Arabic-script Sorani.
    ("Ez bi îngilîzî baş nizanim, kesek heye ku bi kurdî diaxive?", "ku-Latn"),
    # romanised Urdu, Hindi and Punjabi read alike
    ("assalam o alaikum mera kachra is hafte nahi uthaya gaya", "ur-Latn"),
    ("kya aap hindi mein baat kar sakte hain? meri angrezi kamzor hai", "ur-Latn"),
    ("mainu angrezi nahi aundi, koi punjabi bolan wala hai?", "ur-Latn"),
    # scripts of their own, and the letters only one language of a script uses
    ("ਮੈਨੂੰ ਅੰਗਰੇਜ਼ੀ ਨਹੀਂ ਆਉਂਦੀ, ਕੀ ਕੋਈ ਪੰਜਾਬੀ ਬੋਲਦਾ ਹੈ?", "pa"),
    ("আমি ইংরেজি ভালো বলতে পারি না, কেউ বাংলা বলেন?", "bn"),
    ("મને અંગ્રેજી નથી આવડતું, કોઈ ગુજરાતી બોલે છે?", "gu"),
    ("எனக்கு வீட்டுக்கு உதவி தேவை", "ta"),
    ("मुझे अंग्रेज़ी नहीं आती, क्या कोई हिंदी बोलता है?", "hi"),
    ("مجھے انگریزی نہیں آتی، کیا آپ اردو میں بات کر سکتے ہیں؟", "ur"),
    ("لا أتكلم الإنجليزية جيدا، هل يوجد من يتكلم العربية؟", "ar"),
    ("انگلیسی‌ام خوب نیست، کسی هست که فارسی صحبت کند؟", "fa"),
    ("من ئینگلیزی باش نازانم، کەس هەیە کوردی قسە بکات؟", "ku"),
    ("زه انګلیسي ښه نه پوهیږم، څوک شته چې پښتو وغږیږي؟", "ps"),
    ("Я погано розмовляю англійською, чи є хтось, хто говорить українською?", "uk"),
    ("В квартире плесень и сырость, что делать?", "ru"),
    ("Не говоря добре английски, има ли някой, който говори български?", "bg"),
    ("我英语不好，有人会说中文吗？", "zh"),
    ("ゴミが回収されていません", "ja"),
    ("ኣንግሊዝኛ ጽቡቕ ኣይዛረብን እየ፡ ትግርኛ ዝዛረብ ሰብ ኣሎ ድዩ?", "ti"),
    ("እንግሊዝኛ በደንብ አልናገርም፣ አማርኛ የሚናገር ሰው አለ?", "am"),
    # plainly not English, in a script no listed language uses
    ("สวัสดีครับ ขยะของผมไม่ได้เก็บ", "und"),
])
def test_other_languages_are_found(detector, text, language):
    assert detector.detect(text) == language


def test_placeholders_and_numbers_do_not_count_as_letters(detector):
    assert detector.detect("<NAME:3fa91c> <POSTCODE:NB7> 07700 900123 <EMAIL>") is None
    assert detector.detect("Dzień dobry <NAME:3fa91c>, kiedy jest odbiór śmieci na mojej ulicy?") == "pl"


class Always:
    """A model that is sure of one language, whatever it reads: the rules
    alone must keep English safe."""

    name = "always"

    def __init__(self, code: str, confidence: float = 0.99) -> None:
        self.code, self.confidence = code, confidence
        self.supported = frozenset(load_languages().known)

    def rank(self, text, among):
        rest = (1 - self.confidence) / max(len(among) - 1, 1)
        return sorted(((c, self.confidence if c == self.code else rest) for c in among),
                      key=lambda pair: pair[1], reverse=True)


@pytest.mark.parametrize("text", [
    "my bin was not collected this week",        # mostly common English words
    "Katarzyna Dąbrowska Ionuț Popescu",         # capitalised names
    "kiedy jest to",                             # too few letters
    "nie rozumiem",                              # too few words
])
def test_the_rules_hold_whatever_the_model_says(text):
    detector = LanguageDetector(Always("pl"))
    assert detector.detect(text) is None


def test_an_unsure_model_is_not_trusted():
    unsure = LanguageDetector(Always("pl", confidence=0.6))
    sure = LanguageDetector(Always("pl", confidence=0.95))
    text = "Potrzebuję pomocy z mieszkaniem, mam problem z właścicielem"
    assert unsure.detect(text) is None and sure.detect(text) == "pl"


def test_the_thresholds_can_be_stricter():
    strict = LanguageDetector(Always("pl"), thresholds=Thresholds(min_latin_words=20))
    assert strict.detect("Potrzebuję pomocy z mieszkaniem, mam problem z właścicielem") is None


def test_a_script_shared_by_languages_asks_the_model_when_no_letter_decides():
    # Bulgarian has none of the Russian or Ukrainian letters listed.
    detector = LanguageDetector(Always("bg"))
    assert detector.detect("Как да платя общинския данък?") == "bg"
    assert LanguageDetector(Always("bg", confidence=0.4)).detect("Как да платя общинския данък?") == "und"
