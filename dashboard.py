"""Start the dashboard: `streamlit run dashboard.py`, `make dashboard` or `timeline dashboard`."""

from timeline.ui.app import main

main()
