/* Twitch Atlas leg map: first-party, no dependencies. Reads the inert JSON the build wrote
   into the page and never inserts HTML from it (text nodes and links only). */
(function () {
  "use strict";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    return node;
  }

  function linkList(items) {
    var span = el("span");
    items.forEach(function (item, i) {
      if (i) span.appendChild(document.createTextNode(", "));
      span.appendChild(el("a", item.text, { href: item.href }));
    });
    if (!items.length) span.textContent = "none on record";
    return span;
  }

  function setup(map) {
    if (map.dataset.ready) return;
    map.dataset.ready = "1";
    var data = JSON.parse(map.querySelector(".ta-legmap__data").textContent);
    var info = map.querySelector(".ta-legmap__info");
    var shapes = map.querySelectorAll(".ta-legmap__shape");
    var rootButtons = map.querySelectorAll(".ta-legmap__root");
    var regionButtons = map.querySelectorAll(".ta-legmap__region-button");

    function press(buttons, value, attr) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset[attr] === value)); });
    }

    function showRoot(id) {
      var root = data.roots[id];
      shapes.forEach(function (s) {
        var region = s.dataset.region;
        s.classList.toggle("is-motor", root.motor.indexOf(region) >= 0);
        s.classList.toggle("is-sensory", root.sensory.indexOf(region) >= 0);
        s.classList.remove("is-chosen");
      });
      press(rootButtons, id, "root"); press(regionButtons, "", "region");
      info.replaceChildren();
      var title = el("p"); title.appendChild(el("strong", root.label + ": " + root.name));
      title.appendChild(document.createTextNode(" "));
      title.appendChild(el("a", "Read about " + root.label, { href: root.href }));
      var motor = el("p", "Twitching or weakness shows in: ");
      motor.appendChild(linkList(root.motor.map(function (r) { return { text: data.regions[r].name, href: data.regions[r].href }; })));
      var sensory = el("p", "Skin area (feeling): ");
      sensory.appendChild(linkList(root.sensory.map(function (r) { return { text: data.regions[r].name, href: data.regions[r].href }; })));
      info.append(title, motor, sensory);
    }

    function showRegion(id) {
      var region = data.regions[id];
      shapes.forEach(function (s) {
        s.classList.remove("is-motor", "is-sensory");
        s.classList.toggle("is-chosen", s.dataset.region === id);
      });
      press(regionButtons, id, "region"); press(rootButtons, "", "root");
      info.replaceChildren();
      var title = el("p"); title.appendChild(el("strong", region.name));
      title.appendChild(document.createTextNode(" "));
      title.appendChild(el("a", "Read about this area", { href: region.href }));
      var roots = el("p", "Nerve roots whose trouble shows here: ");
      roots.appendChild(linkList(region.roots.map(function (r) { return { text: data.roots[r].label, href: data.roots[r].href }; })));
      var causes = el("p", "Causes of twitching here: ");
      causes.appendChild(linkList(region.causes.map(function (c) { return { text: c.name, href: c.href }; })));
      info.append(title, roots, causes);
    }

    rootButtons.forEach(function (b) { b.addEventListener("click", function () { showRoot(b.dataset.root); }); });
    regionButtons.forEach(function (b) { b.addEventListener("click", function () { showRegion(b.dataset.region); }); });
    shapes.forEach(function (s) { s.addEventListener("click", function () { showRegion(s.dataset.region); }); });
  }

  function init() { document.querySelectorAll("[data-legmap]").forEach(setup); }

  // Material's instant navigation swaps pages without reloading: re-run on every page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
