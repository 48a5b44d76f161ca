"""Text that YAML 1.1 takes for a date it cannot make (`note: 2019-02-30`) is reported, not a crash."""

from __future__ import annotations

import pytest
import yaml

from kg.load import values
from kg.load.values import BadValue


@pytest.mark.parametrize("written", ["2019-02-30", "2019-13-01", "2019-02-30 10:00:00"])
def test_impossible_yaml11_date_as_text_is_reported(written):
    node = yaml.compose(f"v: {written}", Loader=yaml.CSafeLoader).value[0][1]
    with pytest.raises(BadValue) as caught:
        values.text(node, "a note")
    assert caught.value.rule == "yaml11-surprise"
    assert str(caught.value) == f'`{written}` is read by YAML 1.1 as a date, not text; quote it: "{written}"'
