// Small progressive enhancements; every page works without them.
(function () {
    "use strict";
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

// Gallery viewer: a native <dialog> that keeps focus inside, moves with arrow keys and
// swipes, closes with Escape and gives focus back to the thumbnail that opened it.
(function () {
    "use strict";
    var gallery = document.querySelector("[data-gallery]");
    var viewer = document.querySelector("[data-viewer]");
    if (!gallery || !viewer || typeof viewer.showModal !== "function") { return; }
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-link]"));
    var caption = viewer.querySelector(".viewer__caption");
    // The picture is made here: the page's markup has no image to show before one is chosen.
    var picture = document.createElement("picture");
    var sources = ["avif", "webp"].map(function (format) {
        var source = document.createElement("source");
        source.type = "image/" + format;
        source.setAttribute("data-viewer-source", format);
        return picture.appendChild(source);
    });
    var image = picture.appendChild(document.createElement("img"));
    image.className = "viewer__image";
    caption.parentNode.insertBefore(picture, caption);
    var count = viewer.querySelector("[data-viewer-count]");
    var current = 0;
    var opener = null;

    function show(index) {
        current = (index + links.length) % links.length;
        var link = links[current];
        // The <source> elements first, so the browser picks AVIF or WebP over the JPEG.
        sources.forEach(function (source) {
            source.srcset = link.getAttribute("data-" + source.getAttribute("data-viewer-source"));
        });
        image.src = link.href;
        image.alt = link.getAttribute("data-alt") || "";
        image.width = link.getAttribute("data-width");
        image.height = link.getAttribute("data-height");
        caption.textContent = link.getAttribute("data-caption") || link.getAttribute("data-alt") || "";
        count.textContent = count.getAttribute("data-template")
            .replace("{n}", String(current + 1)).replace("{total}", String(links.length));
    }

    links.forEach(function (link, index) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            opener = link;
            show(index);
            viewer.showModal();
            viewer.querySelector("[data-viewer-next]").focus();
        });
    });
    viewer.querySelector("[data-viewer-prev]").addEventListener("click", function () { show(current - 1); });
    viewer.querySelector("[data-viewer-next]").addEventListener("click", function () { show(current + 1); });
    viewer.querySelector("[data-viewer-close]").addEventListener("click", function () { viewer.close(); });
    viewer.addEventListener("keydown", function (event) {
        if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
        if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    });
    // <dialog> closes itself on Escape; focus goes back to where the visitor was.
    viewer.addEventListener("close", function () { if (opener) { opener.focus(); } });
    viewer.addEventListener("click", function (event) { if (event.target === viewer) { viewer.close(); } });

    var touchStartX = null;
    viewer.addEventListener("touchstart", function (event) { touchStartX = event.changedTouches[0].clientX; }, { passive: true });
    viewer.addEventListener("touchend", function (event) {
        if (touchStartX === null) { return; }
        var distance = event.changedTouches[0].clientX - touchStartX;
        if (Math.abs(distance) > 50) { show(current + (distance < 0 ? 1 : -1)); }
        touchStartX = null;
    });
}());
