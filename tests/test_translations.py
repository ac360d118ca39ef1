"""Dutch is the default language, also where Django's own catalogue has gaps."""

import pytest
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import translation


def test_the_password_length_message_is_dutch():
    # Missing from Django 5.2's nl catalogue; filled by locale/nl (compiled by `make messages`).
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        MinimumLengthValidator().validate("kort")
    assert refused.value.messages == [
        "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten."
    ]
