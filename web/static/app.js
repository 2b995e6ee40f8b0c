// Vigil's progressive JavaScript: keyboard shortcuts and batch progress.
// Every page works without it; it adds no inline code (see the CSP).
(function () {
  "use strict";
  var typing = function (el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  };
  var rows = function () { return Array.prototype.slice.call(document.querySelectorAll("tr[data-row]")); };
  var selected = -1;
  var select = function (i) {
    var rs = rows();
    if (!rs.length) { return; }
    i = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    rs[i].classList.add("selected");
    rs[i].setAttribute("aria-selected", "true");
    var link = rs[i].querySelector("a");
    if (link) { link.focus(); }
    selected = i;
  };
  var click = function (sel) { var el = document.querySelector(sel); if (el) { el.click(); return true; } return false; };
  var focus = function (sel) { var el = document.querySelector(sel); if (el) { el.focus(); return true; } return false; };
  var pendingG = false;
  // A shortcut that moves the focus into a text field must not also type
  // its letter there: swallow the keypress that follows its keydown.
  var swallow = null;
  document.addEventListener("keypress", function (e) {
    if (swallow !== null && e.key === swallow) { e.preventDefault(); }
    swallow = null;
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "Escape") {
      var help = document.getElementById("keys-help");
      if (help && !help.hidden) { help.hidden = true; e.preventDefault(); return; }
      if (typing(document.activeElement)) { document.activeElement.blur(); }
      return;
    }
    if (typing(e.target)) { return; }
    if (pendingG) {
      pendingG = false;
      var to = { d: "/", a: "/alerts", s: "/screen", u: "/subjects", l: "/lists", n: "/network" }[e.key];
      if (to) { e.preventDefault(); window.location.assign(to); }
      return;
    }
    var handled = true;
    switch (e.key) {
      case "g": pendingG = true; break;
      case "?": var h = document.getElementById("keys-help"); h.hidden = !h.hidden; break;
      case "j": select(selected + 1); break;
      case "k": select(selected < 0 ? 0 : selected - 1); break;
      case "o":
        if (selected >= 0) { rows()[selected].querySelector("a").click(); } else { handled = false; }
        break;
      case "/": handled = focus("[data-focus-first]"); break;
      case "s": handled = click("button[data-key=s]"); break;
      case "a": handled = focus("#approve-comment"); break;
      case "n": handled = focus("textarea[data-key=n]"); break;
      case "t": case "f": case "i":
        var radio = document.querySelector("input[data-key=" + e.key + "]");
        if (radio) { radio.checked = true; focus("#decide-reason"); } else { handled = false; }
        break;
      case "]": handled = click("a[data-next]"); break;
      default: handled = false;
    }
    if (handled) { e.preventDefault(); swallow = e.key; }
  });

  // Batch progress: poll the status until the batch is finished.
  var box = document.querySelector("[data-batch]");
  if (box) {
    var url = box.getAttribute("data-batch");
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-batch-text]");
    var summary = box.querySelector("[data-batch-summary]");
    var downloads = box.querySelector("[data-batch-downloads]");
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          bar.max = s.total; bar.value = s.done;
          text.textContent = s.done + " of " + s.total + " subjects screened" + (s.finished ? ": finished." : ".");
          summary.textContent = s.subjects_with_hits + " subject(s) with hits; " + s.rows_failed + " row(s) not screened." + (s.error ? " " + s.error : "");
          if (s.finished) { downloads.hidden = false; } else { setTimeout(poll, 700); }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    if (downloads.hidden) { setTimeout(poll, 300); }
  }
})();
