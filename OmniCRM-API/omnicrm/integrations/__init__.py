"""Thin clients of the outside world (CGRateS, PyHSS, SMSC), configured only by URLs.

This package imports no product feature; features import it.
"""
