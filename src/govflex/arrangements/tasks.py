"""Background tasks of the arrangements app."""

from __future__ import annotations

from django_tasks import task


@task()
def solve_roster(proposal_id: int) -> str:
    """Run the roster optimiser for one proposal (a retry does not solve twice)."""
    from govflex.arrangements.optimiser import proposal_solve  # noqa: PLC0415

    return proposal_solve(proposal_id).status
