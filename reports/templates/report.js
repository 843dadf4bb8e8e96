(() => {
  "use strict";
  // The rules of the collapsed chapters travel as JSON (see reports/html_report.py:
  // S = strings stored once, R = one row per rule) and are drawn only when a
  // chapter is opened, so a report of thousands of rules opens at once.
  const data = JSON.parse(document.getElementById("results").textContent);
  const S = data.S, PAGE = 500, byChapter = {};
  for (const r of data.R) (byChapter[r.c] = byChapter[r.c] || []).push(r);
  const form = document.getElementById("filters");
  const chapters = Array.from(document.querySelectorAll("#all details"));
  const ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"};
  const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ESC[c]);
  const str = (i) => (i < 0 ? "" : S[i]);

  function filters() {
    const picked = (name) => new Set(Array.from(form.querySelectorAll(`input[name=${name}]:checked`), (i) => i.value));
    return {s: picked("s"), v: picked("v"), c: form.elements.c.value};
  }
  const keep = (f, s, v, c) => f.s.has(s) && f.v.has(v) && (!f.c || f.c === String(c));

  function ruleHtml(r) {
    const open = !["passed", "attested", "skipped"].includes(r.s);
    const evidence = r.e.length ? '<table class="ev"><tr><th>fact</th><th>value</th><th>from</th></tr>' +
      r.e.map((e) => `<tr><td>${esc(str(e[0]))}</td><td>${esc(str(e[1]))}</td><td>${esc(str(e[2]))}</td></tr>`).join("") +
      "</table>" : "";
    return `<article class="rule" data-s="${r.s}" data-v="${esc(r.v)}" data-c="${r.c}">` +
      `<h3><span class="st ${r.s}">${r.s}</span> <code>${esc(r.r)}</code> <span class="sev">${esc(r.v)}</span> ${esc(r.t)}</h3>` +
      `<p>${esc(r.m)}</p>` + (open ? `<p class="fix"><b>${r.s === "error" ? "To evaluate" : "Fix"}:</b> ${esc(str(r.x))}</p>` : "") +
      (r.w !== undefined ? `<p class="note">${esc(str(r.w))}</p>` : "") +
      (r.a !== undefined ? `<p class="note">${esc(str(r.a))}</p>` : "") +
      evidence + `<p class="guide">${esc(str(r.g))} &middot; chapter ${r.c}</p>` +
      (r.q !== undefined ? `<blockquote class="words">${esc(str(r.q))}</blockquote>` : "") +
      (r.p !== undefined ? '<div class="policy"><b>itmscheck policy, not the guide&rsquo;s words:</b><ul>' +
        r.p.map((i) => `<li>${esc(str(i))}</li>`).join("") + "</ul></div>" : "") + "</article>";
  }

  function declHtml(r) {
    const text = [r.w, r.a].filter((i) => i !== undefined).map((i) => esc(str(i))).join(" ");
    return `<p class="rule decl" data-s="${r.s}" data-v="${esc(r.v)}" data-c="${r.c}"><code>${esc(r.r)}</code> ` +
      `<span class="st ${r.s}">${r.s}</span> ${text}</p>`;
  }

  // Sections drew their first rules on the server; the others come on request.
  function drawRest(name) {
    const box = document.querySelector(`.rest[data-section=${name}]`);
    if (!box || box.dataset.drawn) return;
    box.innerHTML = data.more[name].map((i) => (name === "declared" ? declHtml : ruleHtml)(data.R[i])).join("");
    box.dataset.drawn = "1";
    document.querySelector(`.more[data-section=${name}]`).hidden = true;
    apply();
  }

  function draw(details, f, limit) {
    const rows = (byChapter[details.dataset.c] || []).filter((r) => keep(f, r.s, r.v, r.c));
    let html = rows.slice(0, limit).map(ruleHtml).join("");
    if (rows.length > limit) {
      html += `<button type="button" class="more" data-limit="${limit + PAGE}">Show ` +
        `${Math.min(PAGE, rows.length - limit)} more (${rows.length - limit} not shown)</button>`;
    }
    details.querySelector(".rules").innerHTML = html;
    details.dataset.drawn = "1";
  }

  function apply() {
    const f = filters();
    let shown = 0;
    for (const el of document.querySelectorAll(".rule[data-s]:not(#all .rule)")) {
      el.classList.toggle("off", !keep(f, el.dataset.s, el.dataset.v, el.dataset.c));
    }
    for (const details of chapters) {
      const all = byChapter[details.dataset.c] || [];
      const n = all.filter((r) => keep(f, r.s, r.v, r.c)).length;
      shown += n;
      details.hidden = n === 0;
      details.querySelector(".n").textContent = n === all.length ? String(n) : `${n} of ${all.length}`;
      details.dataset.drawn = "";
      if (details.open) draw(details, f, PAGE);
    }
    document.getElementById("shown").textContent = `${shown} of ${data.R.length} rules shown`;
  }

  for (const details of chapters) {
    details.addEventListener("toggle", () => {
      if (details.open && !details.dataset.drawn) draw(details, filters(), PAGE);
    });
  }
  document.getElementById("all").addEventListener("click", (event) => {
    const more = event.target.closest(".more");
    if (more) draw(more.closest("details"), filters(), Number(more.dataset.limit));
  });
  for (const button of document.querySelectorAll(".more[data-section]")) {
    button.addEventListener("click", () => drawRest(button.dataset.section));
  }
  // A change board prints the whole list of blockers, warnings and waivers.
  window.addEventListener("beforeprint", () => Object.keys(data.more).forEach(drawRest));
  document.getElementById("open-all").addEventListener("click", () => {
    for (const details of chapters) if (!details.hidden) details.open = true;
  });
  // Filters can be preset from the address, so a link can show "the failed blockers
  // of chapter 4": #s=failed,error&v=blocker&c=4&open
  const preset = new URLSearchParams(location.hash.slice(1));
  for (const name of ["s", "v"]) {
    if (!preset.has(name)) continue;
    const values = new Set(preset.get(name).split(","));
    for (const box of form.querySelectorAll(`input[name=${name}]`)) box.checked = values.has(box.value);
  }
  if (preset.has("c")) form.elements.c.value = preset.get("c");
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
  if (preset.has("open")) document.getElementById("open-all").click();
  // How long the page took to open: navigation start to parsed, scripted and laid out.
  void document.body.offsetHeight;
  document.documentElement.dataset.openMs = String(Math.round(performance.now()));
})();
