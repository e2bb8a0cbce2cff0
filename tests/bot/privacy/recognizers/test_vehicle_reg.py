"""UK vehicle registrations in every format become <VEHICLE_REG>."""

from __future__ import annotations

import pytest

from tests.bot.privacy.recognizers.helpers import assert_kept, assert_redacted

REG = "<VEHICLE_REG>"


@pytest.mark.parametrize(
    "text, value",
    [
        ("my car reg is KX21 ABC", "KX21 ABC"),
        ("reg: lm68xyz", "lm68xyz"),
        ("a white van BD51 SMR parked across my drive", "BD51 SMR"),
        ("blue ford fiesta, reg number YR15 PVX", "YR15 PVX"),
        ("permit for kk19zfg please", "kk19zfg"),
        ("Vehicle registration: EW67 XPL.", "EW67 XPL"),
        ("the car P123 ABC has been abandoned for weeks", "P123 ABC"),
        ("old reg ABC 123D, is it eligible for the permit", "ABC 123D"),
        ("my cherished plate is JAS 1", "JAS 1"),
        ("abandoned car reg FP68 DCA outside no 4", "FP68 DCA"),
        ("can i add LE19 KHN to my visitor permit", "LE19 KHN"),
        ("Dear Sir, I appeal the PCN issued to vehicle SH18CNR on 3 March.", "SH18CNR"),
        ("the van (WC58 ZZD) is dumping rubbish", "WC58 ZZD"),
        ("CE23AGH was parked in the disabled bay", "CE23AGH"),
        ("change my permit from ZX54 JIB to KX71 LMN", ("ZX54 JIB", "KX71 LMN")),
        ("reg no. y456 rtw, silver corsa", "y456 rtw"),
        ("Northern Irish plate AXZ 4321 on my car", "AXZ 4321"),
        ("my motorbike is MA19 XYZ!", "MA19 XYZ"),
        ("car registration GN73-OPK", "GN73-OPK"),
        ("the taxi WR70 BHD nearly hit my son", "WR70 BHD"),
    ],
)
def test_registrations_are_redacted(redactor, text, value):
    assert_redacted(redactor, text, value, REG)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("roadworks on the M25 and the A1", "M25 and the A1"),
        ("is the number 36 bus running", "number 36 bus"),
        ("the 10A bus stop has moved", "10A bus"),
        ("my V5C logbook is lost", "V5C"),
        ("I got a PCN yesterday", "PCN"),
        ("where can I get an MOT", "MOT"),
        ("covid 19 rules for the tip", "covid 19"),
        ("can I get a 240 litre bin", "240 litre"),
        ("I need form HB1", "form HB1"),
        ("print it on A4", "A4"),
        ("the EV charge point in Market Square", "EV charge point"),
        ("council tax band D", "band D"),
        ("open 9am to 5pm", "9am to 5pm"),
        ("room G12 at the town hall", "room G12"),
        ("section 106", "section 106"),
        ("ULEZ and CAZ charges", "ULEZ and CAZ"),
    ],
)
def test_road_and_form_codes_are_kept(redactor, text, fragment):
    assert_kept(redactor, text, fragment)
