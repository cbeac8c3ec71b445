// oitscan serve: live progress of a check through its event stream (/api/checks/ID/events).
// The page works without this file (it refreshes itself); with it, the numbers move as the
// check runs and the report appears when it is done. Loaded from /static/, as the CSP requires.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("progress");
  if (!section || !window.EventSource) return;
  const id = section.dataset.job;
  const events = new EventSource("/api/checks/" + encodeURIComponent(id) + "/events");
  const set = (name, value) => {
    const el = document.getElementById(name);
    if (el) el.textContent = String(value);
  };
  events.addEventListener("progress", (e) => {
    const data = JSON.parse(e.data);
    const p = data.progress;
    set("documents-done", p.documents_done);
    set("documents-seen", p.documents_seen);
    set("items-done", p.items_done);
    set("items-total", p.items_total);
    const bar = document.getElementById("bar");
    if (bar) {
      bar.max = Math.max(p.documents_seen, 1);
      bar.value = p.documents_done;
    }
    section.dataset.status = data.status;
  });
  events.addEventListener("done", () => {
    events.close();
    window.location.reload();
  });
});
