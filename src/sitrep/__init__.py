"""sitrep: a source-attributed ledger of events and casualty claims from war and crisis news."""
__version__ = "0.1.0"
