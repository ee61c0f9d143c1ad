/* Twitch Atlas: first-party, no dependencies, nothing stored or sent. The checklist on the
   warning-signs page, glossary words that open their definition in place, and collapsed
   sections that open when a link points into them or the page is printed. */
(function () {
  "use strict";

  var ORDER = ["emergency", "urgent", "soon", "self-care"];

  function setupChecklist(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var result = form.querySelector("[data-checklist-result]");
    var boxes = form.querySelectorAll("input[type=checkbox]");
    function update() {
      var worst = null;
      boxes.forEach(function (box) {
        var tier = box.getAttribute("data-tier");
        if (box.checked && (worst === null || ORDER.indexOf(tier) < ORDER.indexOf(worst))) worst = tier;
      });
      result.textContent = worst === null ? "Nothing ticked yet." : form.getAttribute("data-say-" + worst);
      result.setAttribute("data-tier", worst || "");
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  var popovers = 0;
  function togglePopover(link) {
    var open = link.getAttribute("aria-expanded") === "true";
    var existing = document.getElementById(link.getAttribute("aria-controls") || "");
    if (existing) existing.remove();
    link.setAttribute("aria-expanded", open ? "false" : "true");
    if (open) return;
    var box = document.createElement("span");
    box.className = "ta-popover";
    box.id = "ta-popover-" + (++popovers);
    box.setAttribute("role", "note");
    box.textContent = link.getAttribute("data-definition");
    // A link to the full entry and a button that closes the box, each a 44 px target on a phone.
    var actions = document.createElement("span");
    actions.className = "ta-popover__actions";
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = "More in the glossary";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ta-popover__close";
    close.textContent = "Close";
    close.addEventListener("click", function () {
      togglePopover(link);
      link.focus();
    });
    actions.appendChild(more);
    actions.appendChild(close);
    box.appendChild(actions);
    link.setAttribute("aria-controls", box.id);
    link.insertAdjacentElement("afterend", box);
  }

  function setupTerms(root) {
    root.querySelectorAll("a.ta-term").forEach(function (link) {
      if (link.dataset.ready) return;
      link.dataset.ready = "1";
      link.setAttribute("data-definition", link.getAttribute("title") || "");
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        togglePopover(link);
      });
    });
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  function init() {
    document.querySelectorAll("[data-checklist]").forEach(setupChecklist);
    setupTerms(document);
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll('a.ta-term[aria-expanded="true"]').forEach(togglePopover);
  });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else init();
})();
