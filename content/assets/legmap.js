/* Twitch Atlas leg map: first-party, no dependencies. Reads the inert JSON the build wrote into
   the page (macros/render/legmap.py) and never inserts HTML from it: text nodes and links only.
   Choosing an area (or, in the advanced view, a nerve root) fills the answer, a polite live
   region; on a phone the answer is below the drawing, so it is scrolled into view. Focus stays
   on the button the reader pressed, so nothing traps the keyboard. */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function a(text, href) {
    var node = el("a", text);
    node.setAttribute("href", href);
    return node;
  }

  function linkPara(href, text, before) {
    var p = el("p", before ? before + " " : "");
    p.appendChild(a(text, href));
    return p;
  }

  function links(items, textOf) {
    var span = el("span");
    items.forEach(function (item, i) {
      if (i) span.appendChild(document.createTextNode(", "));
      span.appendChild(a(textOf(item), item.href));
    });
    return span;
  }

  function areaAnswer(data, id) {
    var area = data.areas[id], text = data.text, out = [];
    out.push(el("h2", area.name, "ta-legmap__title"));
    out.push(linkPara(area.href, area.more));
    area.summary.forEach(function (line) { out.push(line.href ? linkPara(line.href, line.text) : el("p", line.text)); });
    out.push(el("p", area.place, "ta-legmap__place"));

    out.push(el("h3", area.causes.length > 1 ? text.causes + ", " + text.order : text.causes));
    if (area.causes.length) {
      var ul = el("ul", "", "ta-legmap__causes");
      area.causes.forEach(function (c) {
        var li = el("li");
        li.append(a(c.name, c.href), " ", el("span", c.tag, "ta-serious ta-serious--" + c.seriousness));
        if (c.frequency) li.append(" ", el("span", c.frequency, "ta-legmap__frequency"));
        ul.appendChild(li);
      });
      out.push(ul);
    } else {
      out.push(linkPara(area.causesHref, text.allCauses, text.noCauses));
    }

    out.push(el("h3", text.signs));
    area.signs.forEach(function (tier) {
      var p = el("p", "", "ta-legmap__tier");
      p.append(el("span", tier.title, "ta-badge ta-badge--" + tier.tier), " " + tier.action);
      var ul = el("ul", "", "ta-legmap__signs");
      tier.items.forEach(function (s) { var li = el("li"); li.appendChild(a(s.name, s.href)); ul.appendChild(li); });
      out.push(p, ul);
    });
    if (!area.signs.length) out.push(linkPara(area.signsHref, text.allSigns, text.noSigns));

    if (area.roots.length) {
      var roots = el("p", text.roots + ": ", "ta-legmap__rootline");
      roots.appendChild(links(area.roots, function (r) { return r.label; }));
      out.push(roots);
    }
    return out;
  }

  function rootAnswer(data, id) {
    var root = data.roots[id], text = data.text;
    var shows = el("p", text.shows + ": ");
    shows.appendChild(links(root.shows, function (r) { return r.name; }));
    return [
      el("h2", root.label + ": " + root.name, "ta-legmap__title"),
      linkPara(root.href, root.more),
      shows,
      el("p", text.skin + ": " + root.skin),
      el("p", root.place, "ta-legmap__place"),
    ];
  }

  function setup(map) {
    if (map.dataset.ready) return;
    map.dataset.ready = "1";
    var data = JSON.parse(map.querySelector(".ta-legmap__data").textContent);
    var answer = map.querySelector(".ta-legmap__answer");
    var back = map.querySelector(".ta-legmap__back");
    var views = map.querySelector(".ta-legmap__views");
    var shapes = map.querySelectorAll(".ta-legmap__shape");
    var areaButtons = map.querySelectorAll(".ta-legmap__area");
    var rootButtons = map.querySelectorAll(".ta-legmap__root");
    var last = null;

    function press(buttons, attr, value) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset[attr] === value)); });
    }

    function show(nodes, button) {
      answer.replaceChildren.apply(answer, nodes);
      last = button;
      back.hidden = false;
      // On a phone the answer is below the drawing: bring it up under the sticky header (legmap.css
      // gives it a scroll margin). On a wide screen it is beside the drawing, already in view.
      var box = answer.getBoundingClientRect();
      var below = box.top >= views.getBoundingClientRect().bottom - 1;
      if (box.top < 0 || (below && box.top > 120)) {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        answer.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
      }
    }

    function chooseArea(id, button) {
      shapes.forEach(function (s) {
        s.classList.remove("is-motor", "is-sensory");
        s.classList.toggle("is-chosen", s.dataset.region === id);
      });
      press(areaButtons, "region", id);
      press(rootButtons, "root", "");
      show(areaAnswer(data, id), button);
    }

    function chooseRoot(id, button) {
      var root = data.roots[id];
      shapes.forEach(function (s) {
        s.classList.remove("is-chosen");
        s.classList.toggle("is-motor", root.motor.indexOf(s.dataset.region) >= 0);
        s.classList.toggle("is-sensory", root.sensory.indexOf(s.dataset.region) >= 0);
      });
      press(rootButtons, "root", id);
      press(areaButtons, "region", "");
      show(rootAnswer(data, id), button);
    }

    function hover(id, on) {
      shapes.forEach(function (s) { if (s.dataset.region === id) s.classList.toggle("is-hover", on); });
    }

    areaButtons.forEach(function (b) {
      var id = b.dataset.region;
      b.addEventListener("click", function () { chooseArea(id, b.getAttribute("tabindex") === "-1" ? null : b); });
      ["mouseenter", "focus"].forEach(function (e) { b.addEventListener(e, function () { hover(id, true); }); });
      ["mouseleave", "blur"].forEach(function (e) { b.addEventListener(e, function () { hover(id, false); }); });
    });
    rootButtons.forEach(function (b) { b.addEventListener("click", function () { chooseRoot(b.dataset.root, b); }); });
    shapes.forEach(function (s) { s.addEventListener("click", function () { chooseArea(s.dataset.region, null); }); });
    back.addEventListener("click", function () {
      var target = last || map.querySelector(".ta-legmap__area[aria-pressed=true]:not([tabindex])") || areaButtons[0];
      map.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  function init() { document.querySelectorAll("[data-legmap]").forEach(setup); }

  // The page loads this script after the map, and only where the map is (overrides/main.html);
  // Material's instant navigation runs it again each time it shows such a page.
  init();
})();
