"""GovFlex rules core: pure Python, no Django, no clock, no settings.

Every function takes what it needs as arguments (dates, instants, policy values) and returns
plain values, so the rules can be tested in milliseconds and run outside the web application.
"""
