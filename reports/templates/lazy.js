  // Drawn when needed. A chapter's rules, and a long section's rules after its first
  // thirty, are markup inside <noscript class="lazy"> (what a reader without scripts
  // sees); with scripts that markup is plain text, which the browser does not have to
  // build into elements as the page opens. The text is cut into pieces (<!--:-->, which
  // escaped text cannot contain) and drawn in place: a chapter when it opens, everything
  // before printing and before following a link to what is not drawn yet, and the rest
  // a piece at a time while the browser is idle, in page order, so that find in page
  // soon sees every rule and no piece holds up a click. In a report too large to carry
  // every fact as markup, the facts of the rules that passed, were attested or were
  // skipped travel stored once (reports/html_evidence.py: stored_once) and are drawn
  // with their piece.
  const factsData = document.getElementById("facts");
  let facts = null;
  const pending = new Map();
  // Long fact names may wrap after their dots (as reports/html_values.py: fact_name).
  const factName = (name) => (name.length > 20 ? name.replace(/\./g, ".<wbr>") : name);

  function drawFacts(chapter, from) {
    facts = facts || JSON.parse(factsData.textContent);
    const entries = facts.E["c" + chapter.id.slice(3)] || [], S = facts.S;
    const items = chapter.querySelectorAll(".rl>li");
    for (let i = from; i < items.length; i++) {
      if (!entries[i]) continue;
      const rows = entries[i].map((r) => facts.R[r]);
      const dl = rows.filter(([f]) => f !== null)
        .map(([f, v, s]) => `<dt>${factName(S[f])}` + (s === null ? `<dd class="same">${S[v]}` : `<dd>${S[v]}<dd>${S[s]}`));
      const tables = rows.filter(([f]) => f === null).map(([, t]) => S[t]);
      items[i].insertAdjacentHTML("beforeend", (dl.length ? "<dl>" + dl.join("") + "</dl>" : "") + tables.join(""));
    }
  }

  function drawPiece(markup) {
    if (!pending.has(markup)) pending.set(markup, markup.textContent.split("<!--:-->"));
    const pieces = pending.get(markup);
    const chapter = factsData && markup.parentElement.matches("details.ch") ? markup.parentElement : null;
    const from = chapter ? chapter.querySelectorAll(".rl>li").length : 0;
    markup.insertAdjacentHTML("beforebegin", pieces.shift());
    if (chapter) drawFacts(chapter, from);
    if (!pieces.length) {
      pending.delete(markup);
      markup.remove();
    }
  }

  const drawOne = (markup) => { while (markup.isConnected) drawPiece(markup); };
  const draw = (within) => within.querySelectorAll("noscript.lazy").forEach(drawOne);
  const drawAll = () => draw(document);

  function drawWhenIdle() {
    const waiting = Array.from(document.querySelectorAll("noscript.lazy"));
    const idle = window.requestIdleCallback || ((f) => setTimeout(() => f({timeRemaining: () => 8}), 50));
    const step = (deadline) => {
      while (waiting.length && deadline.timeRemaining() > 2) {
        if (waiting[0].isConnected) drawPiece(waiting[0]);
        else waiting.shift();
      }
      if (waiting.length) idle(step);
      else document.documentElement.dataset.drawn = "1";
    };
    idle(step);
  }
