// ArchLab's interactive charts, drawn with uPlot (the global `uPlot`, from the npm registry, inlined into the page or
// served beside it). One function per page kind:
//   ArchLabCharts.timelines(element, data)    a run's per-interval charts (report.html, the workshop deck)
//   ArchLabCharts.live(element, arms)          charts a live dashboard appends points to
// A chart's legend lists the arms: a click on one switches it off and on, on every chart of the page at once.
(function () {
  "use strict";

  const metrics = [
    { key: "offered", title: "Offered per second", unit: "/s" },
    { key: "accepted", title: "Accepted per second", unit: "/s" },
    { key: "completed", title: "Completed per second", unit: "/s" },
    { key: "errors", title: "Errors per second", unit: "/s" },
    { key: "acceptP99", title: "Accept p99 per interval", unit: "ms" },
    { key: "completionP99", title: "Completion p99 per interval", unit: "ms" },
    { key: "backlog", title: "Backlog held by the broker", unit: "" },
  ];

  // Every chart of the page, so that an arm switched off in one legend is off in all.
  const charts = [];

  function format(value, unit) {
    if (value == null) return "n/a";
    if (value === 0) return unit === "/s" ? "0/s" : unit ? `0 ${unit}` : "0";
    const text = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(1) : value.toFixed(3);
    return unit === "/s" ? `${text}/s` : unit ? `${text} ${unit}` : text;
  }

  // Fault windows as grey bands behind the series, labelled at the top.
  function faultBands(faults) {
    return {
      hooks: {
        drawClear: [(u) => {
          const ctx = u.ctx;
          ctx.save();
          for (const f of faults()) {
            const x0 = u.valToPos(f.start, "x", true);
            const x1 = u.valToPos(f.end == null ? u.scales.x.max : f.end, "x", true);
            ctx.fillStyle = "rgba(120, 120, 120, 0.15)";
            ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
            ctx.fillStyle = "rgba(60, 60, 60, 0.9)";
            ctx.font = `${11 * devicePixelRatio}px sans-serif`;
            ctx.fillText(f.label, x0 + 3, u.bbox.top + 12 * devicePixelRatio);
          }
          ctx.restore();
        }],
      },
    };
  }

  // live: the arms' points are merged on one x axis, so each arm has gaps at the others' moments; join across them.
  function chart(element, metric, arms, x, columns, faults, width, live) {
    const figure = document.createElement("figure");
    figure.className = "archlab-chart";
    figure.dataset.metric = metric.key;
    element.append(figure);
    const options = {
      title: metric.title,
      width: width || Math.min(900, Math.max(320, element.clientWidth || 900)),
      height: 260,
      cursor: { sync: { key: "archlab" } },
      legend: { live: true },
      scales: { x: { time: false } },
      axes: [
        { label: "seconds from the measured start" },
        { label: metric.unit === "/s" ? "per second" : metric.unit, values: (u, splits) => splits.map((v) => format(v, "")) },
      ],
      series: [
        { label: "t", value: (u, v) => (v == null ? "" : `${v.toFixed(1)} s`) },
        ...arms.map((arm) => ({ label: arm.name, stroke: arm.color, width: 2, spanGaps: !!live, points: { show: false }, value: (u, v) => format(v, metric.unit) })),
      ],
      plugins: [faultBands(faults)],
      hooks: {
        // The legend's click switched this arm; switch it on the other charts too.
        setSeries: [(u, index, options) => {
          if (!options || options.show === undefined || u._archlabSyncing) return;
          for (const other of charts) {
            if (other === u || other.series[index] === undefined || other.series[index].show === options.show) continue;
            other._archlabSyncing = true;
            other.setSeries(index, { show: options.show });
            other._archlabSyncing = false;
          }
        }],
      },
    };
    const plot = new uPlot(options, [x, ...columns], figure);
    charts.push(plot);
    return plot;
  }

  // data: { intervalSec, arms: [{ name, color, timeline: [{ t, offered, accepted, completed, errors, acceptP99, completionP99, backlog }] }],
  //         faults: [{ label, start, end }] }
  function timelines(element, data) {
    const length = Math.max(0, ...data.arms.map((a) => a.timeline.length));
    const x = Array.from({ length }, (_, i) => i * data.intervalSec);
    const drawn = [];
    for (const metric of metrics) {
      const perSecond = metric.unit === "/s";
      const columns = data.arms.map((arm) => Array.from({ length }, (_, i) => {
        const point = arm.timeline[i];
        const value = point ? point[metric.key] : null;
        return value == null ? null : perSecond ? value / data.intervalSec : value;
      }));
      if (columns.every((column) => column.every((v) => v == null))) continue;
      drawn.push(chart(element, metric, data.arms, x, columns, () => data.faults));
    }
    return drawn;
  }

  // A dashboard's charts: push(armIndex, point) adds a point; points of an arm come in time order.
  function live(element, arms, faults) {
    const state = arms.map(() => []);
    const plots = new Map();
    const shown = metrics.filter((m) => m.key !== "offered");
    function data(metric) {
      const times = [...new Set(state.flat().map((p) => p.t))].sort((a, b) => a - b);
      const index = new Map(times.map((t, i) => [t, i]));
      const columns = state.map((points) => {
        const column = new Array(times.length).fill(null);
        for (const p of points) column[index.get(p.t)] = p[metric.key] ?? null;
        return column;
      });
      return [times, ...columns];
    }
    return {
      push(arm, point) {
        state[arm].push(point);
      },
      redraw() {
        for (const metric of shown) {
          const [x, ...columns] = data(metric);
          if (!plots.has(metric.key)) {
            if (columns.every((c) => c.every((v) => v == null))) continue;
            plots.set(metric.key, chart(element, metric, arms, x, columns, faults, 560, true));
          } else {
            plots.get(metric.key).setData([x, ...columns]);
          }
        }
      },
    };
  }

  window.ArchLabCharts = { timelines, live, format };
})();
