"""Wagtail admin: organisations."""
