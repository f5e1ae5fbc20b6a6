/*
 * "Fill in from DOI or PMID" in the reference editor (ReferenceBlock, form class
 * "reference-block"). It asks the admin lookup view (articles/references/views.py) for the
 * reference's fields and fills in the empty ones. A field the editor has already typed in
 * is only replaced if they say yes. The result or the error is announced next to the
 * button (aria-live). Plain JS, no framework: reference blocks appear whenever an editor
 * adds one, so a MutationObserver adds the button to each new block.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var lookupUrl = script && script.dataset.lookupUrl;
  if (!lookupUrl) {
    return;
  }

  var FIELDS = ["authors", "year", "title", "source", "volume", "issue", "pages", "doi", "pmid"];
  var LABELS = {
    authors: "Authors",
    year: "Year",
    title: "Title",
    source: "Source",
    volume: "Volume",
    issue: "Issue",
    pages: "Pages",
    doi: "DOI",
    pmid: "PubMed ID",
  };

  function field(block, name) {
    return block.querySelector('[data-contentpath="' + name + '"] input, [data-contentpath="' + name + '"] select');
  }

  function setValue(input, value) {
    if (input.type === "checkbox") {
      input.checked = Boolean(value);
    } else {
      input.value = value === null || value === undefined ? "" : String(value);
    }
    // Wagtail's unsaved-changes tracking and the preview listen for these.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function fill(block, reference) {
    var filled = [];
    var kept = [];
    var titleWasEmpty = !field(block, "title") || !field(block, "title").value.trim();
    FIELDS.forEach(function (name) {
      var input = field(block, name);
      var value = reference[name];
      if (!input || value === null || value === undefined || value === "") {
        return;
      }
      var current = input.value.trim();
      if (current === String(value)) {
        return;
      }
      if (current === "") {
        setValue(input, value);
        filled.push(LABELS[name]);
      } else {
        kept.push(name);
      }
    });
    if (kept.length) {
      var names = kept.map(function (name) { return LABELS[name]; }).join(", ");
      // Never overwrite what the editor typed without asking.
      if (window.confirm("Replace what you typed in " + names + " with the looked-up values?")) {
        kept.forEach(function (name) {
          setValue(field(block, name), reference[name]);
          filled.push(LABELS[name]);
        });
        kept = [];
      }
    }
    // The kind and the organisation choice always have a value: set them only for a new
    // reference (no title yet), so a choice the editor made is never changed.
    if (titleWasEmpty) {
      var kind = field(block, "kind");
      if (kind && reference.kind) {
        setValue(kind, reference.kind);
      }
      var organisation = field(block, "organisation");
      if (organisation) {
        setValue(organisation, reference.organisation);
      }
    }
    var message = filled.length ? "Filled in: " + filled.join(", ") + "." : "Nothing new to fill in.";
    if (kept.length) {
      message += " Kept what you typed in: " + kept.map(function (name) { return LABELS[name]; }).join(", ") + ".";
    }
    return message + " Check the fields against the source before saving.";
  }

  function lookUp(block, button, status) {
    var doi = field(block, "doi");
    var pmid = field(block, "pmid");
    var query;
    if (doi && doi.value.trim()) {
      query = "doi=" + encodeURIComponent(doi.value.trim());
    } else if (pmid && pmid.value.trim()) {
      query = "pmid=" + encodeURIComponent(pmid.value.trim());
    } else {
      status.textContent = "Enter a DOI or a PubMed ID first.";
      status.dataset.state = "error";
      return;
    }
    button.disabled = true;
    status.dataset.state = "busy";
    status.textContent = "Looking the reference up…";
    fetch(lookupUrl + "?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(
          function (data) { return data; },
          function () { return { error: "The lookup failed (" + response.status + "). Fill in the fields by hand." }; }
        );
      })
      .then(function (data) {
        if (data.reference) {
          var warnings = (data.warnings || []).join(" ");
          status.textContent = (warnings ? warnings + " " : "") + fill(block, data.reference);
          status.dataset.state = warnings ? "warning" : "done";
        } else {
          status.textContent = data.error || "The lookup failed. Fill in the fields by hand.";
          status.dataset.state = "error";
        }
      })
      .catch(function () {
        status.textContent = "Could not reach the site. Check the connection and try again.";
        status.dataset.state = "error";
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  function enhance(block) {
    if (block.dataset.referenceLookup) {
      return;
    }
    var anchor = block.querySelector('[data-contentpath="pmid"]') || block.querySelector('[data-contentpath="doi"]');
    if (!anchor) {
      return;
    }
    block.dataset.referenceLookup = "ready";
    var wrapper = document.createElement("div");
    wrapper.className = "reference-lookup";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = "Fill in from DOI or PMID";
    var status = document.createElement("p");
    status.className = "reference-lookup__status help";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      lookUp(block, button, status);
    });
    wrapper.appendChild(button);
    wrapper.appendChild(status);
    anchor.insertAdjacentElement("afterend", wrapper);
  }

  function enhanceAll(root) {
    if (root.querySelectorAll) {
      root.querySelectorAll(".reference-block").forEach(enhance);
    }
  }

  function start() {
    enhanceAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            if (node.classList.contains("reference-block")) {
              enhance(node);
            }
            enhanceAll(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
