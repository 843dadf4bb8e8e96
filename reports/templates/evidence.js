  // Facts drawn by the script: in a report too large to carry every fact as markup, the
  // facts of the rules that passed, were attested or were skipped travel stored once
  // (reports/html_evidence.py: stored_once). A chapter's are drawn when it opens, all of
  // them before printing, and the rest while the browser is idle, so that find in page
  // soon sees every fact too.
  const factsData = document.getElementById("facts");
  const facts = factsData ? JSON.parse(factsData.textContent) : {S: [], E: {}};

  function drawFacts(details) {
    const entries = facts.E["c" + details.id.slice(3)];
    if (!entries || details.dataset.facts) return;
    details.dataset.facts = "1";
    const S = facts.S;
    // Long fact names may wrap after their dots (as reports/html_values.py: fact_name).
    const fact = (name) => (name.length > 20 ? name.replace(/\./g, ".<wbr>") : name);
    const items = details.querySelectorAll(".rl>li");
    entries.forEach((entry, i) => {
      if (!entry) return;
      const rows = entry.map((r) => facts.R[r]);
      const dl = rows.filter(([f]) => f !== null)
        .map(([f, v, s]) => `<dt>${fact(S[f])}` + (s === null ? `<dd class="same">${S[v]}` : `<dd>${S[v]}<dd>${S[s]}`));
      const tables = rows.filter(([f]) => f === null).map(([, t]) => S[t]);
      items[i].insertAdjacentHTML("beforeend", (dl.length ? "<dl>" + dl.join("") + "</dl>" : "") + tables.join(""));
    });
  }

  function drawAllFacts() {
    for (const details of document.querySelectorAll("details.ch")) drawFacts(details);
  }

  function drawWhenIdle() {
    const waiting = Array.from(document.querySelectorAll("details.ch")).filter((d) => facts.E["c" + d.id.slice(3)]);
    const idle = window.requestIdleCallback || ((f) => setTimeout(() => f({timeRemaining: () => 8}), 50));
    const step = (deadline) => {
      while (waiting.length && deadline.timeRemaining() > 4) drawFacts(waiting.shift());
      if (waiting.length) idle(step);
      else document.documentElement.dataset.factsDrawn = "1";
    };
    idle(step);
  }
