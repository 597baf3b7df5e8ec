"""``warta serve``: the HTTP API (JSON, OpenAPI at /openapi.json and /docs) and the web reader
(server-rendered Jinja2 pages, Indonesian with an English switch) over one store.

:mod:`~warta.serve.app` builds the app; :mod:`~warta.serve.api` and :mod:`~warta.serve.api_write`
are the JSON routes, :mod:`~warta.serve.web` the reader's pages and feeds, with
:mod:`~warta.serve.render` (templates, languages), :mod:`~warta.serve.highlight` (entity mentions in
the text) and :mod:`~warta.serve.feeds` (Atom); :mod:`~warta.serve.security` holds the guards.
docs/serve.md describes the routes and the security measures.
"""

from __future__ import annotations

from warta.serve.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
