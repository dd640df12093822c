"""Charts in the browser: a page built on base.html with includes/chart.html draws its charts
with the vendored Chart.js under the real Content-Security-Policy, keeps the data table behind
each one, and draws again what htmx swaps in (the old chart let go)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from govflex.config.urls import urlpatterns as project_urlpatterns

pytestmark = [pytest.mark.e2e, pytest.mark.urls(__name__)]

MODE_MIX = {
    "labels": ["สัปดาห์ 1", "สัปดาห์ 2", "สัปดาห์ 3"],
    "series": [
        {"label": "ในที่ตั้ง", "data": [60, 55.5, 50], "unit": "%"},
        {"label": "นอกที่ตั้ง", "data": [40, 44.5, 50], "unit": "%"},
    ],
    "y_max": 100,
}
TREND = {
    "labels": ["ม.ค.", "ก.พ.", "มี.ค."],
    "series": [{"label": "มาสาย", "data": [4, None, 2], "unit": "คน"}],
}
SHARE = {
    "labels": ["ในที่ตั้ง", "นอกที่ตั้ง", "ลา"],
    "series": [{"label": "บุคลากร", "data": [120, 45, 6], "unit": "คน"}],
}

PAGE = """{% extends "base.html" %}{% block title %}Charts{% endblock %}{% block content %}
{% include "includes/chart.html" with id="mode-mix" title=t1 type="stacked-bar" chart=mode_mix %}
<div id="slot">
{% include "includes/chart.html" with id="trend" title=t2 type="line" chart=trend %}
</div>
<button type="button" hx-get="/test-charts/fragment/" hx-target="#slot">swap</button>
{% endblock %}"""
FRAGMENT = (
    """{% include "includes/chart.html" with id="share" title=t type="doughnut" chart=share %}"""
)


def chart_page(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(PAGE)
    context = {"mode_mix": MODE_MIX, "t1": "สัดส่วนรูปแบบการทำงาน", "trend": TREND, "t2": "มาสาย"}
    return HttpResponse(template.render(context, request))


def chart_fragment(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        engines["django"]
        .from_string(FRAGMENT)
        .render({"share": SHARE, "t": "สัดส่วนบุคลากร"}, request)
    )


urlpatterns = [
    path("test-charts/", chart_page),
    path("test-charts/fragment/", chart_fragment),
    *project_urlpatterns,
]

# What Chart.js made of one figure's canvas, read in the page.
CHART_STATE = """(id) => {
  const canvas = document.querySelector(`#${id} canvas`);
  const chart = window.Chart && Chart.getChart(canvas);
  if (!chart) return null;
  const y = chart.options.scales && chart.options.scales.y;
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return {
    type: chart.config.type,
    width: canvas.width,
    painted,
    stacked: Boolean(y && y.stacked),
    yMax: y ? y.max : null,
    colours: chart.data.datasets.map((d) => d.backgroundColor),
    font: chart.options.font.family,
    animation: chart.options.animation,
    ariaHidden: canvas.getAttribute("aria-hidden"),
    role: canvas.getAttribute("role"),
    label: canvas.getAttribute("aria-label"),
  };
}"""


def watch_csp(page: Any) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def wait_for_chart(page: Any, figure_id: str) -> dict[str, Any]:
    page.wait_for_function(
        "(id) => { const canvas = document.querySelector(`#${id} canvas`);"
        " const c = window.Chart && Chart.getChart(canvas);"
        " return c && !Chart.animator.running(c); }",
        arg=figure_id,
    )
    state: dict[str, Any] = page.evaluate(CHART_STATE, figure_id)
    return state


def test_charts_are_drawn_with_the_table_behind_them(live_server: Any, page: Any) -> None:
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/test-charts/")

    bars = wait_for_chart(page, "mode-mix")
    assert bars["type"] == "bar"
    assert bars["stacked"] is True
    assert bars["yMax"] == 100
    assert bars["width"] > 0
    assert bars["painted"] > 0
    assert bars["colours"] == ["#0072B2", "#E69F00"]  # Okabe–Ito
    assert "Sarabun" in bars["font"]
    assert bars["ariaHidden"] == "true"  # the table below speaks for it
    assert bars["role"] == "img"
    assert bars["label"].startswith("สัดส่วนรูปแบบการทำงาน.")
    line = wait_for_chart(page, "trend")
    assert line["type"] == "line"
    assert line["painted"] > 0

    figure = page.locator("#mode-mix")
    table = figure.get_by_role("table", name="สัดส่วนรูปแบบการทำงาน")
    assert not table.is_visible()
    figure.get_by_text("ตารางข้อมูล").click()
    assert table.is_visible()
    assert table.get_by_role("columnheader", name="นอกที่ตั้ง (%)").is_visible()
    assert table.get_by_role("cell", name="55.5").is_visible()
    assert violations == []


def test_htmx_swap_draws_the_new_chart_and_lets_go_of_the_old(live_server: Any, page: Any) -> None:
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/test-charts/")
    wait_for_chart(page, "trend")
    assert page.evaluate("Object.keys(Chart.instances).length") == 2

    page.get_by_role("button", name="swap").click()
    doughnut = wait_for_chart(page, "share")
    assert doughnut["type"] == "doughnut"
    assert doughnut["painted"] > 0
    assert doughnut["colours"] == [["#0072B2", "#E69F00", "#009E73"]]
    assert page.locator("#trend").count() == 0
    assert page.evaluate("Object.keys(Chart.instances).length") == 2  # mode-mix and share
    assert violations == []


def test_no_animation_when_the_reader_asks_for_reduced_motion(live_server: Any, page: Any) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/test-charts/")
    assert wait_for_chart(page, "mode-mix")["animation"] is False


def test_chart_library_is_fetched_only_on_pages_with_a_chart(live_server: Any, page: Any) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{live_server.url}/accounts/login/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(".js") and "charts" in url for url in fetched)
    assert not any("chartjs" in url for url in fetched)
    assert page.evaluate("typeof window.Chart") == "undefined"
