"""Evaluations with floors: each prints its figures and fails below the
floor its issue names. `make evaluate` runs them against a real stack."""
