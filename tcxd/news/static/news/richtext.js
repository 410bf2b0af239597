// The editors' rich-text box: a toolbar over a contenteditable area that writes its HTML
// back into the <textarea> when the form is sent. Without JavaScript the textarea takes
// HTML directly. Whatever is typed or pasted, the server sanitises it (nh3) on save.
(function () {
  "use strict";
  function button(label, title, run) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });
    b.addEventListener("click", run);
    return b;
  }
  function setup(textarea) {
    var t = JSON.parse(textarea.getAttribute("data-labels") || "{}");
    var images = JSON.parse(textarea.getAttribute("data-images") || "[]");
    var wrap = document.createElement("div");
    wrap.className = "rte";
    var bar = document.createElement("div");
    bar.className = "rte-bar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", t.toolbar || "Formatting");
    var area = document.createElement("div");
    area.className = "rte-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", t.body || "Body");
    area.innerHTML = textarea.value;
    function cmd(name, value) { return function () { area.focus(); document.execCommand(name, false, value || null); }; }
    bar.appendChild(button("B", t.bold || "Bold", cmd("bold")));
    bar.appendChild(button("I", t.italic || "Italic", cmd("italic")));
    bar.appendChild(button("H2", t.h2 || "Heading", cmd("formatBlock", "h2")));
    bar.appendChild(button("H3", t.h3 || "Subheading", cmd("formatBlock", "h3")));
    bar.appendChild(button("¶", t.p || "Paragraph", cmd("formatBlock", "p")));
    bar.appendChild(button("•", t.ul || "Bulleted list", cmd("insertUnorderedList")));
    bar.appendChild(button("1.", t.ol || "Numbered list", cmd("insertOrderedList")));
    bar.appendChild(button("❝", t.quote || "Quotation", cmd("formatBlock", "blockquote")));
    bar.appendChild(button("🔗", t.link || "Link", function () {
      var url = window.prompt(t.linkPrompt || "Address (https://…)", "https://");
      if (url) { area.focus(); document.execCommand("createLink", false, url); }
    }));
    if (images.length) {
      var select = document.createElement("select");
      select.setAttribute("aria-label", t.image || "Insert an image");
      var first = document.createElement("option");
      first.value = ""; first.textContent = t.image || "Insert an image";
      select.appendChild(first);
      images.forEach(function (img) {
        var o = document.createElement("option");
        o.value = img.url; o.textContent = img.label; o.setAttribute("data-alt", img.alt || "");
        select.appendChild(o);
      });
      select.addEventListener("change", function () {
        var o = select.options[select.selectedIndex];
        if (!o.value) { return; }
        area.focus();
        var alt = (o.getAttribute("data-alt") || "").replace(/[&<>"]/g, "");
        document.execCommand("insertHTML", false, '<img src="' + o.value + '" alt="' + alt + '">');
        select.selectedIndex = 0;
      });
      bar.appendChild(select);
    }
    bar.appendChild(button("⌫", t.clear || "Remove formatting", cmd("removeFormat")));
    var source = button("</>", t.source || "HTML", function () {
      var showing = !textarea.hidden;
      if (showing) { area.innerHTML = textarea.value; } else { textarea.value = area.innerHTML; }
      textarea.hidden = showing;
      area.hidden = !showing;
      source.setAttribute("aria-pressed", showing ? "false" : "true");
    });
    source.setAttribute("aria-pressed", "false");
    bar.appendChild(source);
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(bar);
    wrap.appendChild(area);
    wrap.appendChild(textarea);
    textarea.hidden = true;
    textarea.form.addEventListener("submit", function () {
      if (textarea.hidden) { textarea.value = area.innerHTML; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea.js-richtext"), setup);
  });
})();
