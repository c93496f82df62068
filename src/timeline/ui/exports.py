"""The Export tab: every format of the current view, made when its button is pressed."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import cast

import pandas as pd
import streamlit as st

from timeline.core.problems import ExportError
from timeline.data.filters import (
    Filters,
)
from timeline.data.views import (
    SIZES,
    ExportView,
    SizeName,
    describe_filters,
    escape_markdown,
)
from timeline.export.dispatch import FORMATS, export, file_name, uses_browser
from timeline.export.images import ImageRenderer, find_browser, missing_browser_message
from timeline.figures.report import report_figure
from timeline.ui.source import LoadedData


@st.cache_resource(show_spinner=False)
def _renderer() -> ImageRenderer:
    # One browser per server process for every session's image exports (it serialises them).
    return ImageRenderer()


def show_exports(data: LoadedData, view: pd.DataFrame, filters: Filters) -> None:
    st.subheader("Export this view", anchor=False)
    st.caption(f"{len(view)} events · {escape_markdown(describe_filters(filters, data.timeline))}")
    size = cast(SizeName, st.radio("Chart size", SIZES, horizontal=True, key="export_size"))
    title = st.text_input(
        "Title", key="export_title", placeholder=data.timeline.title, max_chars=200
    )
    export_view = ExportView(data.dataset, view, filters, Path(data.name).name, title or None, size)
    has_browser = find_browser() is not None
    if not has_browser:
        st.warning(missing_browser_message("Image and PDF export"))
    for item in FORMATS.values():
        st.download_button(
            item.describe,
            data=partial(_export_file, export_view, item.name),
            file_name=file_name(export_view, item.name),
            mime=item.media_type,
            key=f"download-{item.name}",
            disabled=item.needs_browser and not has_browser,
            on_click="ignore",
        )
    if has_browser:  # last: drawing it takes a moment, the buttons need not wait for it
        show_preview(export_view)


def show_preview(export_view: ExportView) -> None:
    """The chart exactly as PNG, SVG and PDF will hold it, drawn by the same browser."""
    figure = report_figure(export_view)
    width, height = figure.layout.width, figure.layout.height
    st.caption(f"Charts {width} px wide and {height} px tall at this size (PNG at twice that)")
    try:
        png = _renderer().render(figure, "png", width, height)
    except ExportError as error:
        st.warning(f"No preview: {error.format_message()}")
        return
    st.image(png, caption="Preview of the chart at its own size", width="content")


def _export_file(export_view: ExportView, format_name: str) -> bytes:
    # Runs when the button is pressed, on a thread of its own; the renderer is shared and locked.
    renderer = _renderer() if uses_browser(format_name) and find_browser() else None
    return export(export_view, format_name, renderer)
