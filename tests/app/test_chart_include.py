"""includes/chart.html: every chart carries its data as a json_script block and an accessible
table behind it, with nothing inline that the Content-Security-Policy would block."""

from __future__ import annotations

import json
from typing import Any

import lxml.html
import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from govflex.common.context import DisplayPreferences, display_var
from govflex.common.templatetags.charts import format_number

MODE_MIX = {
    "labels": ["สัปดาห์ 1", "สัปดาห์ 2", "สัปดาห์ 3"],
    "series": [
        {"label": "On site", "data": [60, 55.5, None], "unit": "%"},
        {"label": "Off site", "data": [40, 44.5, 1234], "unit": "%"},
    ],
    "y_max": 100,
}


def render_chart(chart: dict[str, Any], *, lang: str = "en", **extra: Any) -> Any:
    context = {"id": "mode-mix", "title": "Work mode by week", "type": "stacked-bar"}
    context.update(extra, chart=chart)
    source = "{% include 'includes/chart.html' with id=id title=title type=type chart=chart %}"
    with translation.override(lang):
        html = Template(source).render(Context(context))
    return lxml.html.fragment_fromstring(html, create_parent="div")


def texts(elements: list[Any]) -> list[str]:
    return [element.text_content().strip() for element in elements]


def test_table_has_a_header_per_series_with_its_unit_and_a_row_per_label() -> None:
    page = render_chart(MODE_MIX)
    table = page.xpath("//figure[@class='chart']/details//table")[0]
    assert table.xpath(".//caption")[0].text_content() == "Work mode by week"
    headers = table.xpath("./thead//th")
    assert all(th.get("scope") == "col" for th in headers)
    assert texts(headers) == ["Item", "On site (%)", "Off site (%)"]
    rows = table.xpath("./tbody/tr")
    assert texts([row.xpath("./th")[0] for row in rows]) == MODE_MIX["labels"]
    assert all(row.xpath("./th")[0].get("scope") == "row" for row in rows)
    cells = [texts(row.xpath("./td")) for row in rows]
    assert cells == [["60", "40"], ["55.5", "44.5"], ["–", "1,234"]]


def test_figure_points_charts_js_at_its_json_block() -> None:
    page = render_chart(MODE_MIX)
    figure = page.xpath("//figure")[0]
    assert figure.get("id") == "mode-mix"
    assert figure.get("data-chart-type") == "stacked-bar"
    assert figure.xpath("./figcaption")[0].text_content() == "Work mode by week"
    block = page.get_element_by_id(figure.get("data-chart-source"))
    assert block.tag == "script"
    assert block.get("type") == "application/json"
    assert json.loads(block.text) == MODE_MIX
    canvas = figure.xpath("./div[@class='chart-area']/canvas")[0]
    assert canvas.get("aria-hidden") == "true"  # the table is what assistive technology reads


def test_data_table_sits_in_a_translated_details_element() -> None:
    page = render_chart(MODE_MIX, lang="th")
    summary = page.xpath("//figure/details/summary")[0]
    assert summary.text_content() == "ตารางข้อมูล"
    assert texts(page.xpath("//thead//th"))[0] == "รายการ"
    assert page.xpath("//figure")[0].get("data-chart-locale") == "th-TH"


def test_no_inline_style_or_script_other_than_the_json_block() -> None:
    page = render_chart(MODE_MIX)
    assert not [el for el in page.iter() if isinstance(el.tag, str) and el.get("style")]
    assert not page.xpath("//style")
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json"]
    handlers = [
        name
        for el in page.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if name.startswith("on")
    ]
    assert handlers == []


def test_json_block_cannot_close_the_script_element() -> None:
    hostile = dict(MODE_MIX, labels=["</script><script>alert(1)</script>", "b", "c"])
    page = render_chart(hostile)
    assert [s.get("type") for s in page.xpath("//script")] == ["application/json"]
    block = page.get_element_by_id("mode-mix-data")
    assert json.loads(block.text)["labels"][0] == "</script><script>alert(1)</script>"


def test_thai_digits_in_the_table_and_the_browser_locale_when_chosen() -> None:
    token = display_var.set(DisplayPreferences(thai_digits=True))
    try:
        page = render_chart(MODE_MIX, lang="th")
    finally:
        display_var.reset(token)
    assert texts(page.xpath("//tbody/tr")[2].xpath("./td")) == ["–", "๑,๒๓๔"]
    assert page.xpath("//figure")[0].get("data-chart-locale") == "th-TH-u-nu-thai"


def test_series_that_do_not_match_the_labels_fail_loudly() -> None:
    broken = dict(MODE_MIX, series=[{"label": "On site", "data": [1, 2], "unit": "%"}])
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        render_chart(broken)


def test_the_table_uses_the_category_heading_when_given() -> None:
    page = render_chart(dict(MODE_MIX, category="Week"))
    assert texts(page.xpath("//thead//th"))[0] == "Week"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (1234567, "1,234,567"),
        (12.0, "12"),
        (33.3333, "33.33"),
        (0.5, "0.5"),
        (-2.25, "-2.25"),
        (None, "–"),
    ],
)
def test_numbers_are_grouped_with_at_most_two_decimals(value: object, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize("value", ["12", True, [1]])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="not a number"):
        format_number(value)


def test_render_to_string_loads_the_include_by_name() -> None:
    html = render_to_string(
        "includes/chart.html",
        {
            "id": "x",
            "title": "T",
            "type": "line",
            "chart": {"labels": ["a"], "series": [{"label": "s", "data": [1]}]},
        },
    )
    assert 'data-chart-type="line"' in html
    assert '<th scope="col">s</th>' in html
