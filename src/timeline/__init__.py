"""timeline: follow a developing diplomatic story on an interactive timeline."""
