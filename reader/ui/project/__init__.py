"""The project panel and the read-only source view of a learner's own Django project."""
