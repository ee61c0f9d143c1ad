"""The MkDocs side: the macros plugin's entry, hooks (generated pages, nav), glossary links, CSP,
and the checks of the built site (links, anchors, third-party assets)."""
