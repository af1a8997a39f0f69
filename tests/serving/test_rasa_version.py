"""Our Rasa patch and private-API use refuse to run on a Rasa they were not checked against."""

from __future__ import annotations

import pytest
import rasa

from bot.serving.rasa_version import UnsupportedRasaVersionError, require_supported_rasa


def test_the_installed_rasa_is_supported() -> None:
    require_supported_rasa("the tests")  # raises if requirements.txt moved Rasa off 3.6


@pytest.mark.parametrize("version", ["3.7.0", "4.0.0", "3.5.17"])
def test_another_rasa_fails_loudly_naming_the_file_to_check(version: str) -> None:
    with pytest.raises(UnsupportedRasaVersionError) as info:
        require_supported_rasa("The fix in bot/serving/rasa_main.py", version)
    assert version in str(info.value) and "bot/serving/rasa_version.py" in str(info.value)
    assert rasa.__version__.startswith("3.6.")
