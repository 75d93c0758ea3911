// Render the maths of the page with the KaTeX the site serves (no CDN).
// Markdown pages: pymdownx.arithmatex wraps maths in .arithmatex as \( … \) and \[ … \].
// Lab notebooks: nbconvert leaves $ … $ and $$ … $$ in the Markdown cells.
// All in one pass: typesetting in slices measured worse (each slice costs a layout of the page).
// When every formula is typeset, <html> gets data-notes-math="done" (the browser tests wait for it).
(function () {
  var strict = [
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
  ];
  var notebook = [{ left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false }].concat(strict);
  document.querySelectorAll(".arithmatex").forEach(function (el) {
    renderMathInElement(el, { delimiters: strict, throwOnError: false });
  });
  document.querySelectorAll(".jupyter-wrapper .jp-MarkdownCell").forEach(function (el) {
    renderMathInElement(el, { delimiters: notebook, throwOnError: false });
  });
  document.documentElement.setAttribute("data-notes-math", "done");
})();
