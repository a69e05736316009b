// Renders the book's ```mermaid blocks with the vendored mermaid.min.js. mdBook writes such a
// block as <pre><code class="language-mermaid">; Mermaid reads the text of a <pre class="mermaid">.
(function () {
  "use strict";
  var dark = ["coal", "navy", "ayu"].some(function (theme) {
    return document.documentElement.classList.contains(theme);
  });
  var nodes = [];
  document.querySelectorAll("code.language-mermaid").forEach(function (code) {
    var pre = document.createElement("pre");
    pre.className = "mermaid";
    pre.textContent = code.textContent;
    code.parentElement.replaceWith(pre);
    nodes.push(pre);
  });
  mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default", securityLevel: "strict" });
  mermaid.run({ nodes: nodes });
})();
