"""OmniCRM: an open BSS/OSS for telecom operators and ISPs."""

__version__ = "0.1.0"
