"""Set-up, build and test orchestration behind dev.py (not shipped in the wheel)."""
