"""The script Streamlit runs (`timeline dashboard` finds it with importlib.resources)."""

from timeline.ui.app import main

main()
