"""The page's tests run it with Streamlit's AppTest."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def quiet_streamlit_logging() -> None:
    # Every AppTest logs "missing ScriptRunContext"; it says nothing about our page.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
