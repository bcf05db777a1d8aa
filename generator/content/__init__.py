"""The content model and its reading and checking: entry files in, a linked collection and its problems out.

Imports nothing else from the generator: every other stage builds on it.
"""
