"""Requests for arrangements and their approval: chain, impact, decisions, swaps, recalls."""
