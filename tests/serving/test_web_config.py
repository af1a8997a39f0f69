"""The widget's frame-ancestors default follows DEMO_PORT, so the demo page can frame it on any port."""

from __future__ import annotations

from bot.serving.web.config import frame_ancestors, widget_headers


def test_frame_ancestors_follow_the_demo_port(monkeypatch):
    monkeypatch.delenv("WIDGET_FRAME_ANCESTORS", raising=False)
    monkeypatch.setenv("DEMO_PORT", "8281")
    assert "http://127.0.0.1:8281" in frame_ancestors() and "8080" not in frame_ancestors()
    assert "frame-ancestors 'self' http://127.0.0.1:8281" in widget_headers()["Content-Security-Policy"]


def test_a_production_setting_wins(monkeypatch):
    monkeypatch.setenv("DEMO_PORT", "8281")
    monkeypatch.setenv("WIDGET_FRAME_ANCESTORS", "https://www.example.edu")
    assert frame_ancestors() == "https://www.example.edu"
