"""Handing a conversation from the assistant to a person: the states and
their allowed moves, the queue, opening hours, and the service the gateway
calls. Imports neither sanic nor rasa_sdk."""
