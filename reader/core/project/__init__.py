"""The learner's own Django project, read from source: its location, settings and URL map."""
