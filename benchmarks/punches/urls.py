"""The product's URLs plus ``POST /bench/bare-punch`` — the baseline of bench_punches (a).

The bare endpoint inserts one punch row through the ORM with no authentication, validation,
idempotency check or re-evaluation: the ceiling for one commit per request on this set-up.
"""

from __future__ import annotations

import itertools
import os

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from govflex.attendance.models import Punch
from govflex.config.urls import urlpatterns as product_urlpatterns

_PERSON = int(os.environ.get("GOVFLEX_BENCH_BARE_PERSON", "1"))
_KEYS = itertools.count()


@csrf_exempt
@require_POST
def bare_punch(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    punch = Punch.objects.create(
        person_id=_PERSON,
        at=now,
        source="web",
        idempotency_key=f"bare-{os.getpid()}-{next(_KEYS)}-{now.timestamp()}",
        received_at=now,
    )
    return JsonResponse({"id": punch.pk}, status=201)


urlpatterns = [path("bench/bare-punch", bare_punch), *product_urlpatterns]
