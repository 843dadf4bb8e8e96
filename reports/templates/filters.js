  // Filters. Every rule is server-written markup; a filter is a class on <main> per
  // unticked status or severity (the CSS hides the matching rules) and one style rule
  // for the chapter, so a change restyles the page and never rebuilds it. The counts
  // come from the index the server wrote (reports/html_report.py: index), and the
  // address says what is shown: #s=failed,error&v=blocker&c=4 (a link to a filtered
  // view), kept in step both ways.
  const index = JSON.parse(document.getElementById("index").textContent);
  const STATUSES = index.statuses, SEVERITIES = index.severities;
  const CHAPTERS = Object.keys(index.g).filter((g) => /^c\d+$/.test(g));
  const form = document.getElementById("filters");
  const main = document.getElementById("main");
  const chapterRule = document.getElementById("chapter-filter");
  const guideRule = document.getElementById("guide-filter");
  const status = document.getElementById("shown");
  const counted = Array.from(document.querySelectorAll("[data-g]"));
  const chapters = Array.from(document.querySelectorAll("details.ch"));
  const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  let pinned = null;

  function read() {
    const ticked = (name) => new Set(Array.from(form.querySelectorAll(`input[name=${name}]:checked`), (i) => i.value));
    return {s: ticked("s"), v: ticked("v"), c: form.elements.c.value};
  }

  function write(state) {
    for (const box of form.querySelectorAll("input[name=s],input[name=v]")) box.checked = state[box.name].has(box.value);
    form.elements.c.value = state.c;
  }

  // The address's filters, or null when the hash is an anchor (or empty).
  function fromHash(hash) {
    const text = hash.replace(/^#/, "");
    if (!/(^|&)[svc]=|(^|&)open(&|$)/.test(text)) return null;
    const asked = new URLSearchParams(text);
    const list = (name, all) => (asked.has(name) ? new Set(asked.get(name).split(",").filter((x) => all.includes(x))) : new Set(all));
    const c = asked.get("c") || "";
    const known = Array.from(form.elements.c.options, (o) => o.value).includes(c);
    return {s: list("s", STATUSES), v: list("v", SEVERITIES), c: known ? c : "", open: asked.has("open")};
  }

  function toHash(state) {
    const parts = [];
    if (state.s.size < STATUSES.length) parts.push("s=" + STATUSES.filter((x) => state.s.has(x)).join(","));
    if (state.v.size < SEVERITIES.length) parts.push("v=" + SEVERITIES.filter((x) => state.v.has(x)).join(","));
    if (state.c) parts.push("c=" + state.c);
    return parts.join("&");
  }

  function counter(state) {
    const memo = new Map();
    return (group) => {
      if (!memo.has(group)) {
        let shown = 0, total = 0;
        for (const [s, v, c, n] of index.g[group] || []) {
          total += n;
          if (state.s.has(STATUSES[s]) && state.v.has(SEVERITIES[v]) && (!state.c || state.c === String(c))) shown += n;
        }
        memo.set(group, [shown, total]);
      }
      return memo.get(group);
    };
  }

  function apply(state) {
    unpin();
    main.className = [...STATUSES.filter((x) => !state.s.has(x)).map((x) => "xs-" + x),
      ...SEVERITIES.filter((x) => !state.v.has(x)).map((x) => "xv-" + x)].join(" ");
    chapterRule.textContent = state.c ? `.top :is(article,li):not(.c${state.c},.pin){display:none}` : "";
    // A guide section whose rules the filters all hide goes too (a chapter's rules are
    // filtered by status and severity only: the chapter filter hides whole chapters).
    const shows = (names) => `:is(${names.map((x) => "." + x).join(",")})`;
    guideRule.textContent = state.s.size && state.v.size ?
      `.gs:not(:has(>ul>li:is(${shows([...state.s])}${shows([...state.v])},.pin))){display:none}` : ".gs{display:none}";
    const count = counter(state);
    let shown = 0, total = 0;
    for (const el of counted) {
      const sums = el.dataset.g.split(" ").map(count);
      const n = sums.reduce((a, b) => a + b[0], 0), all = sums.reduce((a, b) => a + b[1], 0);
      if (el.classList.contains("n")) {
        const noun = el.dataset.noun;
        el.textContent = noun ? (n === all ? plural(all, noun) : `${n} of ${plural(all, noun)}`) : (n === all ? `(${all})` : `(${n} of ${all})`);
      } else if ("empty" in el.dataset) {
        el.hidden = !(n === 0 && all > 0);
      } else {
        el.hidden = n === 0;
      }
    }
    for (const group of CHAPTERS) {
      const [n, all] = count(group);
      shown += n;
      total += all;
    }
    status.textContent = `${shown} of ${plural(total, "rule")} shown`;
  }

  // A link's target that the filters hide is shown anyway (marked .pin) until the next
  // change; apply() hides again what pin() unhid.
  function pin(el) {
    pinned = el;
    el.classList.add("pin");
    for (let up = el.parentElement; up && up !== main; up = up.parentElement) up.hidden = false;
    status.textContent += `; also showing ${el.querySelector("code").textContent}, which a link led to`;
  }

  function unpin() {
    if (!pinned) return;
    pinned.classList.remove("pin");
    pinned = null;
  }

  function changed() {
    const state = read();
    apply(state);
    const hash = toHash(state);
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
