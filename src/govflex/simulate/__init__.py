"""Policy simulation: run the rules core over exported punches to see how a policy would judge
real history before an agency adopts it (issue 3, item 6; docs/simulation.md).

Plain Python on top of :mod:`govflex.core` (no Django, no database)::

    summary = run(policy=Path("policy.yaml"), people=Path("people.csv"),
                  punches=Path("punches.csv"), date_from="2026-03-02", date_to="2026-03-15",
                  out=Path("results.csv"))
    print(format_summary(summary))

Bad input raises :class:`SimulationInputError` listing every problem (file, row, column,
reason in Thai and English) before anything is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.simulate.engine import Simulation, Summary
from govflex.simulate.errors import InputProblem, SimulationInputError
from govflex.simulate.inputs import SimulationInput, load_inputs
from govflex.simulate.report import format_summary, write_periods, write_results

__all__ = [
    "InputProblem",
    "Simulation",
    "SimulationInput",
    "SimulationInputError",
    "Summary",
    "format_summary",
    "load_inputs",
    "run",
]


def run(
    *,
    policy: Path | str,
    people: Path | str,
    punches: Path | str,
    date_from: date | str,
    date_to: date | str,
    out: Path | str,
    arrangements: Path | str | None = None,
    leave: Path | str | None = None,
    holidays: Path | str | None = None,
    periods_out: Path | str | None = None,
    tz: ZoneInfo = BANGKOK,
) -> Summary:
    """Read and check the inputs, judge every person-day, write ``out`` (and ``periods_out``,
    the mode-2 period closes), and return the summary."""
    inputs = load_inputs(
        policy=Path(policy),
        people=Path(people),
        punches=Path(punches),
        date_from=date_from,
        date_to=date_to,
        arrangements=None if arrangements is None else Path(arrangements),
        leave=None if leave is None else Path(leave),
        holidays=None if holidays is None else Path(holidays),
        tz=tz,
    )
    simulation = Simulation(inputs)
    write_results(Path(out), simulation.person_days(), tz=tz)
    if periods_out is not None:
        write_periods(Path(periods_out), simulation.closes)
    return simulation.finish()
