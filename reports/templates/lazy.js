  // Drawn when needed. A chapter's rules, and a long section's rules after its first
  // hundred, are markup inside <noscript class="lazy"> (what a reader without scripts
  // sees); with scripts that markup is plain text, which the browser does not have to
  // build into elements as the page opens. A chapter is drawn when it opens, everything
  // before printing and before following a link to what is not drawn yet, and the rest
  // while the browser is idle, in page order, so that find in page soon sees every rule. In a
  // report too large to carry every fact as markup, the facts of the rules that passed,
  // were attested or were skipped travel stored once (reports/html_evidence.py:
  // stored_once) and are drawn with their chapter.
  const factsData = document.getElementById("facts");
  const facts = factsData ? JSON.parse(factsData.textContent) : {S: [], R: [], E: {}};
  // Long fact names may wrap after their dots (as reports/html_values.py: fact_name).
  const factName = (name) => (name.length > 20 ? name.replace(/\./g, ".<wbr>") : name);

  function drawFacts(details, entries) {
    const S = facts.S, items = details.querySelectorAll(".rl>li");
    entries.forEach((entry, i) => {
      if (!entry) return;
      const rows = entry.map((r) => facts.R[r]);
      const dl = rows.filter(([f]) => f !== null)
        .map(([f, v, s]) => `<dt>${factName(S[f])}` + (s === null ? `<dd class="same">${S[v]}` : `<dd>${S[v]}<dd>${S[s]}`));
      const tables = rows.filter(([f]) => f === null).map(([, t]) => S[t]);
      items[i].insertAdjacentHTML("beforeend", (dl.length ? "<dl>" + dl.join("") + "</dl>" : "") + tables.join(""));
    });
  }

  // Draw the markup in one <noscript class="lazy">: in place, then its chapter's facts.
  function drawOne(markup) {
    const chapter = markup.parentElement.matches("details.ch") && markup.parentElement;
    markup.insertAdjacentHTML("afterend", markup.textContent);
    markup.remove();
    const entries = chapter && facts.E["c" + chapter.id.slice(3)];
    if (entries) drawFacts(chapter, entries);
  }

  const draw = (within) => within.querySelectorAll("noscript.lazy").forEach(drawOne);
  const drawAll = () => draw(document);

  function drawWhenIdle() {
    const waiting = Array.from(document.querySelectorAll("noscript.lazy"));
    const idle = window.requestIdleCallback || ((f) => setTimeout(() => f({timeRemaining: () => 8}), 50));
    const step = (deadline) => {
      while (waiting.length && deadline.timeRemaining() > 4) {
        const markup = waiting.shift();
        if (markup.isConnected) drawOne(markup);
      }
      if (waiting.length) idle(step);
      else document.documentElement.dataset.drawn = "1";
    };
    idle(step);
  }
