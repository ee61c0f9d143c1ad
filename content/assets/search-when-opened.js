/* Twitch Atlas: the search index is fetched when a reader first opens the search, not with every
   page. It is the largest file of the site (about 70 KB gzipped, most of a page's weight), and
   most readers never search. Material's bundle requests search/search_index.json as it starts;
   this script, loaded just before the bundle, holds that one request back until the search
   toggle (#__search) is switched on: by a tap on the search icon, focus in the search box, a
   keyboard shortcut or a ?q= address, which all go through that toggle. Nothing else changes:
   the same index, the same ranking. First-party, no dependencies. */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var held = [];
  var opened = false;

  function release() {
    opened = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    this.taSearchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var request = this;
    var args = arguments;
    if (!request.taSearchIndex || opened) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  document.addEventListener("change", function (event) {
    if (!opened && event.target.id === "__search" && event.target.checked) release();
  });
})();
