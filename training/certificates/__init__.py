"""Completion certificates: issued once per learner, module and period; verifiable.

codes (pure: codes, dates, names), selectors (reads: lookups, claim state),
services (writes: issue, revoke, email, renewal reminders), forms, views (the
learner's and the public's pages), admin_views (the trainers' report) and pdf.
The models are in training/models/certificates.py.
"""
