// The live dashboard: server-sent events from the harness (init, then progress four times a second per arm, then done)
// drive a table of the arms and uPlot charts of their rates, accept p99, errors and backlog, with the fault windows.
(function () {
  "use strict";
  const element = (id) => document.getElementById(id);
  const format = (v, unit) => ArchLabCharts.format(v, unit);
  let arms = [];
  let charts = null;
  const rows = new Map();
  // Fault windows by label, in each arm's own seconds: open ones have no end yet.
  const faults = [];

  function row(arm) {
    if (!rows.has(arm.name)) {
      const tr = document.createElement("tr");
      tr.dataset.arm = arm.name;
      tr.innerHTML = `<td><span class="swatch" style="background:${arm.color}"></span>${arm.name}</td>` + "<td></td>".repeat(9);
      element("arms").tBodies[0].append(tr);
      rows.set(arm.name, tr);
    }
    return rows.get(arm.name);
  }

  function init(data) {
    element("title").textContent = data.title;
    element("claim").textContent = data.claim;
    document.title = `ArchLab: ${data.title}`;
    arms = data.arms;
    arms.forEach(row);
    element("charts").replaceChildren();
    faults.length = 0;
    charts = ArchLabCharts.live(element("charts"), arms, () => faults);
  }

  function progress(p) {
    const index = arms.findIndex((a) => a.name === p.arm);
    if (index < 0) return;
    for (const change of p.faultChanges) {
      if (change.open) faults.push({ label: change.label, start: p.t, end: null });
      else {
        const open = faults.find((f) => f.label === change.label && f.end == null);
        if (open) open.end = p.t;
      }
    }
    const running = ["warmup", "load", "draining"].includes(p.phase);
    const cells = row(arms[index]).cells;
    cells[1].textContent = p.phase;
    if (!running) {
      // Starting, checking, done: the arm's last figures stay; only its phase changes.
      element("status").textContent = `${p.arm}: ${p.phase}`;
      return;
    }
    charts.push(index, {
      t: p.t,
      accepted: p.acceptedPerSec,
      completed: p.completedPerSec,
      errors: p.errorsPerSec,
      acceptP99: p.acceptP99,
      backlog: p.backlog,
    });
    const values = [p.phase, `${p.t.toFixed(1)} / ${p.planned.toFixed(0)} s`, format(p.offeredPerSec, "/s"), format(p.acceptedPerSec, "/s"),
      p.completedPerSec == null ? "n/a" : format(p.completedPerSec, "/s"), String(p.errors), format(p.acceptP99, "ms"),
      p.backlog == null ? "n/a" : String(p.backlog)];
    values.forEach((v, i) => { cells[i + 1].textContent = v; });
    cells[9].innerHTML = p.openFaults.map((f) => `<span class="fault">${f}</span>`).join(" ");
    element("status").textContent = `running ${p.arm}: ${p.phase}`;
    redraw();
  }

  // At most one redraw per frame, however many events come at once.
  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; charts.redraw(); });
  }

  function done(d) {
    const status = element("status");
    status.className = d.holds ? "done-holds" : "done-fails";
    status.innerHTML = "";
    status.append(`Done: ${d.held} of ${d.expectations} expectations held${d.holds ? "; the claim holds" : "; the claim did not hold in this run"}. `);
    if (d.headline) status.append(d.headline + " ");
    const link = document.createElement("a");
    link.href = d.report;
    link.textContent = "the report";
    link.id = "report";
    status.append(link);
  }

  const events = new EventSource("events");
  events.addEventListener("init", (e) => init(JSON.parse(e.data)));
  events.addEventListener("progress", (e) => progress(JSON.parse(e.data)));
  events.addEventListener("done", (e) => { done(JSON.parse(e.data)); events.close(); });
})();
