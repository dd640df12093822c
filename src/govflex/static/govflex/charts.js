/* GovFlex charts (docs/ui.md): draws every <figure class="chart" data-chart-type data-chart-source>
 * (templates/includes/chart.html) with the vendored Chart.js, on page load and after htmx swaps.
 *
 * Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval': the data comes from a
 * json_script block (type application/json, never executed); Chart.js uses no eval and sizes the
 * canvas through CSSOM (element.style), which style-src does not restrict. Chart.js (200 kB) is
 * fetched only when a page has a chart; its URL comes from this tag's data-chartjs attribute
 * (the static tag's hashed name). The table behind each chart is what assistive technology
 * reads; the canvas is hidden from it when that table is there.
 */
(() => {
  "use strict";

  const CHARTJS_URL = document.currentScript && document.currentScript.dataset.chartjs;
  const SELECTOR = "figure.chart[data-chart-source]";
  const TYPES = { line: "line", bar: "bar", "stacked-bar": "bar", doughnut: "doughnut" };
  // Okabe & Ito, "Color Universal Design" (2008): told apart with the common colour-vision
  // deficiencies. Yellow comes last: it is faint on white.
  const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"];
  // Lines differ by point shape and dash too, not by colour alone (WCAG 1.4.1).
  const POINTS = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"];
  const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  const MISSING = "–";

  let loading = null;
  const loadChartJs = () => {
    if (window.Chart) return Promise.resolve(window.Chart);
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        if (!CHARTJS_URL) {
          reject(new Error("charts.js: no data-chartjs URL on its script tag"));
          return;
        }
        const tag = document.createElement("script");
        tag.src = CHARTJS_URL;
        tag.onload = () => resolve(window.Chart);
        tag.onerror = () => {
          loading = null;
          reject(new Error(`charts.js: ${CHARTJS_URL} did not load`));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  };

  // Canvas text is drawn once: wait for the page's web font (Sarabun), at most 3 s.
  const fontReady = (family) => {
    if (!document.fonts || !document.fonts.load) return Promise.resolve();
    const loads = Promise.all([
      document.fonts.load(`400 16px ${family}`, "กขค 0123"),
      document.fonts.load(`600 16px ${family}`, "กขค 0123"),
    ]).catch(() => undefined);
    return Promise.race([loads, new Promise((resolve) => setTimeout(resolve, 3000))]);
  };

  const reducedMotion = () =>
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  const withUnit = (text, unit) => (!unit ? text : unit === "%" ? `${text}%` : `${text} ${unit}`);

  const commonUnit = (series) => {
    const units = new Set(series.map((s) => s.unit || ""));
    return units.size === 1 ? [...units][0] : "";
  };

  // What a screen reader hears when there is no table behind the chart: title, then each
  // series with its values.
  const summary = (title, data, format) => {
    const parts = data.series.map((s) => {
      const values = data.labels.map((label, i) => {
        const value = s.data[i];
        return `${label} ${value == null ? MISSING : withUnit(format(value), s.unit)}`;
      });
      return `${s.label}: ${values.join(", ")}`;
    });
    return `${title}. ${parts.join("; ")}`;
  };

  const datasets = (kind, data) =>
    data.series.map((s, i) => {
      const colour = PALETTE[i % PALETTE.length];
      if (kind === "doughnut") {
        return {
          label: s.label,
          data: s.data,
          backgroundColor: data.labels.map((_, j) => PALETTE[j % PALETTE.length]),
          borderColor: "#ffffff",
          borderWidth: 2,
        };
      }
      if (kind === "line") {
        return {
          label: s.label,
          data: s.data,
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: 2,
          borderDash: DASHES[i % DASHES.length],
          pointStyle: POINTS[i % POINTS.length],
          pointRadius: 3.5,
          tension: 0,
        };
      }
      return { label: s.label, data: s.data, backgroundColor: colour, borderColor: "#ffffff", borderWidth: 1 };
    });

  const config = (type, data, style, locale, format) => {
    const kind = TYPES[type];
    const stacked = type === "stacked-bar";
    const unit = commonUnit(data.series);
    const ink = style.color;
    const options = {
      responsive: true,
      maintainAspectRatio: false, // the .chart-area box (app.css) sets the height
      locale,
      animation: reducedMotion() ? false : { duration: 400 },
      font: { family: style.fontFamily },
      color: ink,
      plugins: {
        legend: {
          display: true,
          position: "bottom",
          labels: {
            color: ink,
            usePointStyle: kind === "line", // the same shapes as on the lines
            boxWidth: 14,
            boxHeight: 14,
            font: { family: style.fontFamily, size: 14 },
          },
        },
        tooltip: {
          titleFont: { family: style.fontFamily },
          bodyFont: { family: style.fontFamily },
          callbacks: {
            label: (ctx) => {
              const s = data.series[ctx.datasetIndex];
              const value = ctx.raw == null ? MISSING : withUnit(format(ctx.raw), s.unit);
              const name = kind !== "doughnut" ? s.label : data.series.length > 1 ? `${s.label} · ${ctx.label}` : ctx.label;
              return `${name}: ${value}`;
            },
          },
        },
      },
    };
    if (kind !== "doughnut") {
      const tickFont = { family: style.fontFamily, size: 13 };
      options.interaction = { mode: "index", intersect: false };
      options.scales = {
        x: { stacked, ticks: { color: ink, font: tickFont }, grid: { display: false } },
        y: {
          stacked,
          beginAtZero: true,
          ticks: { color: ink, font: tickFont, callback: (value) => withUnit(format(value), unit === "%" ? "%" : "") },
          title: { display: Boolean(unit) && unit !== "%", text: unit, color: ink, font: tickFont },
          grid: { color: "#d5dbe1" },
        },
      };
      if (data.y_max != null) options.scales.y.max = data.y_max;
      // Counts (people, days) get whole-number ticks, not 0.5 of a person.
      const whole = data.series.every((s) => s.data.every((v) => v == null || Number.isInteger(v)));
      if (whole) options.scales.y.ticks.precision = 0;
    }
    return { type: kind, data: { labels: data.labels, datasets: datasets(kind, data) }, options };
  };

  const canvasOf = (figure) => {
    let canvas = figure.querySelector("canvas");
    if (!canvas) {
      const area = document.createElement("div");
      area.className = "chart-area";
      canvas = document.createElement("canvas");
      area.appendChild(canvas);
      const caption = figure.querySelector("figcaption");
      figure.insertBefore(area, caption ? caption.nextSibling : figure.firstChild);
    }
    return canvas;
  };

  const showTable = (figure) => {
    figure.classList.add("chart-failed");
    const details = figure.querySelector("details");
    if (details) details.open = true;
  };

  const draw = (Chart, figure) => {
    const type = figure.dataset.chartType;
    if (!TYPES[type]) throw new Error(`charts.js: unknown data-chart-type "${type}"`);
    const source = document.getElementById(figure.dataset.chartSource);
    if (!source) throw new Error(`charts.js: no data block #${figure.dataset.chartSource}`);
    const data = JSON.parse(source.textContent);
    const style = window.getComputedStyle(figure);
    const locale = figure.dataset.chartLocale || document.documentElement.lang || undefined;
    const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const format = (value) => numbers.format(value);
    const canvas = canvasOf(figure);
    const previous = Chart.getChart(canvas);
    if (previous) previous.destroy(); // drawn again (re-rendered or re-settled): start afresh
    const caption = figure.querySelector("figcaption");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", summary(caption ? caption.textContent.trim() : "", data, format));
    if (figure.querySelector("table")) canvas.setAttribute("aria-hidden", "true");
    else canvas.removeAttribute("aria-hidden");
    new Chart(canvas, config(type, data, style, locale, format));
    figure.classList.remove("chart-failed");
    figure.classList.add("chart-drawn");
  };

  // Charts whose canvas left the page (swapped out) let go of their listeners and memory.
  const sweep = (Chart) => {
    Object.values(Chart.instances || {}).forEach((chart) => {
      if (!chart.canvas || !chart.canvas.isConnected) chart.destroy();
    });
  };

  const render = (root) => {
    const scope = root && root.querySelectorAll ? root : document;
    // A swap inside a figure (its data block, say) draws that figure again.
    const host = scope.closest ? scope.closest(SELECTOR) : null;
    const figures = host ? [host] : [...scope.querySelectorAll(SELECTOR)];
    const live = figures.filter((figure) => figure.isConnected);
    if (!live.length) return Promise.resolve([]);
    const family = window.getComputedStyle(live[0]).fontFamily;
    return Promise.all([loadChartJs(), fontReady(family)])
      .then(([Chart]) => {
        sweep(Chart);
        return live.map((figure) => {
          try {
            draw(Chart, figure);
            return Chart.getChart(figure.querySelector("canvas"));
          } catch (error) {
            console.error(error);
            showTable(figure);
            return null;
          }
        });
      })
      .catch((error) => {
        console.error(error);
        live.forEach(showTable);
        return [];
      });
  };

  window.GovFlexCharts = { render };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => render(document));
  } else {
    render(document);
  }
  document.addEventListener("htmx:afterSettle", (event) => render(event.target));
  document.addEventListener("htmx:beforeCleanupElement", (event) => {
    const element = event.target;
    if (window.Chart && element instanceof HTMLCanvasElement) {
      const chart = window.Chart.getChart(element);
      if (chart) chart.destroy();
    }
  });
})();
