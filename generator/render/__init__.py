"""The pages a build renders: the collection as Markdown pages (entry pages, lists, tools, cards, the map,
the session plan, worksheets, citations, search), which any Markdown site engine can build.

May import `generator.content`, nothing later.
"""
