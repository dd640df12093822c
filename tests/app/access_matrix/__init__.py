"""The access matrix (issue 10, point 3): every page and API operation, every role, objects in
and out of scope. Routes come from the URL resolver and the OpenAPI schema on every run; only the
expectations are declared (``table_pages``, ``table_api``). See docs/security.md, "Access
matrix"."""
