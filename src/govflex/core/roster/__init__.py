"""Roster optimiser: propose each person's work mode and slot for a period (CP-SAT).

``from govflex.core.roster import RosterProblem, RosterPerson, propose``. The core is pure
Python plus OR-Tools; the shell builds the problem and shows the proposal. See
docs/domain/roster-optimiser.md for the model and the sources of each rule.
"""

from govflex.core.roster.choices import fairness_of, objective_of
from govflex.core.roster.explain import explain_infeasible, precheck
from govflex.core.roster.greedy import greedy_plans, greedy_propose
from govflex.core.roster.problem import (
    Fairness,
    ProgressEvent,
    Proposal,
    ProposalStatus,
    RosterPerson,
    RosterProblem,
)
from govflex.core.roster.solve import propose

__all__ = [
    "Fairness",
    "ProgressEvent",
    "Proposal",
    "ProposalStatus",
    "RosterPerson",
    "RosterProblem",
    "explain_infeasible",
    "fairness_of",
    "greedy_plans",
    "greedy_propose",
    "objective_of",
    "precheck",
    "propose",
]
