"""Build tooling of the executable LLM glossary.

Nothing in here is imported by a snippet shown on a page: snippets depend only on the project's declared
runtime packages (torch, matplotlib), never on this package.
"""
