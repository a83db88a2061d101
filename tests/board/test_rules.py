import pytest

from clinic_site.forms.phones import normalise_mobile
from clinic_site.privacy.masking import mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("홍길동", "홍**"),
        ("John", "J***"),
        ("이", "*"),
        ("", "*"),
        (" 김수 ", "김*"),
        ("😀a", "😀*"),
    ],
)
def test_names_are_masked(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        (" 010 1234 5678 ", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        ("0111234567", "011-123-4567"),
        ("017-123-4567", "017-123-4567"),
        ("018-1234-5678", "018-1234-5678"),
        ("02-1234-5678", None),
        ("015-1234-5678", None),
        ("010-123-456", None),
        ("010123456789", None),
        ("+82-10-1234-5678", None),
        ("０１０１２３４５６７８", None),
        ("010１２３４５６７８", None),
        ("", None),
        (None, None),
    ],
)
def test_mobile_numbers(raw, normalised):
    assert normalise_mobile(raw) == normalised


def test_the_form_declares_its_inventory_group():
    from clinic_site.board.forms import NewInquiryForm
    from clinic_site.forms import antispam
    from clinic_site.privacy.inventory import form_fields

    assert NewInquiryForm.inventory_group == "consultation"
    declared = {
        name
        for name in dir(NewInquiryForm)
        if hasattr(getattr(NewInquiryForm, name), "field_class")
    }
    personal = declared - antispam.FIELD_NAMES - {"agree_privacy", "agree_sensitive"}
    assert personal == form_fields("consultation")
