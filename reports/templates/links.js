  // Moving about: in-page links land below the sticky bar on a visible target that has
  // the focus; chapters open together; the bar collapses on narrow screens; a printout
  // holds every chapter.
  const openAll = document.getElementById("open-all");
  const toggle = document.getElementById("toggle");

  function hidden(el) {
    return el.checkVisibility ? !el.checkVisibility() : el.getClientRects().length === 0;
  }

  // Show the target even when the filters or a closed chapter hide it, then scroll to it
  // and give it the focus, so keyboard and screen-reader users arrive where they clicked.
  function reveal(el) {
    const chapter = el.closest("details");
    if (chapter) chapter.open = true;
    const rule = el.closest("article, .rl>li, .decl>li");  // a value's anchor is inside its rule
    if (rule && hidden(rule)) pin(rule);
    if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
    measureBar();
    el.scrollIntoView({block: "start"});
    el.focus({preventScroll: true});
    land(el, 4);
  }

  // Rules far from the screen are laid out only when near it (content-visibility), at
  // their real height: once those passed on the way are, the target may have moved.
  // Land on it again for a few frames, until it stays below the bar.
  function land(el, frames) {
    requestAnimationFrame(() => {
      const below = parseFloat(document.documentElement.style.scrollPaddingTop) || 0;
      if (Math.abs(el.getBoundingClientRect().top - below) > 2) el.scrollIntoView({block: "start"});
      if (frames > 1) land(el, frames - 1);
    });
  }

  // In-page links keep the address as it is: it holds the filters.
  // An anchor not drawn yet is in a chapter: draw them all and look again.
  function find(id) {
    if (!id || document.getElementById(id)) return document.getElementById(id);
    drawAll();
    return document.getElementById(id);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    const target = link && find(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    reveal(target);
  });

  for (const details of chapters) {
    details.addEventListener("toggle", () => { if (details.open) draw(details); });
  }

  function setAll(open) {
    for (const details of chapters) {
      if (open) draw(details);
      details.open = open;
    }
    openAll.textContent = open ? "Close all chapters" : "Open all chapters";
  }
  openAll.addEventListener("click", () => setAll(openAll.textContent.startsWith("Open")));
  document.getElementById("everything").addEventListener("click", () => {
    write({s: new Set(STATUSES), v: new Set(SEVERITIES), c: ""});
    changed();
  });
  toggle.addEventListener("click", () => {
    const open = form.classList.toggle("open");
    toggle.setAttribute("aria-expanded", String(open));
  });
  form.addEventListener("change", changed);

  // The bar's height as html's scroll-padding-top: anchors land below it. The observer
  // reports the first size before the first paint, and every change after.
  const measureBar = () => { document.documentElement.style.scrollPaddingTop = form.offsetHeight + 8 + "px"; };
  new ResizeObserver(measureBar).observe(form);

  // Browsers without a print style for closed <details> still print every chapter.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    drawAll();
    closed = chapters.filter((details) => !details.open);
    for (const details of closed) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of closed) details.open = false;
    closed = [];
  });

  function follow() {
    const state = fromHash(location.hash);
    if (state) {
      write(state);
      apply(state);
      if (state.open) setAll(true);
      return;
    }
    const target = find(decodeURIComponent(location.hash.slice(1)));
    if (target) reveal(target);
  }
  window.addEventListener("hashchange", follow);

  form.hidden = false;
  document.querySelector(".skip").hidden = false;
  // The server wrote the counts of the unfiltered page; a filtered address redraws them.
  follow();
  drawWhenIdle();
  // How long the page took to open: navigation start to parsed, scripted and laid out.
  void document.body.offsetHeight;
  document.documentElement.dataset.openMs = String(Math.round(performance.now()));
