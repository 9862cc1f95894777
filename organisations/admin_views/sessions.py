"""Wagtail admin: sessions."""
