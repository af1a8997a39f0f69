"""The web widget: a Rasa input channel that serves it, the embed loader, a demo host page."""
