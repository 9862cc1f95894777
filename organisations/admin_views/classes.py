"""Wagtail admin: classes."""
