"""A minimal body that passes an operation's schema (required fields with plain values), so a
write reaches the view and its permission check; object references are filled by the caller."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.app.access_matrix.objects import PDF


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].split("/")[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    return schema


def example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    schema = _resolve(schema, components)
    if "default" in schema:
        return schema["default"]
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        return example(options[0], components) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            name: example(sub, components)
            for name, sub in schema.get("properties", {}).items()
            if name in schema.get("required", ())
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    if schema.get("format") == "date-time":
        return (timezone.now() + dt.timedelta(days=30)).isoformat()
    if schema.get("format") == "binary":
        return SimpleUploadedFile("matrix.pdf", PDF, content_type="application/pdf")
    return "x" * max(1, schema.get("minLength", 1))


def body_for(operation: dict[str, Any], components: dict[str, Any]) -> tuple[str, Any, set[str]]:
    """(content type, minimal body, every property name) of the operation's request body."""
    content = operation.get("requestBody", {}).get("content", {})
    for content_type, media in content.items():
        schema = _resolve(media["schema"], components)
        names = set(schema.get("properties", {}))
        value = example(schema, components)
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None}
        return content_type, value, names
    return "", None, set()
