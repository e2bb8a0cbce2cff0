"""Council assistant services: privacy gate, knowledge index, gateway and CLI.

Nothing in this package imports rasa_sdk; the `actions` package adapts these
services to Rasa.
"""
