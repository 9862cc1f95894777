"""Moodle GIFT question banks: parser (text <-> questions, pure), syntax (the
grammar below a question), moodle (Moodle's formats and categories), services
(import into a quiz, with a preview; export a quiz)."""
