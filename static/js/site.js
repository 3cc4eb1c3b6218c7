// Small progressive enhancements; every page works without them.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Collapsible main menu on narrow screens.
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("main-nav-list");
    if (toggle && list) {
        toggle.hidden = false;
        list.setAttribute("data-collapsed", "true");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            list.setAttribute("data-collapsed", String(open));
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                toggle.setAttribute("aria-expanded", "false");
                list.setAttribute("data-collapsed", "true");
                toggle.focus();
            }
        });
    }

    // Third-party media load only after the visitor agrees.
    document.querySelectorAll("[data-embed-consent]").forEach(function (figure) {
        var button = figure.querySelector("[data-embed-load]");
        var template = figure.querySelector("template");
        if (!button || !template) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var placeholder = figure.querySelector(".embed__placeholder");
            figure.appendChild(template.content.cloneNode(true));
            placeholder.remove();
        });
    });
}());
