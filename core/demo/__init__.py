"""Demo content: the association's own texts in English, Finnish and Russian.

Each app contributes a loader (``<app>.demo.load``); ``load_demo_content`` runs them in order.
Pages and snippets are written in English and translated through wagtail-localize, so the
Finnish and Russian versions are real translation records a translator can keep editing.
"""
