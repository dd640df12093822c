"""``propose``: pre-check, build, hint, solve with CP-SAT, read back, explain a failure."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from datetime import date

from ortools.sat.python import cp_model

from govflex.core.arrangements import DayPlan
from govflex.core.messages import message
from govflex.core.roster.choices import PlanKey, fairness_of, fixed_days
from govflex.core.roster.explain import explain_infeasible, precheck
from govflex.core.roster.greedy import greedy_plans
from govflex.core.roster.model import RosterModel, build_model
from govflex.core.roster.problem import ProgressEvent, Proposal, ProposalStatus, RosterProblem

Progress = Callable[[ProgressEvent], None]

SUBSOLVERS = ("max_lp", "default_lp", "core", "quick_restart", "no_lp", "reduced_costs")

_STATUSES = {
    cp_model.OPTIMAL: ProposalStatus.OPTIMAL,
    cp_model.FEASIBLE: ProposalStatus.FEASIBLE,
    cp_model.INFEASIBLE: ProposalStatus.INFEASIBLE,
}


def relative_gap(objective: float | None, bound: float) -> float | None:
    """|bound − objective| / max(1, |objective|): 0 when proven optimal."""
    if objective is None:
        return None
    return abs(bound - objective) / max(1.0, abs(objective))


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and bound; remembers when the first solution came."""

    def __init__(self, started: float, on_progress: Progress | None) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.first_feasible: float | None = None
        self.solutions = 0
        self.objective: float | None = None
        self.bound = float("inf")
        self.lock = threading.Lock()  # the bound callback runs on a solver thread

    def on_solution_callback(self) -> None:
        with self.lock:
            elapsed = time.perf_counter() - self.started
            self.solutions += 1
            if self.first_feasible is None:
                self.first_feasible = elapsed
            self.objective = self.objective_value
            self.bound = self.best_objective_bound
            self._report(elapsed)

    def on_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = bound
            self._report(time.perf_counter() - self.started)

    def _report(self, elapsed: float) -> None:
        if self.on_progress is not None:
            self.on_progress(
                ProgressEvent(
                    elapsed_s=elapsed,
                    objective=self.objective,
                    best_bound=self.bound,
                    gap=relative_gap(self.objective, self.bound),
                    solutions=self.solutions,
                )
            )


def _fixed_plans(problem: RosterProblem) -> dict[PlanKey, DayPlan]:
    return {
        (person.person_id, day): plan
        for person in problem.people
        for day, plan in fixed_days(problem, person).items()
    }


def propose(
    problem: RosterProblem,
    *,
    time_limit_s: float = 10.0,
    workers: int = 2,
    on_progress: Progress | None = None,
    hints: Mapping[tuple[str, date], DayPlan] | None = None,
    relative_gap_limit: float = 0.0,
) -> Proposal:
    """The best roster found within ``time_limit_s`` (a fixed seed, so runs repeat closely).

    ``hints`` seeds the search with a roster (a previous proposal, say); without it the
    greedy roster, which already leans towards last period's plans, is the hint. The search
    stops at ``relative_gap_limit`` (0: only at a proven optimum or the time limit).
    """
    started = time.perf_counter()
    problems = precheck(problem)
    if problems:
        return Proposal(
            status=ProposalStatus.INFEASIBLE,
            plans=_fixed_plans(problem),
            solve_seconds=time.perf_counter() - started,
            problems=problems,
        )
    built = build_model(problem)
    built.hint(dict(hints) if hints is not None else greedy_plans(problem)[0])
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, time_limit_s - (time.perf_counter() - started))
    params.num_workers = max(1, workers)
    params.random_seed = 0
    params.relative_gap_limit = relative_gap_limit
    # Measured on the 300-person benchmark: the default two workers never improve the bound
    # (the at-most-one rows are left out of their LP), while the full linearisation proves
    # the optimum in about a second. So the first worker is always max_lp.
    if params.num_workers >= 2:
        params.subsolvers.extend(SUBSOLVERS[: params.num_workers])
    else:
        params.linearization_level = 2
    watcher = _Watcher(started, on_progress)
    solver.best_bound_callback = watcher.on_bound
    status = _STATUSES.get(solver.solve(built.model, watcher), ProposalStatus.UNKNOWN)
    return _answer(problem, built, solver, status, watcher, started, time_limit_s)


def _answer(
    problem: RosterProblem,
    built: RosterModel,
    solver: cp_model.CpSolver,
    status: ProposalStatus,
    watcher: _Watcher,
    started: float,
    time_limit_s: float,
) -> Proposal:
    if status is ProposalStatus.INFEASIBLE:
        problems = explain_infeasible(problem, time_limit_s=max(1.0, time_limit_s))
        return Proposal(
            status=status,
            plans=_fixed_plans(problem),
            solve_seconds=time.perf_counter() - started,
            problems=problems,
        )
    if status is ProposalStatus.UNKNOWN:
        return Proposal(
            status=status,
            plans=_fixed_plans(problem),
            solve_seconds=time.perf_counter() - started,
            problems=(message("roster_no_solution_in_time", seconds=f"{time_limit_s:g}"),),
        )
    plans = {**_fixed_plans(problem), **built.plans(solver.boolean_value)}
    objective = solver.objective_value
    bound = solver.best_objective_bound
    return Proposal(
        status=status,
        plans=plans,
        objective=objective,
        best_bound=bound,
        gap=relative_gap(objective, bound),
        first_feasible_seconds=watcher.first_feasible,
        solve_seconds=time.perf_counter() - started,
        fairness=fairness_of(problem, plans),
    )
