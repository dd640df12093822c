"""Background tasks of the organisation app (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from govflex.org.importing.jobs import import_job_run


@task()
def run_import_job(job_id: int) -> str:
    """Run a large import; a job already finished is not run twice."""
    return import_job_run(job_id=job_id).status
