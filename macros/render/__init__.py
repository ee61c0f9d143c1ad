"""Rendering: pure functions from the knowledge base to Markdown (page bodies, citations, leg map).

Nothing here reads files, runs rules or knows about MkDocs.
"""
