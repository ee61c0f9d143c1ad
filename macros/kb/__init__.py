"""The knowledge base: typed models, safe YAML reading, loading with locations, derived views.

The first stage of the data flow: it knows nothing of rules, rendering or MkDocs.
"""
