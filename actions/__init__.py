"""Rasa custom actions. Each module holds the actions of one feature; they
only translate between the Rasa tracker and the services in `bot`."""
