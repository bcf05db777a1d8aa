"""The data a build publishes beside the pages: JSON and CSV exports, the Atom feed, and the JSON Schemas.

May import `generator.content` and `generator.render` (pages' addresses, citations), nothing later.
"""
