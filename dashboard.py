"""Start the dashboard: `streamlit run dashboard.py`, `make dashboard` or `timeline dashboard`."""

from timeline.ui import main

main()
