"""The MkDocs adapter: the plugin that runs the pipeline in a build, and what only it needs (print packs filled
from converted pages, whitespace squeezed, the built site proved complete).

May import everything before it: `generator.content`, `.render`, `.publish` and `generator.pipeline`.
"""
