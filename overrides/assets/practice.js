/* Lumbung Praktik practice page: when printing, show each link's full address after it. */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    var links = document.querySelectorAll(".md-content a[href]:not([href^='#'])");
    Array.prototype.forEach.call(links, function (a) {
      a.setAttribute("data-print-href", a.href);
    });
  });
})();
