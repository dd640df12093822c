"""Importing units, positions and people from CSV and XLSX files.

Read → validate every row (nothing written) → write all in one transaction, or, when the
user explicitly asks, write the valid rows only. Upserts by code / staff ID, so re-importing
the same file changes nothing and an updated file updates people by staff ID.
"""
