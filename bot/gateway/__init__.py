"""The gateway: the only public port. It serves the chat widget, puts every
message through the privacy gate, and relays the minimised text to Rasa."""
