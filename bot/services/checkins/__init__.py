"""Check-ins: the check-in service, the prompt fan-out, away, the App Home and KR results."""
