"""Reads for the reports: grouped queries, a fixed number whatever the data."""
