"""Editors' tools: the command line, scaffolding, the review report and the external link check."""
